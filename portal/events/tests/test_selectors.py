"""The numbers other apps (finances, scheme, insights) read from events."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from portal.events import services
from portal.events.models import EventKind, EventStatus
from portal.events.selectors import events_held_count, people_trained_count
from portal.events.tests.conftest import add_member, make_event

pytestmark = pytest.mark.django_db


def held(association, by, *, kind=EventKind.TRAINING, days_ago=10, people=(), **fields):
    """An event that took place ``days_ago`` days ago, with ``people`` marked present."""
    with time_machine.travel(timezone.now() - timedelta(days=days_ago + 5)):
        event = make_event(owner=association, by=by, kind=kind, days_ahead=5, **fields)
        registrations = [services.registration_create(event=event, by=person) for person in people]
    with time_machine.travel(event.starts_at):
        for registration in registrations:
            services.attendance_mark(registration=registration, by=by)
    return event


def test_events_held_counts_ended_not_cancelled_events_of_the_association(
    association_a, association_b, bearer_a, bearer_b
):
    held(association_a, bearer_a)
    held(association_a, bearer_a, kind=EventKind.TRADE_FAIR, days_ago=40)
    make_event(owner=association_a, by=bearer_a)  # upcoming
    make_event(owner=association_a, by=bearer_a, days_ahead=-3, status=EventStatus.CANCELLED)
    held(association_b, bearer_b)
    assert events_held_count(association_a) == 2
    assert events_held_count(association_a, since=timezone.localdate() - timedelta(days=20)) == 1
    assert events_held_count(association_a, until=timezone.localdate() - timedelta(days=20)) == 1


def test_people_trained_counts_distinct_attendees_of_trainings_workshops_and_webinars(
    association_a, association_b, bearer_a, bearer_b, member_a
):
    other = add_member(association_a)
    held(association_a, bearer_a, people=[member_a, other])
    held(association_a, bearer_a, kind=EventKind.WORKSHOP, people=[member_a], days_ago=20)
    held(association_a, bearer_a, kind=EventKind.BUYER_SELLER_MEET, people=[add_member(association_a)])
    held(association_b, bearer_b, kind=EventKind.WEBINAR, audience="public", people=[member_a])
    assert people_trained_count(association=association_a) == 2
    assert people_trained_count(association=association_b) == 1
    assert people_trained_count() == 2
    assert people_trained_count(association=association_a, since=timezone.localdate() - timedelta(days=15)) == 2


def test_registered_but_absent_people_are_not_trained(association_a, bearer_a, member_a):
    with time_machine.travel(timezone.now() - timedelta(days=15)):
        event = make_event(owner=association_a, by=bearer_a, days_ahead=5)
        services.registration_create(event=event, by=member_a)
    assert people_trained_count(association=association_a) == 0
    assert events_held_count(association_a) == 1
