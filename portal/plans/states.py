"""The action plan state machine: the only place that says which status may follow which.

draft ──submit──▶ submitted ──approve──▶ approved (structure locked; progress reported)
                    │  ▲    └──reject──▶ rejected (the period is free for a new plan)
          send back │  │ resubmit
                    ▼  │
                  sent back (editable)
"""

from django.utils.translation import gettext as _

from portal.core.errors import ActionRefused
from portal.plans.models import PlanStatus

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    PlanStatus.DRAFT: {PlanStatus.SUBMITTED},
    PlanStatus.SUBMITTED: {PlanStatus.APPROVED, PlanStatus.SENT_BACK, PlanStatus.REJECTED},
    PlanStatus.SENT_BACK: {PlanStatus.SUBMITTED},
    PlanStatus.APPROVED: set(),
    PlanStatus.REJECTED: set(),
}


def can_transition(from_status: str, to_status: str) -> bool:
    return to_status in ALLOWED_TRANSITIONS.get(from_status, set())


def check_transition(from_status: str, to_status: str) -> None:
    if not can_transition(from_status, to_status):
        raise ActionRefused(
            _("A plan that is “%(from)s” cannot become “%(to)s”.")
            % {"from": PlanStatus(from_status).label, "to": PlanStatus(to_status).label}
        )
