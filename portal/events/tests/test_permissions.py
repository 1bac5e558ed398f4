import pytest

from portal.events import permissions, services
from portal.events.models import Audience
from portal.events.tests.conftest import make_event

pytestmark = pytest.mark.django_db


def test_association_office_organises_for_its_association_only(bearer_a, association_a, association_b):
    assert permissions.can_organise_for(bearer_a, association_a)
    assert not permissions.can_organise_for(bearer_a, association_b)
    assert not permissions.can_organise_for(bearer_a, None)


def test_sidbi_officer_organises_sidbi_events_not_an_associations(officer, association_a):
    assert permissions.can_organise_for(officer, None)
    assert not permissions.can_organise_for(officer, association_a)


def test_cluster_expert_and_member_do_not_organise(cluster_expert, member_a, association_a):
    assert not permissions.can_organise_for(cluster_expert, association_a)
    assert not permissions.can_organise_for(member_a, association_a)
    assert not permissions.can_organise_for(member_a, None)


def test_members_only_eligibility(training_a, member_a, member_b, bearer_a):
    assert permissions.is_eligible(member_a, training_a)
    assert permissions.is_eligible(bearer_a, training_a)
    assert not permissions.is_eligible(member_b, training_a)


def test_public_event_needs_an_account_to_register(public_a, member_b):
    from django.contrib.auth.models import AnonymousUser

    assert permissions.is_eligible(member_b, public_a)
    assert not permissions.is_eligible(AnonymousUser(), public_a)


def test_online_link_for_confirmed_and_organiser_only(officer, member_a, member_b):
    event = make_event(owner=None, by=officer, audience=Audience.PUBLIC, capacity=1)
    confirmed = services.registration_create(event=event, by=member_a)
    waiting = services.registration_create(event=event, by=member_b)
    assert permissions.can_see_online_link(member_a, event, confirmed)
    assert not permissions.can_see_online_link(member_b, event, waiting)
    assert permissions.can_see_online_link(officer, event)


def test_certificate_only_for_the_person_marked_present(training_a, member_a, bearer_a):
    registration = services.registration_create(event=training_a, by=member_a)
    assert not permissions.can_download_certificate(member_a, registration)
    registration.attended_at = training_a.starts_at
    assert permissions.can_download_certificate(member_a, registration)
    assert not permissions.can_download_certificate(bearer_a, registration)


def test_anonymous_is_sent_to_log_in_for_my_events(anonymous):
    response = anonymous.get("/events/mine/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_office_of_b_cannot_edit_a_public_event_of_a(client_for, bearer_b, public_a):
    assert client_for(bearer_b).get(f"/events/{public_a.pk}/edit/").status_code == 403
