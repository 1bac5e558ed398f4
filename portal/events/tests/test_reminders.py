from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar

from portal.events import services
from portal.events.models import RegistrationStatus
from portal.events.tests.conftest import add_member, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(association_a, bearer_a, member_a):
    event = make_event(owner=association_a, by=bearer_a, capacity=1, days_ahead=3)
    services.registration_create(event=event, by=member_a)
    waiting = services.registration_create(event=event, by=add_member(association_a))
    assert waiting.status == RegistrationStatus.WAITLISTED
    return event


def test_no_reminder_two_days_before(registered):
    with time_machine.travel(registered.starts_at - timedelta(hours=48)):
        call_command("send_event_reminders")
    assert mail.outbox == []


def test_reminder_sent_once_within_a_day_of_the_event_to_confirmed_people_only(registered, member_a):
    with time_machine.travel(registered.starts_at - timedelta(hours=23)):
        call_command("send_event_reminders")
    with time_machine.travel(registered.starts_at - timedelta(hours=22)):
        call_command("send_event_reminders")
    assert [m.to for m in mail.outbox] == [[member_a.email]]
    message = mail.outbox[0]
    assert registered.title in message.subject
    assert "IST" in message.subject
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    assert Calendar.from_ical(content).walk("VEVENT")[0]["SUMMARY"] == registered.title


def test_no_reminder_after_the_event_started(registered):
    with time_machine.travel(registered.starts_at + timedelta(minutes=5)):
        assert services.send_due_reminders() == 0
    assert mail.outbox == []


def test_no_reminder_for_a_cancelled_event(registered, bearer_a):
    services.event_cancel(event=registered, reason="Rain", by=bearer_a)
    mail.outbox.clear()
    with time_machine.travel(registered.starts_at - timedelta(hours=2)):
        assert services.send_due_reminders() == 0
    assert mail.outbox == []
