"""Which status may follow which, for grievances and personal-data downloads (see portal/core/transitions.py)."""

from django.utils.translation import gettext_lazy as _

from portal.core.transitions import state_machine
from portal.privacy.models import ExportStatus, GrievanceStatus

# The grievance officer answers (the person may come back, which reopens it) or closes; closed is final.
GRIEVANCE = state_machine(
    "privacy.Grievance",
    GrievanceStatus,
    {
        GrievanceStatus.OPEN: {GrievanceStatus.ANSWERED, GrievanceStatus.CLOSED},
        GrievanceStatus.ANSWERED: {GrievanceStatus.CLOSED, GrievanceStatus.OPEN},
        GrievanceStatus.CLOSED: set(),
    },
    refusal=_("A grievance that is “%(from)s” cannot become “%(to)s”."),
)
# A download is prepared once by the worker, then offered until it expires (or it failed, and is asked again).
DATA_EXPORT = state_machine(
    "privacy.DataExport",
    ExportStatus,
    {
        ExportStatus.QUEUED: {ExportStatus.READY, ExportStatus.FAILED},
        ExportStatus.READY: {ExportStatus.EXPIRED},
        ExportStatus.FAILED: set(),
        ExportStatus.EXPIRED: set(),
    },
    refusal=_("A data download that is “%(from)s” cannot become “%(to)s”."),
)
