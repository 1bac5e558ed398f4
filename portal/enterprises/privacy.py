"""What deleting an account does to this app's rows (see portal/core/personal_data.py)."""

from portal.core.personal_data import DELETE, Source, register

register(
    Source("enterprises.EnterpriseUser", "user", DELETE, "the person's link to the enterprise (the enterprise stays)"),
)
