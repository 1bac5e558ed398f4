"""Fixtures for events (the shared cast is in the root conftest.py)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from portal import testing
from portal.events.models import Audience, Event, EventKind, EventStatus, Mode


def make_event(*, owner, by, status=EventStatus.PUBLISHED, days_ahead: float = 7, **fields) -> Event:
    """A published in-person training (by default) a week ahead, for ``owner`` (None: SIDBI)."""
    starts = (timezone.now() + timedelta(days=days_ahead)).replace(second=0, microsecond=0)
    values = {
        "owner": owner,
        "created_by": by,
        "kind": EventKind.TRAINING,
        "title": "Lean manufacturing for knitwear units",
        "description": "Cutting waste on the **shop floor**.",
        "mode": Mode.IN_PERSON,
        "venue": "Association hall",
        "address": "12, Industrial Estate, Tiruppur",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=3),
        "registration_deadline": starts - timedelta(hours=2),
        "capacity": 30,
        "audience": Audience.MEMBERS if owner is not None else Audience.PUBLIC,
        "fee": Decimal("0"),
        "status": status,
        "published_at": timezone.now() if status == EventStatus.PUBLISHED else None,
    }
    values.update(fields)
    return Event.objects.create(**values)


def add_member(association, *, name: str = "Member"):
    """An approved member of the association (owner of a new enterprise) who can log in."""
    user = testing.make_user(full_name=name)
    testing.make_membership(association=association, enterprise=testing.make_enterprise(owner=user))
    return user


@pytest.fixture
def training_a(association_a, bearer_a):
    """A members-only training of association A, a week ahead."""
    return make_event(owner=association_a, by=bearer_a)


@pytest.fixture
def public_a(association_a, bearer_a):
    return make_event(
        owner=association_a, by=bearer_a, audience=Audience.PUBLIC, title="Open day: export documentation"
    )
