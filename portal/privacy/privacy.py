"""This app's own personal data (see portal/core/personal_data.py)."""

from portal.core.personal_data import DELETE, KEEP, Source, register

register(
    Source("privacy.Consent", "user", KEEP, "proof of what was agreed and when (DPDP Act, section 6)"),
    Source("privacy.DataExport", "user", DELETE, "download files"),
    Source("privacy.Grievance", "user", KEEP, "how each grievance was handled, until its retention period ends"),
    Source("privacy.Grievance", "responded_by", KEEP, "who answered a grievance"),
    Source("privacy.Breach", "recorded_by", KEEP, "the breach register"),
    Source("privacy.UserSession", "user", DELETE, "where the person was logged in"),
)
