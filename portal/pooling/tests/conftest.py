"""Fixtures for pooled demand (the shared cast is in the root conftest.py)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from portal import testing
from portal.pooling import services
from portal.pooling.models import Category


def open_pool(association, by, **overrides):
    """A pooled demand opened through the service, as the office-bearer's form would."""
    values = {
        "title": "Bulk cotton yarn purchase, 40s count",
        "unit": "kg",
        "target_quantity": Decimal("20000"),
        "closes_at": timezone.now() + timedelta(days=10),
        "category": Category.RAW_MATERIAL,
        "description": "Combed cotton yarn on cones, delivered in Tiruppur.",
    }
    values.update(overrides)
    return services.pooled_demand_open(association=association, by=by, **values)


def add_member(association, name: str, *, email: str | None = None, **enterprise_fields):
    """An approved member enterprise of the association with an owner who can log in; returns the owner."""
    user = testing.make_user(email, full_name=f"Owner of {name}")
    enterprise = testing.make_enterprise(owner=user, name=name, **enterprise_fields)
    testing.make_membership(association=association, enterprise=enterprise)
    user.enterprise = enterprise
    return user


@pytest.fixture
def yarn_pool(association_a, bearer_a):
    return open_pool(association_a, bearer_a)


@pytest.fixture
def pool_b(association_b, bearer_b):
    return open_pool(
        association_b, bearer_b, title="Bulk purchase of EN8 steel rounds", unit="tonnes", target_quantity="300"
    )


@pytest.fixture
def travel(monkeypatch):
    """Move the clock: ``travel(timezone.now() + timedelta(days=11))``."""

    def go(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return go
