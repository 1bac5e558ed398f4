"""Fixtures for the catalogue (the shared cast is in the root conftest.py)."""

from decimal import Decimal

from django.utils import timezone

from portal.catalogue import services
from portal.core.models import Sector, State
from portal.desk.models import Requirement, Status


def add_offering(by, *, sectors=(), states=(), **overrides):
    """An offering added through the service, as the SIDBI staff form would."""
    values = {
        "name": "Term loan for MSME growth",
        "offered_by": "SIDBI",
        "kind": "loan",
        "summary": "Term loans for machinery and sheds.",
        "details": "For expansion.",
        "eligible_categories": [],
        "purposes": [],
        "min_amount": None,
        "max_amount": None,
        "interest": "",
        "terms": "",
        "link": "",
    }
    values.update(overrides)
    return services.offering_create(
        by=by,
        sectors=list(Sector.objects.filter(slug__in=sectors)),
        states=list(State.objects.filter(code__in=states)),
        **values,
    )


def make_requirement(member, *, kind="term_loan", amount=Decimal("2500000"), **fields):
    """A posted requirement row made directly through the ORM."""
    membership = member.enterprise.memberships.select_related("association").first()
    values = {
        "association": membership.association,
        "enterprise": member.enterprise,
        "created_by": member,
        "kind": kind,
        "title": "Loan for two knitting machines",
        "description": "Two circular knitting machines for a new line.",
        "amount": amount,
        "status": Status.POSTED,
        "posted_at": timezone.now(),
    }
    values.update(fields)
    return Requirement.objects.create(**values)
