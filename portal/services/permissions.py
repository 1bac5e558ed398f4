"""Who may do what with strategic services and their bookings."""

from portal.associations.permissions import can_work_on
from portal.core import memo
from portal.services.models import BookingStatus


def can_manage_catalogue(user, association) -> bool:
    """The office (office-bearers and staff) of an approved association keeps its catalogue and handles bookings."""
    return can_work_on(user, association)


def enterprises_of(user):
    from portal.enterprises.models import Enterprise

    return Enterprise.objects.filter(people__user=user)


def can_book(user, service) -> bool:
    """Anyone acting for an enterprise may book a published service of an approved association."""
    if not user.is_authenticated or not service.published or not service.association.is_approved:
        return False
    return memo.remember(user, "services_has_enterprise", lambda: enterprises_of(user).exists())


def can_handle(user, booking) -> bool:
    """Accept, decline and deliver: the office of the association that sells the service."""
    return can_manage_catalogue(user, booking.association)


def can_cancel(user, booking) -> bool:
    return booking.booked_by_id == user.pk and booking.status in (BookingStatus.REQUESTED, BookingStatus.ACCEPTED)


def can_rate(user, booking) -> bool:
    """Only the person who booked, once it is delivered, once."""
    return booking.booked_by_id == user.pk and booking.status == BookingStatus.DELIVERED and booking.rating is None
