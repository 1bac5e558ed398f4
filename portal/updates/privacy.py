"""What deleting an account does to this app's rows (see portal/core/personal_data.py)."""

from portal.core.personal_data import DELETE, KEEP, Source, register

register(
    Source("updates.Update", "created_by", KEEP, "published updates"),
    Source("updates.Follow", "user", DELETE, "what the person follows"),
    Source("updates.Recognition", "created_by", KEEP, "published recognitions"),
)
