"""Fixtures for strategic services (the shared cast is in the root conftest.py)."""

from decimal import Decimal

import pytest

from portal import testing
from portal.services import services


def make_service(association, by, *, published=True, **fields):
    values = {
        "kind": "testing",
        "title": "Fabric GSM and shrinkage test",
        "description": "Tests in our NABL-linked lab.",
        "unit": "per_test",
        "price_member": Decimal("500.00"),
        "price_non_member": Decimal("800.00"),
        "published": published,
    }
    values.update(fields)
    return services.service_create(association=association, by=by, **values)


def outsider():
    """A person acting for an enterprise that is a member of no association."""
    user = testing.make_user(full_name="Outsider")
    testing.make_enterprise(owner=user, name="Outside Works")
    return user


def delivered_booking(service, member, bearer, **deliver):
    booking = services.booking_request(service=service, by=member)
    services.booking_accept(booking=booking, by=bearer)
    return services.booking_deliver(booking=booking, by=bearer, **deliver)


@pytest.fixture
def service_a(association_a, bearer_a):
    return make_service(association_a, bearer_a)
