"""Asking to join an association (/<slug>/join/) and the office-bearers' decision (/<slug>/manage/requests/<id>/)."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal import testing
from portal.associations import services
from portal.associations.models import Membership, MembershipStatus, Status
from portal.core.errors import ActionRefused
from portal.core.models import AuditLog
from portal.enterprises.models import EnterpriseRole, EnterpriseUser

JOIN_A = reverse("associations:join", args=["tiruppur"])
MANAGE_A = reverse("associations:manage", args=["tiruppur"])


def decide_url(membership, slug: str = "tiruppur") -> str:
    return reverse("associations:decide", args=[slug, membership.pk])


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def request_b_to_a(association_a, member_b):
    """member_b's enterprise has asked to join association A."""
    return services.membership_request(
        enterprise=member_b.enterprise,
        association=association_a,
        by=member_b,
        message="We make fasteners for knitting machines",
    )


@pytest.fixture
def unapproved(db):
    bearer = testing.make_user("bearer-new@example.in")
    association = testing.make_association(office_bearer=bearer, status=Status.SUBMITTED, slug="erode")
    bearer.enterprise = testing.make_enterprise(owner=bearer, name="Erode Looms")
    return association, bearer


# --- Asking to join ---------------------------------------------------------------------------------


def test_enterprise_asks_to_join_and_the_office_bearer_sees_the_request(client_for, association_a, bearer_a, member_b):
    response = client_for(member_b).post(JOIN_A, {"enterprise": member_b.enterprise.pk, "message": "Please admit us"})

    assert response.status_code == 302
    assert response.url == association_a.get_absolute_url()
    assert messages_of(response) == ["Request sent. The association's office-bearers will decide."]
    membership = Membership.objects.get(association=association_a, enterprise=member_b.enterprise)
    assert membership.status == MembershipStatus.REQUESTED
    assert membership.message == "Please admit us"
    assert (membership.decided_by, membership.decided_at) == (None, None)
    log = AuditLog.objects.for_object(membership).get()
    assert (log.action, log.actor, log.association) == ("membership.requested", member_b, association_a)

    manage = client_for(bearer_a).get(MANAGE_A)
    assert "B Fasteners" in manage.content.decode()
    assert "Please admit us" in manage.content.decode()
    assert decide_url(membership) in manage.content.decode()


def test_the_requester_sees_the_pending_request_on_the_association_page(client_for, association_a, member_b):
    response = client_for(member_b).post(JOIN_A, {"enterprise": member_b.enterprise.pk}, follow=True)

    html = response.content.decode()
    assert "Your membership" in html
    assert "Requested" in html
    assert 'action="/associations/tiruppur/join/"' not in html  # no second join form for the same enterprise


def test_staff_of_an_enterprise_may_ask_to_join_for_it(client_for, association_a, member_b):
    clerk = testing.make_user("clerk@bfasteners.example.in")
    EnterpriseUser.objects.create(enterprise=member_b.enterprise, user=clerk, role=EnterpriseRole.STAFF)

    client_for(clerk).post(JOIN_A, {"enterprise": member_b.enterprise.pk})

    assert Membership.objects.filter(association=association_a, enterprise=member_b.enterprise).exists()


def test_asking_twice_is_refused_with_a_message(client_for, association_a, member_b, request_b_to_a):
    response = client_for(member_b).post(JOIN_A, {"enterprise": member_b.enterprise.pk})

    assert messages_of(response) == ["B Fasteners has already asked to join or is a member (Requested)."]
    assert Membership.objects.filter(association=association_a, enterprise=member_b.enterprise).count() == 1
    assert AuditLog.objects.filter(action="membership.requested").count() == 1


def test_a_member_asking_to_join_again_is_refused(client_for, association_a, member_a):
    response = client_for(member_a).post(JOIN_A, {"enterprise": member_a.enterprise.pk})

    assert messages_of(response) == ["A Knit Works has already asked to join or is a member (Member)."]
    assert Membership.objects.get(enterprise=member_a.enterprise).status == MembershipStatus.APPROVED


