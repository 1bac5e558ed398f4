"""What deleting an account does to this app's rows (see portal/core/personal_data.py)."""

from portal.core.personal_data import KEEP, Source, register

register(
    Source("plans.ActionPlan", "created_by", KEEP, "the association's action plan"),
    Source("plans.PlanEvent", "by", KEEP, "the plan's history"),
    Source("plans.ProgressReport", "by", KEEP, "progress reports to the scheme"),
)
