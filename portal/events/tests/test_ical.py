from datetime import timedelta

import pytest
from icalendar import Calendar

from portal.events import services
from portal.events.models import Audience, Mode
from portal.events.tests.conftest import make_event

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.in/dia-gst-webinar"


def summaries(content: bytes) -> list[str]:
    return [str(e["SUMMARY"]) for e in Calendar.from_ical(content).walk("VEVENT")]


@pytest.fixture
def webinar(officer):
    return make_event(
        owner=None,
        by=officer,
        title="GST for exporters",
        mode=Mode.ONLINE,
        online_link=LINK,
        venue="",
        audience=Audience.PUBLIC,
    )


def test_event_ics_parses_with_times_and_title(client_for, member_a, training_a):
    response = client_for(member_a).get(f"/events/{training_a.pk}/event.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    vevent = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == training_a.title
    assert vevent.decoded("DTSTART") == training_a.starts_at
    assert vevent.decoded("DTEND") == training_a.ends_at
    assert "Association hall" in str(vevent["LOCATION"])


def test_online_link_is_in_the_ics_only_for_a_confirmed_attendee(anonymous, client_for, member_a, webinar):
    assert LINK.encode() not in anonymous.get(f"/events/{webinar.pk}/event.ics").content
    assert LINK.encode() not in client_for(member_a).get(f"/events/{webinar.pk}/event.ics").content
    services.registration_create(event=webinar, by=member_a)
    content = client_for(member_a).get(f"/events/{webinar.pk}/event.ics").content
    assert str(Calendar.from_ical(content).walk("VEVENT")[0]["LOCATION"]) == LINK


def test_members_only_event_ics_is_404_for_a_non_member(client_for, member_b, training_a):
    assert client_for(member_b).get(f"/events/{training_a.pk}/event.ics").status_code == 404


def test_personal_feed_lists_my_events_and_public_ones(anonymous, member_a, training_a, public_a, webinar):
    services.registration_create(event=training_a, by=member_a)
    token = services.feed_for(member_a).token
    response = anonymous.get(f"/events/feed/{token}.ics")
    assert response.status_code == 200
    assert sorted(summaries(response.content)) == sorted([training_a.title, public_a.title, webinar.title])


def test_private_association_event_never_appears_in_a_non_members_feed(anonymous, member_b, training_a, public_a):
    token = services.feed_for(member_b).token
    titles = summaries(anonymous.get(f"/events/feed/{token}.ics").content)
    assert training_a.title not in titles
    assert public_a.title in titles


def test_feed_keeps_out_a_members_only_event_registered_for_before_leaving(member_a, training_a, anonymous):
    from portal.associations.models import Membership

    services.registration_create(event=training_a, by=member_a)
    Membership.objects.filter(enterprise=member_a.enterprise).update(status="declined")
    token = services.feed_for(member_a).token
    assert training_a.title not in summaries(anonymous.get(f"/events/feed/{token}.ics").content)


def test_feed_link_for_online_events_only_for_confirmed(anonymous, member_a, webinar):
    token = services.feed_for(member_a).token
    assert LINK.encode() not in anonymous.get(f"/events/feed/{token}.ics").content
    services.registration_create(event=webinar, by=member_a)
    assert LINK.encode() in anonymous.get(f"/events/feed/{token}.ics").content.replace(b"\r\n ", b"")


def test_unknown_or_reset_token_is_404(anonymous, member_a):
    old = services.feed_for(member_a).token
    assert anonymous.get("/events/feed/nope.ics").status_code == 404
    services.feed_reset(user=member_a)
    assert anonymous.get(f"/events/feed/{old}.ics").status_code == 404


def test_feed_leaves_out_events_long_past(anonymous, member_a, association_a, bearer_a):
    old = make_event(owner=association_a, by=bearer_a, audience=Audience.PUBLIC, title="Old fair", days_ahead=-60)
    assert old.ends_at < old.starts_at + timedelta(days=1)
    token = services.feed_for(member_a).token
    assert "Old fair" not in summaries(anonymous.get(f"/events/feed/{token}.ics").content)


def test_event_whose_title_has_a_newline_gives_a_valid_ics(client_for, member_a, officer):
    event = make_event(owner=None, by=officer, title="GST clinic\nsecond line; a, b", audience=Audience.PUBLIC)
    response = client_for(member_a).get(f"/events/{event.pk}/event.ics")

    assert response.status_code == 200
    assert b"X-WR-CALNAME:GST clinic\\nsecond line\\; a\\, b\r\n" in response.content  # escaped (RFC 5545)
    assert summaries(response.content) == ["GST clinic\nsecond line; a, b"]