def test_a_declined_enterprise_may_ask_again(client_for, association_a, bearer_a, member_b, request_b_to_a):
    services.membership_decide(membership=request_b_to_a, by=bearer_a, approve=False, reason="Not in our cluster")

    client_for(member_b).post(JOIN_A, {"enterprise": member_b.enterprise.pk, "message": "We moved to Tiruppur"})

    request_b_to_a.refresh_from_db()
    assert request_b_to_a.status == MembershipStatus.REQUESTED
    assert (request_b_to_a.decided_by, request_b_to_a.decided_at) == (None, None)
    assert request_b_to_a.message == "We moved to Tiruppur"
    assert AuditLog.objects.for_object(request_b_to_a).filter(action="membership.requested_again").exists()


def test_asking_for_someone_elses_enterprise_is_refused(client_for, association_a, member_a, member_b):
    response = client_for(member_a).post(
        reverse("associations:join", args=["ludhiana"]), {"enterprise": member_b.enterprise.pk}
    )

    assert messages_of(response) == ["Choose one of your enterprises."]
    assert Membership.objects.filter(enterprise=member_b.enterprise).count() == 1  # only its own, in B
    assert not Membership.objects.filter(enterprise=member_a.enterprise, association__slug="ludhiana").exists()


def test_joining_an_unapproved_association_is_404_for_outsiders(client_for, member_b, unapproved):
    association, _bearer = unapproved
    response = client_for(member_b).post(
        reverse("associations:join", args=[association.slug]), {"enterprise": member_b.enterprise.pk}
    )

    assert response.status_code == 404
    assert not Membership.objects.filter(association=association).exists()


def test_joining_an_unapproved_association_is_refused_even_for_its_own_office_bearer(client_for, unapproved):
    association, bearer = unapproved
    response = client_for(bearer).post(
        reverse("associations:join", args=[association.slug]), {"enterprise": bearer.enterprise.pk}
    )

    assert messages_of(response) == ["This association is not verified yet and cannot take members."]
    assert not Membership.objects.filter(association=association).exists()


def test_service_refuses_membership_of_an_unapproved_association(unapproved, member_b):
    association, _bearer = unapproved
    with pytest.raises(ActionRefused, match="not verified yet"):
        services.membership_request(enterprise=member_b.enterprise, association=association, by=member_b)
    assert not Membership.objects.filter(association=association).exists()


def test_anonymous_visitor_is_sent_to_log_in(anonymous, association_a, member_b):
    response = anonymous.post(JOIN_A, {"enterprise": member_b.enterprise.pk})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not Membership.objects.filter(association=association_a, enterprise=member_b.enterprise).exists()


def test_user_without_an_enterprise_is_guided_to_create_one(client_for, association_a):
    newcomer = testing.make_user("newcomer@example.in")
    client = client_for(newcomer)

    response = client.post(JOIN_A, {"message": "Hello"}, follow=True)

    assert messages_of(response) == ["Choose one of your enterprises."]
    html = response.content.decode()
    assert response.redirect_chain == [(association_a.get_absolute_url(), 302)]
    assert "Create your enterprise profile to ask to join." in html
    assert f"{reverse('enterprises:create')}?next=/associations/tiruppur/" in html
    assert not Membership.objects.exists()


def test_joining_needs_a_post(client_for, association_a, member_b):
    response = client_for(member_b).get(JOIN_A, {"enterprise": member_b.enterprise.pk})

    assert response.status_code == 405
    assert not Membership.objects.filter(association=association_a, enterprise=member_b.enterprise).exists()


# --- The manage page -------------------------------------------------------------------------------------


def test_declined_and_approved_memberships_are_not_listed_as_requests(client_for, association_a, bearer_a, member_a):
    declined = testing.make_membership(
        association=association_a,
        enterprise=testing.make_enterprise(name="Declined Dyeing"),
        status=MembershipStatus.DECLINED,
    )
    response = client_for(bearer_a).get(MANAGE_A)

    html = response.content.decode()
    assert "No requests waiting." in html
    assert decide_url(declined) not in html
    assert "A Knit Works" not in html


