"""What deleting an account does to this app's rows (see portal/core/personal_data.py)."""

from portal.core.personal_data import KEEP, Source, register

register(
    Source("catalogue.Offering", "updated_by", KEEP, "the offering's change history"),
)
