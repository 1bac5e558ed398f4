"""Who sees which requirement, and who may do what on it (docs/permissions.md, "Requirements desk").

Another tenant's requirement is a 404 (no hint that it exists); a visible one with the wrong role is a
403 or a refusal that changes nothing.
"""

import html
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal import testing
from portal.core.errors import ActionRefused
from portal.core.samples import demo_pdf_bytes
from portal.desk import services
from portal.desk.models import Attachment, Holder, Message, Offer, OfferStatus, Requirement, Status
from portal.desk.tests.flows import fresh, quote


def page(response) -> str:
    return html.unescape(response.content.decode())


def listed(client, requirement) -> bool:
    response = client.get("/desk/", {"status": "all"})
    assert response.status_code == 200
    return f"/desk/{requirement.pk}/" in response.content.decode()


def pdf(name="report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, demo_pdf_bytes("Test report"), content_type="application/pdf")


@pytest.fixture
def req_a(member_a):
    """A posted testing requirement of member A, for its association and SIDBI only."""
    return testing.make_requirement(by=member_a, title="Colour fastness tests for export")


@pytest.fixture
def open_req(member_a):
    """A posted testing requirement of member A, also open to providers."""
    return testing.make_requirement(by=member_a, title="Open shrinkage tests", visibility="providers")


# ---------------------------------------------------------------- members


def test_a_member_sees_its_own_requirement_in_the_list_and_on_its_page(client_for, member_a, req_a):
    client = client_for(member_a)
    assert listed(client, req_a)
    response = client.get(f"/desk/{req_a.pk}/")
    assert response.status_code == 200
    assert "Colour fastness tests for export" in page(response)


def test_a_member_sees_its_own_drafts(client_for, member_a):
    draft = testing.make_requirement(by=member_a, post=False, title="Half-written need")
    client = client_for(member_a)
    assert listed(client, draft)
    assert client.get(f"/desk/{draft.pk}/").status_code == 200


def test_a_fellow_member_of_the_same_association_never_sees_it(client_for, member_a2, req_a):
    client = client_for(member_a2)
    assert client.get(f"/desk/{req_a.pk}/").status_code == 404
    assert not listed(client, req_a)
    assert not Requirement.objects.visible_to(member_a2).filter(pk=req_a.pk).exists()


def test_a_member_of_another_association_gets_404(client_for, member_b, req_a):
    client = client_for(member_b)
    assert client.get(f"/desk/{req_a.pk}/").status_code == 404
    assert not listed(client, req_a)


def test_a_second_person_of_the_same_enterprise_sees_its_requirements(client_for, member_a, req_a):
    from portal.enterprises.models import EnterpriseRole, EnterpriseUser

    colleague = testing.make_user("accounts@aknit.example.in")
    EnterpriseUser.objects.create(enterprise=member_a.enterprise, user=colleague, role=EnterpriseRole.STAFF)
    assert client_for(colleague).get(f"/desk/{req_a.pk}/").status_code == 200


# ---------------------------------------------------------------- the association office


def test_the_office_sees_its_members_posted_requirements(client_for, bearer_a, req_a):
    client = client_for(bearer_a)
    assert listed(client, req_a)
    assert client.get(f"/desk/{req_a.pk}/").status_code == 200


def test_the_office_never_sees_a_members_draft(client_for, member_a, bearer_a):
    draft = testing.make_requirement(by=member_a, post=False, title="Not ready yet")
    client = client_for(bearer_a)
    assert client.get(f"/desk/{draft.pk}/").status_code == 404
    assert not listed(client, draft)


def test_another_associations_office_gets_404(client_for, bearer_b, req_a):
    client = client_for(bearer_b)
    assert client.get(f"/desk/{req_a.pk}/").status_code == 404
    assert not listed(client, req_a)


def test_the_office_of_an_association_that_is_not_approved_sees_nothing(client_for, bearer_a, req_a):
    from portal.associations.models import Status as AssociationStatus

    req_a.association.status = AssociationStatus.REJECTED
    req_a.association.save(update_fields=["status"])
    assert client_for(bearer_a).get(f"/desk/{req_a.pk}/").status_code == 404


# ---------------------------------------------------------------- providers


def test_a_provider_sees_a_requirement_open_to_its_kind_sector_and_state(client_for, lab_user, lab, open_req):
    client = client_for(lab_user)
    assert listed(client, open_req)
    assert client.get(f"/desk/{open_req.pk}/").status_code == 200


def test_a_provider_does_not_see_a_requirement_kept_for_the_association(client_for, lab_user, lab, req_a):
    client = client_for(lab_user)
    assert client.get(f"/desk/{req_a.pk}/").status_code == 404
    assert not listed(client, req_a)


def test_a_provider_does_not_see_open_requirements_of_kinds_it_does_not_help_with(client_for, member_a, lab_user, lab):
    energy = testing.make_requirement(by=member_a, kind="energy", visibility="providers", title="Solar rooftop audit")
    assert client_for(lab_user).get(f"/desk/{energy.pk}/").status_code == 404


def test_a_provider_does_not_see_open_requirements_outside_its_sectors(client_for, association_a, lab_user, lab):
    user = testing.make_user()
    enterprise = testing.make_enterprise(owner=user, sector="engineering")
    testing.make_membership(association=association_a, enterprise=enterprise)
    requirement = testing.make_requirement(by=user, visibility="providers")
    assert client_for(lab_user).get(f"/desk/{requirement.pk}/").status_code == 404


def test_a_provider_does_not_see_open_requirements_outside_its_states(client_for, association_a, lab_user, lab):
    user = testing.make_user()
    enterprise = testing.make_enterprise(owner=user, state_code="PB")
    testing.make_membership(association=association_a, enterprise=enterprise)
    requirement = testing.make_requirement(by=user, visibility="providers")
    assert client_for(lab_user).get(f"/desk/{requirement.pk}/").status_code == 404


def test_a_provider_serving_all_sectors_and_states_sees_open_requirements_anywhere(
    client_for, member_b, rival_user, rival
):
    requirement = testing.make_requirement(by=member_b, visibility="providers")
    assert client_for(rival_user).get(f"/desk/{requirement.pk}/").status_code == 200


def test_a_provider_sees_what_is_assigned_to_it_even_if_not_open(client_for, bearer_a, lab_user, lab, req_a):
    services.requirement_assign(requirement=req_a, provider=lab, by=bearer_a)
    client = client_for(lab_user)
    assert listed(client, req_a)
    assert client.get(f"/desk/{req_a.pk}/").status_code == 200


def test_an_open_requirement_disappears_for_other_providers_once_an_offer_is_accepted(
    client_for, member_a, lab_user, lab, rival_user, rival, open_req
):
    offer = quote(open_req, lab_user)
    assert client_for(rival_user).get(f"/desk/{open_req.pk}/").status_code == 200
    services.offer_accept(offer=offer, by=member_a)
    assert client_for(rival_user).get(f"/desk/{open_req.pk}/").status_code == 404
    assert client_for(lab_user).get(f"/desk/{open_req.pk}/").status_code == 200


def test_a_provider_does_not_see_a_draft_even_if_it_would_be_open(client_for, member_a, lab_user, lab):
    draft = testing.make_requirement(by=member_a, post=False, visibility="providers")
    assert client_for(lab_user).get(f"/desk/{draft.pk}/").status_code == 404


def test_a_provider_awaiting_approval_sees_nothing(client_for, open_req):
    user = testing.make_user()
    testing.make_provider(user=user, status="pending", help_kinds=["testing"])
    assert client_for(user).get(f"/desk/{open_req.pk}/").status_code == 404
    assert not Requirement.objects.visible_to(user).exists()


def test_a_provider_sees_the_members_contact_only_after_the_member_accepts_its_offer(
    client_for, member_a, lab_user, lab, open_req
):
    enterprise = member_a.enterprise
    client = client_for(lab_user)
    before = page(client.get(f"/desk/{open_req.pk}/"))
    assert enterprise.email not in before
    assert enterprise.phone not in before
    assert "Shown once the member accepts your offer." in before

    offer = quote(open_req, lab_user)
    assert enterprise.email not in page(client.get(f"/desk/{open_req.pk}/"))

    services.offer_accept(offer=offer, by=member_a)
    after = page(client.get(f"/desk/{open_req.pk}/"))
    assert enterprise.email in after
    assert enterprise.phone in after


def test_an_assigned_provider_does_not_see_the_contact_before_an_accepted_offer(
    client_for, bearer_a, lab_user, lab, member_a, req_a
):
    services.requirement_assign(requirement=req_a, provider=lab, by=bearer_a)
    assert member_a.enterprise.email not in page(client_for(lab_user).get(f"/desk/{req_a.pk}/"))


def test_the_office_and_the_member_see_the_contact(client_for, member_a, bearer_a, req_a):
    for user in (member_a, bearer_a):
        assert member_a.enterprise.email in page(client_for(user).get(f"/desk/{req_a.pk}/"))


def test_a_provider_never_sees_a_competitors_offer(client_for, member_a, lab_user, lab, rival_user, rival, open_req):
    quote(open_req, lab_user, price="45000", scope="Lab scope: AATCC 135 shrinkage")
    quote(open_req, rival_user, price="39000", scope="Rival scope: ISO 6330 shrinkage")

    lab_page = page(client_for(lab_user).get(f"/desk/{open_req.pk}/"))
    assert "Lab scope: AATCC 135 shrinkage" in lab_page
    assert "Rival scope" not in lab_page
    assert "Coimbatore Labs" not in lab_page

    rival_page = page(client_for(rival_user).get(f"/desk/{open_req.pk}/"))
    assert "Rival scope: ISO 6330 shrinkage" in rival_page
    assert "Lab scope" not in rival_page

    member_page = page(client_for(member_a).get(f"/desk/{open_req.pk}/"))
    assert "Lab scope" in member_page and "Rival scope" in member_page


def test_a_provider_cannot_accept_or_decline_offers(client_for, member_a, lab_user, lab, open_req):
    offer = quote(open_req, lab_user)
    client = client_for(lab_user)
    client.post(f"/desk/{open_req.pk}/offers/{offer.pk}/accept/")
    client.post(f"/desk/{open_req.pk}/offers/{offer.pk}/decline/")
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.OPEN
    assert fresh(open_req).accepted_offer is None


def test_a_provider_cannot_act_on_a_competitors_offer_by_its_id(client_for, lab_user, lab, rival_user, rival, open_req):
    quote(open_req, lab_user)
    rival_offer = quote(open_req, rival_user)
    response = client_for(lab_user).post(f"/desk/{open_req.pk}/offers/{rival_offer.pk}/decline/")
    assert response.status_code == 302
    assert Offer.objects.get(pk=rival_offer.pk).status == OfferStatus.OPEN


# ---------------------------------------------------------------- SIDBI


def test_a_sidbi_officer_gets_404_on_a_requirement_still_with_the_association(client_for, officer, req_a):
    client = client_for(officer)
    assert client.get(f"/desk/{req_a.pk}/").status_code == 404
    assert not listed(client, req_a)


def test_a_sidbi_officer_sees_a_forwarded_requirement(client_for, officer, bearer_a, req_a):
    services.requirement_forward_to_sidbi(requirement=req_a, by=bearer_a, reason="Needs CGTMSE cover")
    client = client_for(officer)
    assert listed(client, req_a)
    assert client.get(f"/desk/{req_a.pk}/").status_code == 200


def test_a_sidbi_officer_sees_a_requirement_only_once_escalated_to_sidbi(client_for, officer, req_a):
    client = client_for(officer)
    services.escalate_overdue(now=req_a.posted_at + timedelta(hours=49))
    assert fresh(req_a).escalation_level == 1
    assert client.get(f"/desk/{req_a.pk}/").status_code == 404
    services.escalate_overdue(now=req_a.posted_at + timedelta(hours=98))
    assert fresh(req_a).escalation_level == 2
    assert client.get(f"/desk/{req_a.pk}/").status_code == 200


def test_a_sidbi_authority_sees_forwarded_requirements_too(client_for, authority, bearer_a, req_a):
    services.requirement_forward_to_sidbi(requirement=req_a, by=bearer_a, reason="Scheme question")
    assert client_for(authority).get(f"/desk/{req_a.pk}/").status_code == 200


def test_a_sidbi_officer_does_not_see_a_forwarded_one_after_it_is_returned(client_for, officer, bearer_a, req_a):
    services.requirement_forward_to_sidbi(requirement=req_a, by=bearer_a, reason="Scheme question")
    services.requirement_return_to_desk(requirement=req_a, by=officer, reason="The association can assign it")
    assert fresh(req_a).holder == Holder.ASSOCIATION
    assert client_for(officer).get(f"/desk/{req_a.pk}/").status_code == 404


# ---------------------------------------------------------------- anonymous


@pytest.mark.parametrize("path", ["/desk/", "/desk/new/", "/desk/stats/", "/desk/{pk}/", "/desk/{pk}/edit/"])
def test_an_anonymous_visitor_is_sent_to_log_in(anonymous, req_a, path):
    path = path.format(pk=req_a.pk)
    response = anonymous.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "next=" in response["Location"]


ACTIONS = ["post", "withdraw", "take-up", "assign", "forward", "return", "messages", "offers", "resolve", "reopen"]


def test_an_anonymous_post_to_any_action_changes_nothing(anonymous, req_a):
    for action in ACTIONS:
        response = anonymous.post(f"/desk/{req_a.pk}/{action}/", {"reason": "x", "body": "x", "rating": "5"})
        assert response.status_code == 302, action
        assert response["Location"].startswith("/accounts/login/")
    assert fresh(req_a).status == Status.POSTED
    assert req_a.transitions.count() == 1


# ---------------------------------------------------------------- actions by the wrong role


MEMBER_ACTIONS = [
    ("post", {}),
    ("withdraw", {"reason": "x"}),
    ("take-up", {}),
    ("assign", {"provider": "1"}),
    ("forward", {"reason": "x"}),
    ("return", {"reason": "x"}),
    ("messages", {"body": "Hello"}),
    ("offers", {"kind": "service", "price": "1", "scope": "x"}),
    ("resolve", {"rating": "5"}),
    ("reopen", {"reason": "x"}),
    ("close", {}),
    ("edit", {}),
]


@pytest.mark.parametrize("action,data", MEMBER_ACTIONS, ids=[a for a, _ in MEMBER_ACTIONS])
def test_a_member_of_another_association_acting_on_a_requirement_gets_404(client_for, member_b, req_a, action, data):
    response = client_for(member_b).post(f"/desk/{req_a.pk}/{action}/", data)
    assert response.status_code == 404
    assert fresh(req_a).status == Status.POSTED
    assert not req_a.messages.exists()


def test_a_fellow_member_acting_on_a_requirement_gets_404_everywhere(client_for, member_a2, req_a):
    client = client_for(member_a2)
    for action, data in MEMBER_ACTIONS:
        assert client.post(f"/desk/{req_a.pk}/{action}/", data).status_code == 404, action
    assert fresh(req_a).status == Status.POSTED


def test_a_member_of_another_association_cannot_accept_an_offer_on_it(client_for, member_b, lab_user, lab, open_req):
    offer = quote(open_req, lab_user)
    assert client_for(member_b).post(f"/desk/{open_req.pk}/offers/{offer.pk}/accept/").status_code == 404
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.OPEN


def test_a_member_cannot_assign_its_own_requirement(client_for, member_a, lab, req_a):
    response = client_for(member_a).post(f"/desk/{req_a.pk}/assign/", {"provider": lab.pk})
    assert response.status_code == 403
    with pytest.raises(ActionRefused, match="Only the association's office"):
        services.requirement_assign(requirement=req_a, provider=lab, by=member_a)
    assert fresh(req_a).status == Status.POSTED
    assert fresh(req_a).assigned_provider is None


def test_a_member_cannot_take_up_or_forward_its_own_requirement(client_for, member_a, req_a):
    client = client_for(member_a)
    client.post(f"/desk/{req_a.pk}/take-up/")
    client.post(f"/desk/{req_a.pk}/forward/", {"reason": "Faster please"})
    requirement = fresh(req_a)
    assert requirement.status == Status.POSTED
    assert requirement.holder == Holder.ASSOCIATION
    with pytest.raises(ActionRefused):
        services.requirement_forward_to_sidbi(requirement=req_a, by=member_a, reason="Faster please")


def test_a_member_cannot_make_an_offer(client_for, member_a, open_req):
    response = client_for(member_a).post(
        f"/desk/{open_req.pk}/offers/", {"kind": "service", "price": "100", "scope": "Do it myself"}
    )
    assert response.status_code == 403
    assert not Offer.objects.exists()


def test_a_provider_cannot_resolve(client_for, bearer_a, lab_user, lab, req_a):
    services.requirement_assign(requirement=req_a, provider=lab, by=bearer_a)
    response = client_for(lab_user).post(f"/desk/{req_a.pk}/resolve/", {"rating": "5", "comment": "All done"})
    assert response.status_code == 403
    with pytest.raises(ActionRefused, match="Only the enterprise's own people"):
        services.requirement_resolve(requirement=req_a, by=lab_user, rating=5)
    assert fresh(req_a).status == Status.ASSIGNED


def test_the_office_cannot_resolve_withdraw_or_reopen_for_the_member(client_for, bearer_a, member_a, req_a):
    client = client_for(bearer_a)
    assert client.post(f"/desk/{req_a.pk}/resolve/", {"rating": "5"}).status_code == 403
    client.post(f"/desk/{req_a.pk}/withdraw/", {"reason": "Stale"})
    assert fresh(req_a).status == Status.POSTED
    services.requirement_resolve(requirement=req_a, by=member_a, rating=4)
    response = client.post(f"/desk/{req_a.pk}/reopen/", {"reason": "Reopen"}, follow=True)
    assert "Only the enterprise's own people can reopen it." in page(response)
    assert fresh(req_a).status == Status.RESOLVED


def test_the_office_cannot_accept_an_offer_for_the_member(client_for, bearer_a, lab_user, lab, open_req):
    offer = quote(open_req, lab_user)
    response = client_for(bearer_a).post(f"/desk/{open_req.pk}/offers/{offer.pk}/accept/", follow=True)
    assert "Only the enterprise's own people can accept an offer." in page(response)
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.OPEN


def test_a_provider_cannot_take_up_a_requirement_assigned_to_it(client_for, bearer_a, lab_user, lab, req_a):
    services.requirement_assign(requirement=req_a, provider=lab, by=bearer_a)
    response = client_for(lab_user).post(f"/desk/{req_a.pk}/take-up/", follow=True)
    assert "Only the association's office can take up" in page(response)
    assert fresh(req_a).status == Status.ASSIGNED


def test_a_provider_that_does_not_hold_it_cannot_return_it(client_for, lab_user, lab, open_req):
    response = client_for(lab_user).post(f"/desk/{open_req.pk}/return/", {"reason": "Not ours"}, follow=True)
    assert "Only whoever holds the requirement can return it to the desk." in page(response)
    assert fresh(open_req).status == Status.POSTED


def test_a_provider_cannot_make_an_offer_on_a_requirement_it_cannot_see(client_for, lab_user, lab, req_a):
    response = client_for(lab_user).post(
        f"/desk/{req_a.pk}/offers/", {"kind": "service", "price": "100", "scope": "Anything"}
    )
    assert response.status_code == 404
    assert not Offer.objects.exists()


def test_a_member_cannot_edit_a_posted_requirement(client_for, member_a, req_a):
    assert client_for(member_a).get(f"/desk/{req_a.pk}/edit/").status_code == 403


def test_a_member_cannot_write_an_internal_note(client_for, member_a, req_a):
    with pytest.raises(ActionRefused, match="Members cannot write internal notes"):
        services.message_post(requirement=req_a, by=member_a, body="Secret", internal=True)
    assert not Message.objects.exists()
    # Through the page the member has no "internal" box: whatever it sends is an ordinary message.
    client_for(member_a).post(f"/desk/{req_a.pk}/messages/", {"body": "Visible to all", "internal": "on"})
    assert list(Message.objects.values_list("body", "internal")) == [("Visible to all", False)]


def test_no_one_writes_on_a_closed_requirement(client_for, member_a, bearer_a, req_a):
    services.requirement_resolve(requirement=req_a, by=member_a, rating=5)
    services.requirement_close(requirement=fresh(req_a), by=member_a)
    for user in (member_a, bearer_a):
        assert client_for(user).post(f"/desk/{req_a.pk}/messages/", {"body": "Hello?"}).status_code == 403
    assert not Message.objects.exists()


def test_an_open_provider_cannot_write_in_the_conversation(client_for, lab_user, lab, open_req):
    assert client_for(lab_user).post(f"/desk/{open_req.pk}/messages/", {"body": "Hi"}).status_code == 403


def test_internal_notes_are_hidden_from_the_member_and_open_providers(
    client_for, member_a, bearer_a, lab_user, lab, rival_user, rival, open_req
):
    services.requirement_assign(requirement=open_req, provider=lab, by=bearer_a)
    services.message_post(requirement=open_req, by=bearer_a, body="Check their CIBIL score first", internal=True)
    services.message_post(requirement=open_req, by=bearer_a, body="We are on it", internal=False)

    member_page = page(client_for(member_a).get(f"/desk/{open_req.pk}/"))
    assert "We are on it" in member_page
    assert "CIBIL" not in member_page
    assert "CIBIL" in page(client_for(bearer_a).get(f"/desk/{open_req.pk}/"))
    assert "CIBIL" in page(client_for(lab_user).get(f"/desk/{open_req.pk}/"))
    # The rival can still see the open requirement, but not the desk's notes.
    rival_page = client_for(rival_user).get(f"/desk/{open_req.pk}/")
    assert rival_page.status_code == 404 or "CIBIL" not in page(rival_page)


def test_internal_attachments_are_refused_to_the_member(client_for, member_a, bearer_a, req_a):
    services.message_post(requirement=req_a, by=bearer_a, body="Their bank statement", internal=True, files=[pdf()])
    services.message_post(requirement=req_a, by=bearer_a, body="Price list", files=[pdf("prices.pdf")])
    internal = Attachment.objects.get(message__internal=True)
    public = Attachment.objects.get(message__internal=False)

    member = client_for(member_a)
    assert member.get(f"/desk/{req_a.pk}/files/{internal.pk}/").status_code == 403
    response = member.get(f"/desk/{req_a.pk}/files/{public.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client_for(bearer_a).get(f"/desk/{req_a.pk}/files/{internal.pk}/").status_code == 200
    assert "report.pdf" not in page(member.get(f"/desk/{req_a.pk}/"))


def test_attachments_of_a_requirement_are_404_to_other_tenants_and_through_other_requirements(
    client_for, member_a, member_b, bearer_b, req_a
):
    services.message_post(requirement=req_a, by=member_a, body="Our test request", files=[pdf()])
    attachment = Attachment.objects.get()
    for user in (member_b, bearer_b):
        assert client_for(user).get(f"/desk/{req_a.pk}/files/{attachment.pk}/").status_code == 404
    own = testing.make_requirement(by=member_b)
    assert client_for(member_b).get(f"/desk/{own.pk}/files/{attachment.pk}/").status_code == 404


def test_the_stats_page_is_refused_to_a_member(client_for, member_a, req_a):
    assert client_for(member_a).get("/desk/stats/").status_code == 403


@pytest.mark.parametrize("who", ["bearer_a", "lab_user", "officer"])
def test_the_stats_page_is_open_to_desks_providers_and_sidbi(client_for, request, association_a, lab, who):
    user = request.getfixturevalue(who)
    response = client_for(user).get("/desk/stats/")
    assert response.status_code == 200
    assert "Median first answer" in page(response)


# ---------------------------------------------------------------- the remaining rows of docs/permissions.md


def test_the_office_cannot_make_an_offer(client_for, bearer_a, open_req):
    response = client_for(bearer_a).post(
        f"/desk/{open_req.pk}/offers/", {"kind": "service", "price": "100", "scope": "We will do it"}
    )
    assert response.status_code == 403
    assert not Offer.objects.exists()


def test_sidbi_holding_a_requirement_cannot_make_an_offer(client_for, officer, bearer_a, open_req):
    services.requirement_forward_to_sidbi(requirement=open_req, by=bearer_a, reason="Scheme")
    response = client_for(officer).post(
        f"/desk/{open_req.pk}/offers/", {"kind": "service", "price": "100", "scope": "SIDBI does it"}
    )
    assert response.status_code == 403
    assert not Offer.objects.exists()


def test_sidbi_holding_a_requirement_sees_the_contact_and_writes_notes_the_member_never_sees(
    client_for, officer, bearer_a, member_a, req_a
):
    services.requirement_forward_to_sidbi(requirement=req_a, by=bearer_a, reason="Scheme")
    officer_client = client_for(officer)
    assert member_a.enterprise.email in page(officer_client.get(f"/desk/{req_a.pk}/"))
    response = officer_client.post(
        f"/desk/{req_a.pk}/messages/", {"body": "Check CGTMSE eligibility", "internal": "on"}
    )
    assert response.status_code == 302
    assert Message.objects.get().internal is True
    assert "CGTMSE" not in page(client_for(member_a).get(f"/desk/{req_a.pk}/"))
    assert "CGTMSE" in page(client_for(bearer_a).get(f"/desk/{req_a.pk}/"))


def test_sidbi_cannot_act_for_the_member(client_for, officer, bearer_a, req_a):
    services.requirement_forward_to_sidbi(requirement=req_a, by=bearer_a, reason="Scheme")
    client = client_for(officer)
    assert client.post(f"/desk/{req_a.pk}/resolve/", {"rating": "5"}).status_code == 403
    client.post(f"/desk/{req_a.pk}/withdraw/")
    assert fresh(req_a).status == Status.IN_TRIAGE


def test_a_fellow_member_cannot_post_or_withdraw_through_the_services(member_a2, req_a, member_a):
    draft = testing.make_requirement(by=member_a, post=False)
    with pytest.raises(ActionRefused, match="Only the enterprise's own people can post"):
        services.requirement_post(requirement=draft, by=member_a2)
    with pytest.raises(ActionRefused, match="Only the enterprise's own people can withdraw"):
        services.requirement_withdraw(requirement=req_a, by=member_a2)
    assert fresh(draft).status == Status.DRAFT


def test_an_enterprise_that_left_the_association_cannot_post_its_draft(member_a):
    from portal.associations.models import Membership, MembershipStatus

    draft = testing.make_requirement(by=member_a, post=False)
    Membership.objects.filter(enterprise=member_a.enterprise).update(status=MembershipStatus.REQUESTED)
    with pytest.raises(ActionRefused, match="no longer a member"):
        services.requirement_post(requirement=draft, by=member_a)
    assert fresh(draft).reference is None


def test_once_assigned_a_competing_provider_can_no_longer_make_an_offer(cast, rival_user, rival):
    from portal.desk import permissions as desk_permissions
    from portal.desk.tests.flows import drive

    requirement = drive(cast, Status.ASSIGNED)

    assert not desk_permissions.can_make_offer(rival_user, fresh(requirement))
    with pytest.raises(ActionRefused):
        quote(requirement, rival_user)
    assert not fresh(requirement).offers.filter(provider=rival).exists()