def test_member_who_is_not_an_office_bearer_gets_403_on_the_manage_page(client_for, member_a):
    assert client_for(member_a).get(MANAGE_A).status_code == 403


def test_office_bearer_of_other_association_gets_404_on_the_manage_page(client_for, association_a, bearer_b):
    assert client_for(bearer_b).get(MANAGE_A).status_code == 404


def test_member_gets_403_on_the_manage_page(client_for, association_a, member_a):
    assert client_for(member_a).get(MANAGE_A).status_code == 403


def test_sidbi_officer_has_no_office_bearer_powers(client_for, association_a, officer):
    assert client_for(officer).get(MANAGE_A).status_code == 403


def test_office_bearer_of_unapproved_association_gets_403_on_its_manage_page(client_for, unapproved):
    association, bearer = unapproved
    assert client_for(bearer).get(reverse("associations:manage", args=[association.slug])).status_code == 403


def test_manage_page_runs_the_same_queries_for_3_or_23_requests(client_for, association_a, bearer_a):
    client = client_for(bearer_a)

    def add_requests(n):
        for _ in range(n):
            testing.make_membership(
                association=association_a, enterprise=testing.make_enterprise(), status=MembershipStatus.REQUESTED
            )

    client.get(MANAGE_A)  # warm up caches (session, content types)
    add_requests(3)
    with CaptureQueriesContext(connection) as few:
        response = client.get(MANAGE_A)
    assert response.context["requests_page"].paginator.count == 3
    add_requests(20)
    with CaptureQueriesContext(connection) as many:
        response = client.get(MANAGE_A)
    assert response.context["requests_page"].paginator.count == 23
    assert len(many) == len(few)


# --- Deciding -------------------------------------------------------------------------------------------


def test_office_bearer_approves_a_request(client_for, association_a, bearer_a, member_b, request_b_to_a):
    response = client_for(bearer_a).post(decide_url(request_b_to_a), {"decision": "approve"})

    assert response.status_code == 302
    assert response.url == MANAGE_A
    request_b_to_a.refresh_from_db()
    assert request_b_to_a.status == MembershipStatus.APPROVED
    assert request_b_to_a.decided_by == bearer_a
    assert request_b_to_a.decided_at is not None
    log = AuditLog.objects.for_object(request_b_to_a).get(action="membership.approved")
    assert (log.actor, log.association) == (bearer_a, association_a)
    # The new member may now open the member directory.
    directory = client_for(member_b).get(reverse("associations:members", args=["tiruppur"]))
    assert directory.status_code == 200


def test_office_bearer_declines_a_request_with_a_reason(client_for, association_a, bearer_a, member_b, request_b_to_a):
    client_for(bearer_a).post(decide_url(request_b_to_a), {"decision": "decline", "reason": "  Not in our cluster "})

    request_b_to_a.refresh_from_db()
    assert request_b_to_a.status == MembershipStatus.DECLINED
    assert request_b_to_a.decided_by == bearer_a
    assert request_b_to_a.decided_at is not None
    assert request_b_to_a.decision_reason == "Not in our cluster"
    log = AuditLog.objects.for_object(request_b_to_a).get(action="membership.declined")
    assert (log.actor, log.reason) == (bearer_a, "Not in our cluster")
    # The enterprise sees the decision and its reason on the association page.
    page = client_for(member_b).get(association_a.get_absolute_url()).content.decode()
    assert "Declined" in page and "Not in our cluster" in page


