"""Drive a requirement to any status through the services, as the people who would do it."""

from dataclasses import dataclass
from decimal import Decimal

from portal import testing
from portal.desk import services
from portal.desk.models import OfferKind, Requirement, Status
from portal.providers.models import Provider


@dataclass
class Cast:
    member: object
    office: object
    lab_user: object
    lab: Provider


def fresh(requirement: Requirement) -> Requirement:
    return Requirement.objects.get(pk=requirement.pk)


def quote(requirement: Requirement, by, price: str = "45000", scope: str = "Shrinkage and colour fastness tests"):
    return services.offer_make(
        requirement=fresh(requirement), by=by, kind=OfferKind.SERVICE, price=Decimal(price), scope=scope
    )


def drive(cast: Cast, status: str, **fields) -> Requirement:
    """A testing requirement of cast.member, open to providers, brought to ``status``."""
    fields.setdefault("visibility", "providers")
    if status == Status.DRAFT:
        return testing.make_requirement(by=cast.member, post=False, **fields)
    requirement = testing.make_requirement(by=cast.member, **fields)
    if status == Status.POSTED:
        return fresh(requirement)
    if status == Status.IN_TRIAGE:
        services.requirement_take_up(requirement=requirement, by=cast.office)
    elif status in (Status.ASSIGNED, Status.OFFER_MADE):
        services.requirement_assign(requirement=requirement, provider=cast.lab, by=cast.office)
        if status == Status.OFFER_MADE:
            quote(requirement, cast.lab_user)
    elif status in (Status.RESOLVED, Status.REOPENED, Status.CLOSED):
        services.requirement_resolve(requirement=requirement, by=cast.member, rating=4, comment="Done")
        if status == Status.REOPENED:
            services.requirement_reopen(requirement=fresh(requirement), by=cast.member, reason="Report was wrong")
        elif status == Status.CLOSED:
            services.requirement_close(requirement=fresh(requirement), by=cast.member)
    elif status == Status.WITHDRAWN:
        services.requirement_withdraw(requirement=requirement, by=cast.member, reason="No longer needed")
    requirement = fresh(requirement)
    assert requirement.status == status
    return requirement
