"""What deleting an account does to this app's rows (see portal/core/personal_data.py)."""

from portal.core.personal_data import KEEP, Source, register

register(
    Source("scheme.Appraisal", "recommended_by", KEEP, "scheme decisions (public money)"),
    Source("scheme.Appraisal", "sanctioned_by", KEEP, "scheme decisions (public money)"),
    Source("scheme.Appraisal", "started_by", KEEP, "scheme decisions"),
    Source("scheme.StepDecision", "by", KEEP, "scheme decisions"),
    Source("scheme.StageAssessment", "by", KEEP, "stage records"),
)
