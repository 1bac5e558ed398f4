"""Reads for strategic services, including the contract the scheme's stage rule and dashboards use."""

from datetime import date
from decimal import Decimal

from django.db.models import Sum

from portal.associations import roles
from portal.services.models import Booking


def _delivered(association, since: date | None, until: date | None):
    bookings = Booking.objects.delivered().filter(association=association)
    if since is not None:
        bookings = bookings.filter(delivered_on__gte=since)
    if until is not None:
        bookings = bookings.filter(delivered_on__lte=until)
    return bookings


def services_sold_count(association, *, since: date | None = None, until: date | None = None) -> int:
    """Contract: how many bookings of the association's services were delivered (dates inclusive)."""
    return _delivered(association, since, until).count()


def service_income(association, *, since: date | None = None, until: date | None = None) -> Decimal:
    """Contract: the fees of bookings delivered in the period (what went into the book as service fees)."""
    total = _delivered(association, since, until).aggregate(total=Sum("fee"))["total"]
    return total if total is not None else Decimal("0.00")


def member_association_ids(user) -> set[int]:
    """The associations an enterprise of the user is an approved member of (member prices apply there)."""
    return roles.member_association_ids(user)
