"""The provider predicates used by the desk and the views."""

from portal import testing
from portal.providers import permissions, services
from portal.providers.models import Provider


def test_is_provider_user_holds_for_its_people_whatever_the_status(provider_user, applicant, pending, member_a):
    bank = Provider.objects.get(name="Test Bank")

    assert permissions.is_provider_user(provider_user, bank)
    assert permissions.is_provider_user(applicant, pending)
    assert not permissions.is_provider_user(member_a, bank)
    assert not permissions.is_provider_user(provider_user, pending)


def test_provider_ids_for_lists_only_approved_providers(provider_user, applicant, pending, officer):
    bank = Provider.objects.get(name="Test Bank")

    assert permissions.provider_ids_for(provider_user) == {bank.pk}
    assert permissions.provider_ids_for(applicant) == set()  # pending: no access to requirements yet

    services.provider_review(provider=pending, decision="approve", by=officer)
    applicant = type(applicant).objects.get(pk=applicant.pk)  # a new request: roles are read afresh
    assert permissions.provider_ids_for(applicant) == {pending.pk}


def test_anonymous_visitor_acts_for_no_provider(db):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert permissions.provider_ids_for(anonymous) == set()
    assert list(Provider.objects.visible_to(anonymous)) == []


def test_visible_to_shows_unapproved_providers_to_their_people_and_sidbi_only(pending, applicant, officer, authority):
    outsider = testing.make_user()

    assert pending in Provider.objects.visible_to(applicant)
    assert pending in Provider.objects.visible_to(officer)
    assert pending in Provider.objects.visible_to(authority)
    assert pending not in Provider.objects.visible_to(outsider)
