"""Which status may follow which, for bookings of an association's services (see portal/core/transitions.py)."""

from portal.core.transitions import state_machine
from portal.services.models import BookingStatus

BOOKING = state_machine(
    "services.Booking",
    BookingStatus,
    {
        BookingStatus.REQUESTED: {BookingStatus.ACCEPTED, BookingStatus.DECLINED, BookingStatus.CANCELLED},
        BookingStatus.ACCEPTED: {BookingStatus.DELIVERED, BookingStatus.DECLINED, BookingStatus.CANCELLED},
        BookingStatus.DECLINED: set(),
        BookingStatus.DELIVERED: set(),
        BookingStatus.CANCELLED: set(),
    },
)
