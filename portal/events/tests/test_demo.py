"""The demo seed: events across associations and SIDBI, the Tiruppur member's places, counted by the contracts."""

import random

import pytest
from django.core import mail
from django.utils import timezone

from portal import testing
from portal.accounts.models import SidbiRole
from portal.events.demo import TIRUPPUR, TIRUPPUR_MEMBER, seed
from portal.events.models import Event, EventKind, Feedback, Registration, RegistrationStatus
from portal.events.selectors import events_held_count, people_trained_count
from portal.events.tests.conftest import add_member
from portal.finances.models import LedgerEntry
from portal.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_cast(db):
    testing.make_user("officer@demo.diaportal.in", sidbi_role=SidbiRole.OFFICER)
    tiruppur = testing.make_association(office_bearer=testing.make_user(), slug=TIRUPPUR, name="Tiruppur KMA")
    member = testing.make_user(TIRUPPUR_MEMBER, full_name="Lakshmi Narayanan")
    testing.make_membership(association=tiruppur, enterprise=testing.make_enterprise(owner=member))
    for n in range(25):
        add_member(tiruppur, name=f"Tiruppur member {n}")
    for _ in range(3):
        other = testing.make_association(office_bearer=testing.make_user())
        for n in range(8):
            add_member(other, name=f"Member {n}")
    return tiruppur, member


def test_demo_seeds_events_registrations_attendance_feedback_and_a_waiting_list(demo_cast):
    tiruppur, member = demo_cast
    seed(rng=random.Random(3))

    kinds = set(Event.objects.values_list("kind", flat=True))
    assert {EventKind.TRAINING, EventKind.WEBINAR, EventKind.BUYER_SELLER_MEET, EventKind.TRADE_FAIR} <= kinds
    assert Event.objects.filter(owner__isnull=True).exists()
    assert Event.objects.values("owner").distinct().count() >= 4
    assert Registration.objects.filter(status=RegistrationStatus.WAITLISTED).exists()
    assert Feedback.objects.exists()
    mine = Registration.objects.filter(user=member)
    assert mine.filter(attended_at__isnull=False).exists()
    assert mine.filter(status=RegistrationStatus.CONFIRMED, event__starts_at__gt=timezone.now()).exists()
    for event in Event.objects.all():
        confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        assert event.confirmed_count == confirmed <= event.capacity
    assert events_held_count(tiruppur) >= 1
    assert people_trained_count(association=tiruppur) >= 1
    assert people_trained_count() >= people_trained_count(association=tiruppur)
    for entry in LedgerEntry.objects.all():
        registration = Registration.objects.get(pk=entry.reference.split(":")[1])
        assert registration.fee_paid and entry.amount == registration.event.fee
    assert not Notification.objects.exists() and not mail.outbox


def test_demo_is_idempotent_and_deterministic(demo_cast):
    seed(rng=random.Random(3))
    first = list(Event.objects.order_by("pk").values_list("title", "starts_at"))
    count = Registration.objects.count()
    seed(rng=random.Random(3))
    assert Registration.objects.count() == count
    assert list(Event.objects.order_by("pk").values_list("title", "starts_at")) == first
