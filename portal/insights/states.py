"""Which status may follow which, for monthly scheme reports (see portal/core/transitions.py)."""

from portal.core.transitions import state_machine
from portal.insights.models import ReportStatus

REPORT = state_machine(
    "insights.SchemeReport",
    ReportStatus,
    {
        ReportStatus.QUEUED: {ReportStatus.READY, ReportStatus.FAILED},
        ReportStatus.READY: set(),
        ReportStatus.FAILED: set(),
    },
)
