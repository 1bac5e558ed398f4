"""Which status may follow which, for reports to moderators (see portal/core/transitions.py)."""

from portal.community.models import ReportStatus
from portal.core.transitions import state_machine

REPORT = state_machine(
    "community.Report",
    ReportStatus,
    {
        ReportStatus.OPEN: {ReportStatus.ACTIONED, ReportStatus.DISMISSED},
        ReportStatus.ACTIONED: set(),
        ReportStatus.DISMISSED: set(),
    },
)
