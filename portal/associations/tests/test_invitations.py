"""Invitations: an office-bearer invites by email (/<slug>/manage/invite/); the invitee accepts (/invitations/<token>/)."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from portal import testing
from portal.associations import services
from portal.associations.models import Invitation, Membership, MembershipStatus
from portal.core.errors import ActionRefused
from portal.core.identifiers import make_gstin
from portal.core.models import AuditLog, Sector, State
from portal.enterprises.models import Enterprise, EnterpriseRole, EnterpriseUser

INVITE_A = reverse("associations:invite", args=["tiruppur"])


def invitation_url(invitation) -> str:
    return reverse("associations:invitation", args=[invitation.token])


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def invitee(db):
    """An owner of an enterprise that belongs to no association yet."""
    user = testing.make_user("owner@velan-prints.example.in", full_name="Velan")
    user.enterprise = testing.make_enterprise(owner=user, name="Velan Prints")
    return user


@pytest.fixture
def invitation(association_a, bearer_a, invitee, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.invitation_create(association=association_a, email=invitee.email, by=bearer_a)


# --- Sending ----------------------------------------------------------------------------------------


def test_office_bearer_invites_by_email_and_the_email_carries_the_link(
    client_for, association_a, bearer_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(bearer_a).post(INVITE_A, {"emails": "Owner@Velan-Prints.example.in"})

    assert response.status_code == 302
    assert response.url == reverse("associations:manage", args=["tiruppur"])
    assert messages_of(response) == ["1 invitation(s) sent."]
    invitation = Invitation.objects.get(association=association_a)
    assert invitation.email == "owner@velan-prints.example.in"
    assert (invitation.invited_by, invitation.accepted_at, invitation.enterprise) == (bearer_a, None, None)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["owner@velan-prints.example.in"]
    assert "Tiruppur Knitwear Association" in message.subject
    assert settings.SITE_URL + invitation_url(invitation) in message.body
    log = AuditLog.objects.for_object(invitation).get()
    assert (log.action, log.actor, log.association) == ("invitation.sent", bearer_a, association_a)


def test_the_waiting_invitation_is_listed_on_the_manage_page(client_for, bearer_a, invitation):
    response = client_for(bearer_a).get(reverse("associations:manage", args=["tiruppur"]))

    assert "Waiting for an answer" in response.content.decode()
    assert "owner@velan-prints.example.in" in response.content.decode()


def test_several_addresses_at_once_are_each_invited_once(
    client_for, association_a, bearer_a, django_capture_on_commit_callbacks
):
    emails = "a@one.example.in, b@two.example.in\n\nA@ONE.example.in\nc@three.example.in"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(bearer_a).post(INVITE_A, {"emails": emails})

    assert messages_of(response) == ["3 invitation(s) sent."]
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "a@one.example.in",
        "b@two.example.in",
        "c@three.example.in",
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["a@one.example.in", "b@two.example.in", "c@three.example.in"]


def test_inviting_the_same_email_again_reuses_the_open_invitation(
    client_for, bearer_a, invitation, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(bearer_a).post(INVITE_A, {"emails": "OWNER@velan-prints.example.in"})

    assert list(Invitation.objects.all()) == [invitation]
    assert AuditLog.objects.filter(action="invitation.sent").count() == 1
    assert mail.outbox == []


def test_an_address_that_is_not_an_email_is_refused_and_nobody_is_invited(
    client_for, bearer_a, association_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(bearer_a).post(INVITE_A, {"emails": "good@example.in\nnot-an-address"})

    assert response.status_code == 400
    assert "These are not email addresses: not-an-address" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_empty_invitation_list_is_refused(client_for, bearer_a, association_a):
    response = client_for(bearer_a).post(INVITE_A, {"emails": " \n , \n"})

    assert response.status_code == 400
    assert "Enter at least one email address." in response.content.decode()
    assert not Invitation.objects.exists()


def test_member_who_is_not_an_office_bearer_gets_403_when_inviting(
    client_for, member_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member_a).post(INVITE_A, {"emails": "friend@example.in"})

    assert response.status_code == 403
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_office_bearer_of_other_association_gets_404_when_inviting(client_for, association_a, bearer_b):
    response = client_for(bearer_b).post(INVITE_A, {"emails": "friend@example.in"})

    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_anonymous_visitor_cannot_invite(anonymous, association_a):
    response = anonymous.post(INVITE_A, {"emails": "friend@example.in"})

    assert response.url.startswith(reverse("account_login"))
    assert not Invitation.objects.exists()


# --- Accepting --------------------------------------------------------------------------------------


def test_invitee_picks_their_enterprise_and_becomes_a_member_at_once(
    client_for, association_a, bearer_a, invitee, invitation
):
    client = client_for(invitee)

    page = client.get(invitation_url(invitation))
    assert "Tiruppur Knitwear Association invites you to join" in page.content.decode()
    assert "Velan Prints" in page.content.decode()

    response = client.post(invitation_url(invitation), {"enterprise": invitee.enterprise.pk})

    assert response.status_code == 302
    assert response.url == association_a.get_absolute_url()
    assert messages_of(response) == ["You are now a member of Tiruppur Knitwear Association."]
    membership = Membership.objects.get(association=association_a, enterprise=invitee.enterprise)
    assert membership.status == MembershipStatus.APPROVED
    assert membership.decided_by == bearer_a
    assert membership.decided_at is not None
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.enterprise == invitee.enterprise
    log = AuditLog.objects.for_object(membership).get(action="invitation.accepted")
    assert (log.actor, log.association) == (invitee, association_a)
    assert client.get(reverse("associations:members", args=["tiruppur"])).status_code == 200


def test_accepting_turns_a_pending_request_into_membership(client_for, association_a, invitee, invitation):
    services.membership_request(enterprise=invitee.enterprise, association=association_a, by=invitee)

    client_for(invitee).post(invitation_url(invitation), {"enterprise": invitee.enterprise.pk})

    membership = Membership.objects.get(association=association_a, enterprise=invitee.enterprise)
    assert membership.status == MembershipStatus.APPROVED


def test_invitee_without_an_enterprise_is_asked_to_create_one_first(client_for, invitation):
    newcomer = testing.make_user("newcomer@example.in")

    response = client_for(newcomer).get(invitation_url(invitation))

    html = response.content.decode()
    assert "First create your enterprise's profile, then come back to this page." in html
    assert f"{reverse('enterprises:create')}?next={invitation_url(invitation)}" in html
    assert 'name="enterprise"' not in html  # nothing to accept with yet
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_newcomer_creates_a_profile_comes_back_and_joins(client_for, association_a, invitation):
    newcomer = testing.make_user("newcomer@example.in")
    client = client_for(newcomer)
    pan = testing.pan_for(777, "F")
    profile = {
        "name": "Newcomer Knits",
        "udyam_number": "UDYAM-TN-12-0777777",
        "pan": pan,
        "gstin": make_gstin("33", pan),
        "category": "micro",
        "sector": Sector.objects.get(slug="textiles").pk,
        "employees": "5",
        "address": "3, Kumar Nagar",
        "district": "Tiruppur",
        "state": State.objects.get(code="TN").pk,
        "pin_code": "641603",
    }

    created = client.post(f"{reverse('enterprises:create')}?next={invitation_url(invitation)}", profile)
    assert created.url == invitation_url(invitation)
    enterprise = Enterprise.objects.get(name="Newcomer Knits")
    client.post(invitation_url(invitation), {"enterprise": enterprise.pk})

    membership = Membership.objects.get(association=association_a, enterprise=enterprise)
    assert membership.status == MembershipStatus.APPROVED


def test_token_used_twice_is_refused(client_for, association_a, invitee, invitation):
    client = client_for(invitee)
    client.post(invitation_url(invitation), {"enterprise": invitee.enterprise.pk})
    other = testing.make_user("other@example.in")
    other_enterprise = testing.make_enterprise(owner=other, name="Other Prints")

    response = client_for(other).post(invitation_url(invitation), {"enterprise": other_enterprise.pk})

    assert "This invitation has already been used." in response.content.decode()
    assert not Membership.objects.filter(enterprise=other_enterprise).exists()
    invitation.refresh_from_db()
    assert invitation.enterprise == invitee.enterprise
    with pytest.raises(ActionRefused, match="already been used"):
        services.invitation_accept(invitation=invitation, by=other, enterprise=other_enterprise)


def test_invitation_for_another_enterprise_is_refused(client_for, association_a, bearer_a, invitee, member_b):
    invitation = services.invitation_create(
        association=association_a, email=member_b.email, by=bearer_a, enterprise=member_b.enterprise
    )

    # invitee's own enterprise is not among the choices: the form refuses it.
    response = client_for(invitee).post(invitation_url(invitation), {"enterprise": invitee.enterprise.pk})

    assert "Select a valid choice" in response.content.decode()
    assert not Membership.objects.filter(enterprise=invitee.enterprise).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    with pytest.raises(ActionRefused, match="for another enterprise"):
        services.invitation_accept(invitation=invitation, by=invitee, enterprise=invitee.enterprise)


def test_invitation_for_an_enterprise_the_user_does_not_act_for_is_refused(
    client_for, association_a, bearer_a, invitee, member_b
):
    invitation = services.invitation_create(
        association=association_a, email=invitee.email, by=bearer_a, enterprise=member_b.enterprise
    )

    response = client_for(invitee).post(invitation_url(invitation), {"enterprise": member_b.enterprise.pk})

    assert messages_of(response) == ["You do not act for this enterprise."]
    assert not Membership.objects.filter(association=association_a, enterprise=member_b.enterprise).exists()
    assert not EnterpriseUser.objects.filter(enterprise=member_b.enterprise, user=invitee).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_invitee_cannot_accept_for_an_enterprise_of_someone_else(client_for, invitee, invitation, member_b):
    response = client_for(invitee).post(invitation_url(invitation), {"enterprise": member_b.enterprise.pk})

    assert "Select a valid choice" in response.content.decode()
    assert not Membership.objects.filter(association=invitation.association, enterprise=member_b.enterprise).exists()


def test_invitation_to_an_enterprise_nobody_runs_lets_the_invitee_claim_it(client_for, association_a, bearer_a):
    imported = testing.make_enterprise(name="Imported Knits")
    invitation = services.invitation_create(
        association=association_a, email="owner@imported.example.in", by=bearer_a, enterprise=imported
    )
    claimant = testing.make_user("owner@imported.example.in")

    client_for(claimant).post(invitation_url(invitation), {"enterprise": imported.pk})

    assert EnterpriseUser.objects.get(enterprise=imported).user == claimant
    assert EnterpriseUser.objects.get(enterprise=imported).role == EnterpriseRole.OWNER
    assert Membership.objects.get(association=association_a, enterprise=imported).status == MembershipStatus.APPROVED
    assert AuditLog.objects.for_object(imported).filter(action="enterprise.claimed", actor=claimant).exists()


def test_unknown_token_is_404(client_for, invitee):
    response = client_for(invitee).get(reverse("associations:invitation", args=["no-such-token"]))

    assert response.status_code == 404


def test_anonymous_visitor_is_sent_to_log_in_and_back(anonymous, invitation):
    response = anonymous.get(invitation_url(invitation))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert f"next=/associations/invitations/{invitation.token}/" in response.url.replace("%2F", "/")


def test_someone_else_holding_the_link_cannot_take_charge_of_an_imported_enterprise(
    client_for, association_a, bearer_a
):
    imported = testing.make_enterprise(name="Imported Looms")
    invitation = services.invitation_create(
        association=association_a, email="owner@imported-looms.example.in", by=bearer_a, enterprise=imported
    )
    stranger = testing.make_user("stranger@example.in")

    response = client_for(stranger).post(invitation_url(invitation), {"enterprise": imported.pk})

    assert "Only the person invited at owner@imported-looms.example.in" in response.content.decode()
    assert not EnterpriseUser.objects.filter(enterprise=imported).exists()
    assert not Membership.objects.filter(enterprise=imported).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
