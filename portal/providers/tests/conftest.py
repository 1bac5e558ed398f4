"""Fixtures for providers (the shared cast is in the root conftest.py)."""

from decimal import Decimal

import pytest
from django.utils import timezone

from portal import testing
from portal.core.models import Sector, State
from portal.desk.models import Requirement, Status
from portal.providers import services
from portal.providers.models import Provider, ProviderStatus


def register(by, **overrides) -> Provider:
    """A provider registered through the service, as the registration form would."""
    values = {
        "name": "Coimbatore Testing Services",
        "kind": "lab",
        "help_kinds": ["testing", "quality_zed"],
        "description": "NABL tests for yarn and fabric.",
        "sectors": [Sector.objects.get(slug="textiles")],
        "states": [State.objects.get(code="TN")],
        "city": "Coimbatore",
        "website": "https://cts.example.in",
        "contact_email": "desk@cts.example.in",
        "phone": "+919845012345",
    }
    values.update(overrides)
    return services.provider_register(by=by, **values)


def approved_provider(name: str, *, kind: str = "consultant", states=(), sectors=(), help_kinds=("technology",)):
    provider = Provider.objects.create(
        name=name,
        kind=kind,
        status=ProviderStatus.APPROVED,
        help_kinds=list(help_kinds),
        city="Pune",
        approved_at=timezone.now(),
    )
    provider.states.set(State.objects.filter(code__in=states))
    provider.sectors.set(Sector.objects.filter(slug__in=sectors))
    return provider


def make_requirement(member, *, provider=None, status=Status.RESOLVED, rating=None, kind="term_loan", **fields):
    """A requirement row made directly: the desk's services are not what these tests are about."""
    membership = member.enterprise.memberships.select_related("association").first()
    values = {
        "association": membership.association,
        "enterprise": member.enterprise,
        "created_by": member,
        "kind": kind,
        "title": "Loan for two knitting machines",
        "description": "Two circular knitting machines.",
        "amount": Decimal("2500000"),
        "status": status,
        "assigned_provider": provider,
        "rating": rating,
        "posted_at": timezone.now(),
    }
    values.update(fields)
    return Requirement.objects.create(**values)


@pytest.fixture
def applicant(db):
    return testing.make_user("applicant@cts.example.in", full_name="Applicant")


@pytest.fixture
def pending(applicant):
    return register(applicant)


@pytest.fixture
def test_bank(provider_user):
    return Provider.objects.get(name="Test Bank")
