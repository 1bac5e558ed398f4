"""/me/: one page per person showing what waits for them in each role they hold, and nothing of anyone else's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal import testing
from portal.associations.models import MembershipStatus, Status

DASHBOARD = "/me/"


def page(client) -> str:
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.content.decode()


def request_to_join(association, name: str):
    enterprise = testing.make_enterprise(name=name)
    return testing.make_membership(association=association, enterprise=enterprise, status=MembershipStatus.REQUESTED)


def test_anonymous_visitor_is_sent_to_log_in(anonymous):
    response = anonymous.get(DASHBOARD)

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/me/"


# --- SIDBI ----------------------------------------------------------------------------------------------------


def test_officer_sees_applications_waiting_for_review_with_a_link_to_review_them(client_for, officer, association_a):
    pending = testing.make_association(status=Status.SUBMITTED, name="Coimbatore Pump Makers Association", slug="cbe")
    testing.make_association(status=Status.INFO_REQUESTED, name="Waiting For Applicant Association")

    html = page(client_for(officer))

    assert "SIDBI: association applications" in html
    assert f'<a href="/associations/{pending.slug}/review/">Coimbatore Pump Makers Association</a>' in html
    assert "Waiting For Applicant Association" not in html  # it is the applicant's turn, not SIDBI's
    assert association_a.name not in html


def test_officer_sees_how_many_applications_wait_on_each_side(client_for, officer, association_a):
    for _ in range(12):
        testing.make_association(status=Status.SUBMITTED)
    testing.make_association(status=Status.INFO_REQUESTED)

    sidbi = client_for(officer).get(DASHBOARD).context["sidbi"]

    assert (sidbi["pending_count"], sidbi["info_requested_count"], sidbi["approved_count"]) == (12, 1, 1)
    assert len(sidbi["pending"]) == 10


def test_authority_sees_waiting_applications_but_no_review_link(client_for, authority):
    testing.make_association(status=Status.SUBMITTED, name="Coimbatore Pump Makers Association", slug="cbe")

    html = page(client_for(authority))

    assert "Coimbatore Pump Makers Association" in html
    assert "/associations/cbe/review/" not in html


@pytest.mark.parametrize("person", ["member_a", "bearer_a", "provider_user"])
def test_people_outside_sidbi_do_not_see_the_applications(client_for, request, person):
    testing.make_association(status=Status.SUBMITTED, name="Coimbatore Pump Makers Association")

    html = page(client_for(request.getfixturevalue(person)))

    assert "SIDBI: association applications" not in html
    assert "Coimbatore Pump Makers Association" not in html


# --- Office-bearers -------------------------------------------------------------------------------------------


def test_office_bearer_sees_join_requests_waiting_for_their_association_only(
    client_for, bearer_a, association_a, association_b, member_a
):
    request_to_join(association_a, "Noyyal Dyeing Works")
    request_to_join(association_b, "Punjab Precision Forgings")

    html = page(client_for(bearer_a))

    assert "1 join request waiting" in html
    assert "Noyyal Dyeing Works" in html
    assert "Punjab Precision Forgings" not in html
    assert "1 member ·" in html  # member_a
    assert f'href="/associations/{association_a.slug}/manage/"' in html
    assert association_b.name not in html


def test_office_bearer_is_told_how_many_requests_wait_even_when_only_the_first_ten_are_listed(
    client_for, bearer_a, association_a
):
    for n in range(12):
        request_to_join(association_a, f"Knit Unit {n:02d}")

    response = client_for(bearer_a).get(DASHBOARD)

    assert "12 join requests waiting" in response.content.decode()
    assert len(response.context["offices"][0]["requests"]) == 10


def test_other_associations_office_bearer_does_not_see_the_requests(client_for, bearer_b, association_a, association_b):
    request_to_join(association_a, "Noyyal Dyeing Works")

    html = page(client_for(bearer_b))

    assert "Noyyal Dyeing Works" not in html
    assert "0 join requests waiting" in html


def test_decided_requests_no_longer_wait(client_for, bearer_a, association_a):
    for status, name in [(MembershipStatus.DECLINED, "Declined Knits"), (MembershipStatus.APPROVED, "Approved Knits")]:
        testing.make_membership(association=association_a, enterprise=testing.make_enterprise(name=name), status=status)

    html = page(client_for(bearer_a))

    assert "0 join requests waiting" in html
    assert "Declined Knits" not in html and "Approved Knits" not in html


def test_office_bearer_of_an_application_sees_its_status_and_sidbis_question_but_no_requests(client_for, officer):
    from portal.associations.services import association_review

    applicant = testing.make_user("applicant@pumps.example.in")
    association = testing.make_association(office_bearer=applicant, status=Status.SUBMITTED)
    association_review(association=association, by=officer, decision="request_info", reason="Upload the 2023 renewal.")
    request_to_join(association, "Too Early Enterprises")

    html = page(client_for(applicant))

    assert "Upload the 2023 renewal." in html
    assert f'href="/associations/{association.slug}/application/">Answer and resubmit' in html
    assert "Until SIDBI approves the association it has no powers on the portal." in html
    assert "Too Early Enterprises" not in html
    assert "join request" not in html


# --- Members --------------------------------------------------------------------------------------------------


def test_member_sees_their_own_enterprise_and_memberships_only(
    client_for, member_a, member_b, association_a, association_b
):
    html = page(client_for(member_a))

    assert member_a.enterprise.name in html
    assert (
        f'<a href="{association_a.get_absolute_url()}">{association_a.name}</a> <span class="badge approved">Member</span>'
        in html
    )
    assert member_b.enterprise.name not in html
    assert association_b.name not in html


def test_member_sees_a_pending_request_as_requested(client_for, member_a, association_b):
    testing.make_membership(
        association=association_b, enterprise=member_a.enterprise, status=MembershipStatus.REQUESTED
    )

    html = page(client_for(member_a))

    assert f'{association_b.name}</a> <span class="badge requested">Requested</span>' in html


def test_new_user_without_any_role_is_shown_how_to_get_started(client_for, db):
    html = page(client_for(testing.make_user()))

    assert "Get started" in html
    assert 'href="/enterprises/new/">Create my enterprise' in html


# --- A fixed number of queries whatever the numbers -------------------------------------------------------------


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD).status_code == 200
    return len(queries)


def test_officer_dashboard_queries_do_not_grow_with_waiting_applications(
    client_for, officer, django_assert_num_queries
):
    client = client_for(officer)
    for _ in range(3):
        testing.make_association(status=Status.SUBMITTED)
    few = count_queries(client)
    for _ in range(17):
        testing.make_association(status=Status.SUBMITTED)

    with django_assert_num_queries(few):
        client.get(DASHBOARD)


def test_office_bearer_dashboard_queries_do_not_grow_with_join_requests(
    client_for, bearer_a, association_a, django_assert_num_queries
):
    client = client_for(bearer_a)
    for n in range(3):
        request_to_join(association_a, f"Early Knits {n}")
    few = count_queries(client)
    for n in range(17):
        request_to_join(association_a, f"Late Knits {n}")

    with django_assert_num_queries(few):
        client.get(DASHBOARD)


def test_member_dashboard_queries_do_not_grow_with_memberships(client_for, member_a, django_assert_num_queries):
    client = client_for(member_a)
    for _ in range(2):
        testing.make_membership(association=testing.make_association(), enterprise=member_a.enterprise)
    few = count_queries(client)
    for _ in range(17):
        testing.make_membership(association=testing.make_association(), enterprise=member_a.enterprise)

    with django_assert_num_queries(few):
        response = client.get(DASHBOARD)
    assert len(response.context["enterprises"][0]["memberships"]) == 20


def test_dashboard_queries_do_not_grow_with_the_number_of_associations_a_person_works_for(
    client_for, bearer_a, association_a, officer, django_assert_num_queries
):
    from portal.associations.models import AssociationStaff, StaffRole
    from portal.associations.services import association_review

    client = client_for(bearer_a)
    request_to_join(association_a, "Early Knits")
    applied = testing.make_association(status=Status.SUBMITTED)
    AssociationStaff.objects.create(association=applied, user=bearer_a, role=StaffRole.ADMIN)
    few = count_queries(client)
    for n in range(4):
        other = testing.make_association()
        AssociationStaff.objects.create(association=other, user=bearer_a, role=StaffRole.ADMIN)
        request_to_join(other, f"Other Knits {n}")
        pending = testing.make_association(status=Status.SUBMITTED)
        AssociationStaff.objects.create(association=pending, user=bearer_a, role=StaffRole.ADMIN)
        association_review(association=pending, by=officer, decision="request_info", reason=f"Question {n}")

    with django_assert_num_queries(few):
        response = client.get(DASHBOARD)
    html = response.content.decode()
    assert len(response.context["offices"]) == 10
    assert "Other Knits 3" in html and "Question 3" in html