def test_htmx_decision_returns_only_the_row(client_for, bearer_a, request_b_to_a):
    response = client_for(bearer_a).post(decide_url(request_b_to_a), {"decision": "approve"}, HTTP_HX_REQUEST="true")

    html = response.content.decode().strip()
    assert response.status_code == 200
    assert html.startswith(f'<li id="request-{request_b_to_a.pk}">')
    assert html.endswith("</li>")
    assert "<html" not in html and "<nav" not in html
    assert '<span class="badge approved">Member</span>' in html
    assert "hx-post" not in html  # decided: no more buttons
    request_b_to_a.refresh_from_db()
    assert request_b_to_a.status == MembershipStatus.APPROVED


def test_deciding_twice_is_refused_and_the_first_decision_stands(client_for, bearer_a, request_b_to_a):
    client = client_for(bearer_a)
    client.post(decide_url(request_b_to_a), {"decision": "decline", "reason": "Not in our cluster"})

    response = client.post(decide_url(request_b_to_a), {"decision": "approve"})

    assert messages_of(response) == ["This request has already been decided."]
    request_b_to_a.refresh_from_db()
    assert request_b_to_a.status == MembershipStatus.DECLINED
    assert request_b_to_a.decision_reason == "Not in our cluster"
    assert not AuditLog.objects.filter(action="membership.approved").exists()


def test_unknown_decision_is_refused_and_nothing_changes(client_for, bearer_a, request_b_to_a):
    response = client_for(bearer_a).post(decide_url(request_b_to_a), {"decision": "maybe"})

    assert messages_of(response) == ["Choose approve or decline."]
    request_b_to_a.refresh_from_db()
    assert request_b_to_a.status == MembershipStatus.REQUESTED


def test_member_who_is_not_an_office_bearer_gets_403_on_a_decision(client_for, member_a, request_b_to_a):
    response = client_for(member_a).post(decide_url(request_b_to_a), {"decision": "approve"})

    assert response.status_code == 403
    request_b_to_a.refresh_from_db()
    assert (request_b_to_a.status, request_b_to_a.decided_by) == (MembershipStatus.REQUESTED, None)


def test_office_bearer_of_other_association_gets_404_on_a_request_under_its_slug(client_for, bearer_b, request_b_to_a):
    response = client_for(bearer_b).post(decide_url(request_b_to_a), {"decision": "approve"})

    assert response.status_code == 404
    request_b_to_a.refresh_from_db()
    assert request_b_to_a.status == MembershipStatus.REQUESTED


def test_office_bearer_of_other_association_gets_404_on_a_request_through_their_own_slug(
    client_for, association_b, bearer_b, request_b_to_a
):
    response = client_for(bearer_b).post(decide_url(request_b_to_a, slug="ludhiana"), {"decision": "approve"})

    assert response.status_code == 404
    request_b_to_a.refresh_from_db()
    assert request_b_to_a.status == MembershipStatus.REQUESTED
    assert not AuditLog.objects.filter(action__startswith="membership.approved").exists()


def test_office_bearer_of_unapproved_association_cannot_decide_on_its_requests(client_for, unapproved, member_b):
    association, bearer = unapproved
    # A request left from before: the association is under review again and must have no powers.
    membership = testing.make_membership(
        association=association, enterprise=member_b.enterprise, status=MembershipStatus.REQUESTED
    )

    response = client_for(bearer).post(decide_url(membership, slug=association.slug), {"decision": "approve"})

    assert response.status_code == 403
    with pytest.raises(ActionRefused, match="Only the association's office-bearers"):
        services.membership_decide(membership=membership, by=bearer, approve=True)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REQUESTED


def test_service_refuses_a_decision_by_someone_who_does_not_manage_the_association(bearer_b, request_b_to_a):
    with pytest.raises(ActionRefused):
        services.membership_decide(membership=request_b_to_a, by=bearer_b, approve=True)
    request_b_to_a.refresh_from_db()
    assert request_b_to_a.status == MembershipStatus.REQUESTED


def test_anonymous_visitor_cannot_decide(anonymous, request_b_to_a):
    response = anonymous.post(decide_url(request_b_to_a), {"decision": "approve"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    request_b_to_a.refresh_from_db()
    assert request_b_to_a.status == MembershipStatus.REQUESTED
