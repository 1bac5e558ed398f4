"""Fixtures for finances (the shared cast is in the root conftest.py)."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from portal import testing
from portal.finances import services
from portal.finances.models import financial_year_of


def add_member(association, *, category: str = "micro", name: str | None = None):
    """An approved member enterprise of the association with an owner who can log in; returns the owner."""
    user = testing.make_user()
    enterprise = testing.make_enterprise(owner=user, category=category, **({"name": name} if name else {}))
    testing.make_membership(association=association, enterprise=enterprise)
    user.enterprise = enterprise
    return user


def make_schedule(association, *, by, year: int | None = None, prefix: str = "TKMA"):
    return services.dues_schedule_save(
        association=association,
        financial_year=year or financial_year_of(timezone.localdate()),
        invoice_prefix=prefix,
        due_days=30,
        categories=[
            {"name": "Micro", "msme_category": "micro", "amount": Decimal("5000")},
            {"name": "Small", "msme_category": "small", "amount": Decimal("12500.50")},
            {"name": "Ordinary", "is_default": True, "amount": Decimal("25000")},
        ],
        by=by,
    )


def record(association, *, by=None, direction="income", category="sponsorship", amount="1000", on_date=None, **kw):
    return services.ledger_record(
        association=association,
        direction=direction,
        category=category,
        amount=Decimal(amount),
        on_date=on_date or timezone.localdate(),
        description=kw.pop("description", "Test entry"),
        by=by,
        **kw,
    )


@pytest.fixture
def schedule_a(association_a, bearer_a):
    return make_schedule(association_a, by=bearer_a)


@pytest.fixture
def invoice_a(schedule_a, member_a, bearer_a):
    services.invoices_raise(schedule=schedule_a, by=bearer_a)
    return member_a.enterprise.dues_invoices.get()


@pytest.fixture
def invoice_b(association_b, bearer_b, member_b):
    schedule = make_schedule(association_b, by=bearer_b, prefix="LEA")
    services.invoices_raise(schedule=schedule, by=bearer_b)
    return member_b.enterprise.dues_invoices.get()


def first_of_this_year() -> date:
    return date(financial_year_of(timezone.localdate()), 4, 1)
