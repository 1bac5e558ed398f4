"""What deleting an account does to this app's rows (see portal/core/personal_data.py)."""

from portal.core.personal_data import KEEP, Source, register

register(
    Source("support.Application", "created_by", KEEP, "support applications (public money)"),
    Source("support.Application", "recommended_by", KEEP, "maker-checker record"),
    Source("support.Application", "decided_by", KEEP, "maker-checker record"),
    Source("support.ApplicationDocument", "uploaded_by", KEEP, "application documents"),
    Source("support.StatusChange", "by", KEEP, "the application's history"),
    Source("support.Sanction", "approved_by", KEEP, "sanctions (public money)"),
    Source("support.Tranche", "planned_by", KEEP, "disbursements"),
    Source("support.Tranche", "released_by", KEEP, "disbursements"),
    Source("support.UtilisationCertificate", "submitted_by", KEEP, "utilisation certificates"),
    Source("support.UtilisationCertificate", "decided_by", KEEP, "utilisation certificates"),
)
