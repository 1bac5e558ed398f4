"""The people who act for an enterprise: the owner adds staff by email and removes them."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from portal import testing
from portal.core.models import AuditLog
from portal.enterprises.models import EnterpriseRole, EnterpriseUser


def add_url(enterprise) -> str:
    return reverse("enterprises:add_person", args=[enterprise.pk])


def remove_url(enterprise, person) -> str:
    return reverse("enterprises:remove_person", args=[enterprise.pk, person.pk])


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def clerk(db):
    return testing.make_user("clerk@aknit.example.in", full_name="Clerk")


@pytest.fixture
def clerk_person(member_a, clerk):
    return EnterpriseUser.objects.create(enterprise=member_a.enterprise, user=clerk, role=EnterpriseRole.STAFF)


def test_owner_adds_an_existing_user_by_email_and_they_become_staff(client_for, member_a, clerk):
    response = client_for(member_a).post(add_url(member_a.enterprise), {"email": "  CLERK@aknit.example.in "})

    assert response.status_code == 302
    assert response.url == member_a.enterprise.get_absolute_url()
    person = EnterpriseUser.objects.get(enterprise=member_a.enterprise, user=clerk)
    assert person.role == EnterpriseRole.STAFF
    assert messages_of(response) == ["Added."]
    log = AuditLog.objects.for_object(member_a.enterprise).get(action="enterprise.person_added")
    assert (log.actor, log.data["user"]) == (member_a, "clerk@aknit.example.in")


def test_added_staff_then_sees_the_profile(client_for, member_a, clerk):
    client_for(member_a).post(add_url(member_a.enterprise), {"email": clerk.email})

    response = client_for(clerk).get(member_a.enterprise.get_absolute_url())

    assert response.status_code == 200
    assert member_a.enterprise.udyam_number in response.content.decode()


def test_unknown_email_is_refused_with_a_message(client_for, member_a):
    response = client_for(member_a).post(add_url(member_a.enterprise), {"email": "nobody@example.in"}, follow=True)

    assert EnterpriseUser.objects.filter(enterprise=member_a.enterprise).count() == 1
    assert "Nobody with this email has an account yet" in response.content.decode()
    assert not AuditLog.objects.filter(action="enterprise.person_added").exists()


def test_adding_someone_who_already_acts_for_the_enterprise_is_refused(client_for, member_a, clerk_person):
    response = client_for(member_a).post(add_url(member_a.enterprise), {"email": "clerk@aknit.example.in"})

    assert messages_of(response) == ["clerk@aknit.example.in already acts for this enterprise."]
    assert EnterpriseUser.objects.filter(enterprise=member_a.enterprise).count() == 2


def test_owner_adding_themself_does_not_demote_them_to_staff(client_for, member_a):
    response = client_for(member_a).post(add_url(member_a.enterprise), {"email": member_a.email})

    assert messages_of(response) == ["member-a@example.in already acts for this enterprise."]
    assert EnterpriseUser.objects.get(enterprise=member_a.enterprise, user=member_a).role == EnterpriseRole.OWNER


def test_malformed_email_is_refused_with_a_message(client_for, member_a):
    response = client_for(member_a).post(add_url(member_a.enterprise), {"email": "not an email"})

    assert messages_of(response) == ["Enter a valid email address."]
    assert EnterpriseUser.objects.filter(enterprise=member_a.enterprise).count() == 1


def test_adding_a_person_needs_a_post(client_for, member_a, clerk):
    response = client_for(member_a).get(add_url(member_a.enterprise), {"email": clerk.email})

    assert response.status_code == 405
    assert not EnterpriseUser.objects.filter(user=clerk).exists()


def test_owner_removes_staff_and_an_audit_row_is_written(client_for, member_a, clerk_person):
    response = client_for(member_a).post(remove_url(member_a.enterprise, clerk_person))

    assert response.status_code == 302
    assert not EnterpriseUser.objects.filter(pk=clerk_person.pk).exists()
    log = AuditLog.objects.for_object(member_a.enterprise).get(action="enterprise.person_removed")
    assert (log.actor, log.data["user"]) == (member_a, "clerk@aknit.example.in")


def test_removed_staff_loses_access_to_the_profile(client_for, member_a, clerk, clerk_person):
    client_for(member_a).post(remove_url(member_a.enterprise, clerk_person))

    response = client_for(clerk).get(member_a.enterprise.get_absolute_url())

    assert response.status_code == 404


def test_owner_cannot_be_removed(client_for, member_a):
    owner = EnterpriseUser.objects.get(enterprise=member_a.enterprise, user=member_a)
    response = client_for(member_a).post(remove_url(member_a.enterprise, owner))

    assert messages_of(response) == ["The owner cannot be removed."]
    assert EnterpriseUser.objects.filter(pk=owner.pk, role=EnterpriseRole.OWNER).exists()
    assert not AuditLog.objects.filter(action="enterprise.person_removed").exists()


def test_staff_cannot_add_people_and_gets_403(client_for, member_a, clerk, clerk_person):
    newcomer = testing.make_user("newcomer@example.in")
    response = client_for(clerk).post(add_url(member_a.enterprise), {"email": newcomer.email})

    assert response.status_code == 403
    assert not EnterpriseUser.objects.filter(user=newcomer).exists()


def test_staff_cannot_remove_the_owner_or_other_staff_and_gets_403(client_for, member_a, clerk, clerk_person):
    other = EnterpriseUser.objects.create(
        enterprise=member_a.enterprise, user=testing.make_user("other@aknit.example.in")
    )
    response = client_for(clerk).post(remove_url(member_a.enterprise, other))

    assert response.status_code == 403
    assert EnterpriseUser.objects.filter(pk=other.pk).exists()


def test_member_of_other_association_gets_404_when_adding_to_someone_elses_enterprise(client_for, member_a, member_b):
    response = client_for(member_b).post(add_url(member_a.enterprise), {"email": member_b.email})

    assert response.status_code == 404
    assert not EnterpriseUser.objects.filter(enterprise=member_a.enterprise, user=member_b).exists()


def test_member_of_other_association_gets_404_when_removing_from_someone_elses_enterprise(
    client_for, member_a, member_b, clerk_person
):
    response = client_for(member_b).post(remove_url(member_a.enterprise, clerk_person))

    assert response.status_code == 404
    assert EnterpriseUser.objects.filter(pk=clerk_person.pk).exists()


def test_owner_cannot_remove_a_person_of_another_enterprise_through_their_own(client_for, member_a, member_b):
    # The person id belongs to B's enterprise; the URL names A's enterprise, which member_a owns.
    b_owner = EnterpriseUser.objects.get(enterprise=member_b.enterprise, user=member_b)
    response = client_for(member_a).post(remove_url(member_a.enterprise, b_owner))

    assert response.status_code == 404
    assert EnterpriseUser.objects.filter(pk=b_owner.pk).exists()


def test_anonymous_visitor_cannot_add_people(anonymous, member_a):
    response = anonymous.post(add_url(member_a.enterprise), {"email": "someone@example.in"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert EnterpriseUser.objects.filter(enterprise=member_a.enterprise).count() == 1
