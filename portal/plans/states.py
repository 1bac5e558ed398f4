"""The action plan state machine: the only place that says which status may follow which.

draft ──submit──▶ submitted ──approve──▶ approved (structure locked; progress reported)
                    │  ▲    └──reject──▶ rejected (the period is free for a new plan)
          send back │  │ resubmit
                    ▼  │
                  sent back (editable)
"""

from django.utils.translation import gettext_lazy as _

from portal.core.transitions import state_machine
from portal.plans.models import ActivityStatus, PlanStatus

PLAN = state_machine(
    "plans.ActionPlan",
    PlanStatus,
    {
        PlanStatus.DRAFT: {PlanStatus.SUBMITTED},
        PlanStatus.SUBMITTED: {PlanStatus.APPROVED, PlanStatus.SENT_BACK, PlanStatus.REJECTED},
        PlanStatus.SENT_BACK: {PlanStatus.SUBMITTED},
        PlanStatus.APPROVED: set(),
        PlanStatus.REJECTED: set(),
    },
    refusal=_("A plan that is “%(from)s” cannot become “%(to)s”."),
)
ALLOWED_TRANSITIONS = PLAN.table

# The association reports each activity's progress as it stands: any status may follow any other (a dropped
# activity may be taken up again, a "done" one reopened when the work turns out unfinished).
ACTIVITY = state_machine(
    "plans.Activity",
    ActivityStatus,
    {status: set(ActivityStatus.values) - {status} for status in ActivityStatus.values},
)


def can_transition(from_status: str, to_status: str) -> bool:
    return PLAN.allows(from_status, to_status)


def check_transition(from_status: str, to_status: str) -> None:
    PLAN.check(from_status, to_status)
