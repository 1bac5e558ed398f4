"""Fixtures for business (the shared cast is in the root conftest.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal import testing
from portal.business import services
from portal.business.models import Connection, ConnectionStatus, Lead, LeadKind
from portal.core.models import Sector, State


def add_member(association, *, name: str = "Member", sector: str = "textiles", state_code: str = "TN", **fields):
    """An approved member enterprise of the association with an owner who can log in; returns the owner."""
    user = testing.make_user(full_name=name)
    enterprise = testing.make_enterprise(
        owner=user, sector=sector, state_code=state_code, name=f"{name} Works", **fields
    )
    testing.make_membership(association=association, enterprise=enterprise)
    user.enterprise = enterprise
    return user


def connect(first, second) -> Connection:
    """An accepted connection between the enterprises of two member users (built as the services build it)."""
    connection = services.connection_request(
        from_enterprise=first.enterprise, to_enterprise=second.enterprise, by=first
    )
    return services.connection_decide(connection=connection, accept=True, by=fresh(second))


def fresh(user):
    """The same user without the per-request permission caches (as a new request would see it)."""
    from portal.accounts.models import User

    reloaded = User.objects.get(pk=user.pk)
    reloaded.enterprise = getattr(user, "enterprise", None)
    return reloaded


def make_lead(*, by, kind: str = LeadKind.SUPPLIER, days: int = 30, **fields) -> Lead:
    values = {
        "enterprise": by.enterprise,
        "kind": kind,
        "title": "30/1 combed cotton yarn",
        "sector": Sector.objects.get(slug="textiles"),
        "state": State.objects.get(code="TN"),
        "district": "Tiruppur",
        "description": "About 5 tonnes a month, delivered to Tiruppur.",
        "expires_on": timezone.localdate() + timedelta(days=days),
    }
    values.update(fields)
    return services.lead_post(**values, by=by)


@pytest.fixture
def member_a2(association_a):
    """A second member enterprise of association A (not connected to member_a)."""
    return add_member(association_a, name="Second A")


@pytest.fixture
def connected(member_a, member_b):
    """member_a's and member_b's enterprises are connected."""
    connection = connect(member_a, member_b)
    assert connection.status == ConnectionStatus.ACCEPTED
    return connection
