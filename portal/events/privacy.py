"""What deleting an account does to this app's rows (see portal/core/personal_data.py)."""

from portal.core.personal_data import DELETE, KEEP, Source, register

register(
    Source("events.Event", "created_by", KEEP, "the association's events"),
    Source("events.Registration", "user", KEEP, "attendance and certificates the association reports to the scheme"),
    Source("events.CalendarFeed", "user", DELETE, "the private calendar link"),
)
