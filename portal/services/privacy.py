"""What deleting an account does to this app's rows (see portal/core/personal_data.py)."""

from portal.core.personal_data import KEEP, Source, register

register(
    Source("services.Booking", "booked_by", KEEP, "the association's bookings and fees (financial record)"),
)
