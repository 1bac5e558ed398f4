"""A members-only event of an association is invisible to anyone outside it: list, detail, calendar, search, feeds."""

import pytest
from django.utils import timezone
from icalendar import Calendar

from portal.events import services
from portal.events.models import EventStatus
from portal.events.tests.conftest import make_event

pytestmark = pytest.mark.django_db

OUTSIDERS = ["member_b", "bearer_b", "officer", "provider_user"]


@pytest.fixture
def secret(association_a, bearer_a):
    return make_event(owner=association_a, by=bearer_a, title="Members-only costing clinic")


@pytest.fixture(params=OUTSIDERS)
def outsider(request, db, client_for):
    return client_for(request.getfixturevalue(request.param))


def _month(event):
    return timezone.localtime(event.starts_at).strftime("%Y-%m")


def test_members_only_event_is_not_listed_for_an_outsider(outsider, secret):
    assert secret.title not in outsider.get("/events/").content.decode()


def test_members_only_event_detail_is_404_for_an_outsider(outsider, secret):
    assert outsider.get(f"/events/{secret.pk}/").status_code == 404


def test_members_only_event_is_not_on_an_outsiders_calendar(outsider, secret):
    assert secret.title not in outsider.get(f"/events/calendar/?month={_month(secret)}").content.decode()


def test_members_only_event_is_not_found_by_an_outsiders_search(outsider, secret):
    response = outsider.get("/events/?q=costing&when=all")
    assert list(response.context["page"]) == []


def test_members_only_event_ics_is_404_for_an_outsider(outsider, secret):
    assert outsider.get(f"/events/{secret.pk}/event.ics").status_code == 404


def test_members_only_event_is_not_in_an_outsiders_feed(anonymous, member_b, secret):
    token = services.feed_for(member_b).token
    content = anonymous.get(f"/events/feed/{token}.ics").content
    assert secret.title not in [str(e["SUMMARY"]) for e in Calendar.from_ical(content).walk("VEVENT")]


def test_anonymous_sees_none_of_it(anonymous, secret):
    assert secret.title not in anonymous.get("/events/").content.decode()
    assert anonymous.get(f"/events/{secret.pk}/").status_code == 404
    assert secret.title not in anonymous.get(f"/events/calendar/?month={_month(secret)}").content.decode()


def test_member_and_office_of_the_association_see_it(client_for, member_a, bearer_a, secret):
    for user in (member_a, bearer_a):
        client = client_for(user)
        assert secret.title in client.get("/events/").content.decode()
        assert client.get(f"/events/{secret.pk}/").status_code == 200
        assert secret.title in client.get(f"/events/calendar/?month={_month(secret)}").content.decode()


def test_registered_only_event_is_hidden_from_anonymous_but_seen_by_any_account(
    anonymous, client_for, member_b, association_a, bearer_a
):
    event = make_event(owner=association_a, by=bearer_a, audience="registered", title="Open to all accounts")
    assert anonymous.get(f"/events/{event.pk}/").status_code == 404
    assert client_for(member_b).get(f"/events/{event.pk}/").status_code == 200


def test_a_draft_is_seen_only_by_its_organisers(client_for, member_a, bearer_a, association_a):
    draft = make_event(owner=association_a, by=bearer_a, status=EventStatus.DRAFT, audience="public")
    assert client_for(member_a).get(f"/events/{draft.pk}/").status_code == 404
    assert client_for(bearer_a).get(f"/events/{draft.pk}/").status_code == 200
