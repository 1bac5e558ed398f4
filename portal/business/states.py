"""Which status may follow which, for connections, interests in leads and reports (see portal/core/transitions.py)."""

from django.utils.translation import gettext_lazy as _

from portal.business.models import ConnectionStatus, InterestStatus, ReportStatus
from portal.core.transitions import state_machine

# A declined request may be asked again; accepting an interest in a lead connects the two at once.
CONNECTION = state_machine(
    "business.Connection",
    ConnectionStatus,
    {
        ConnectionStatus.REQUESTED: {ConnectionStatus.ACCEPTED, ConnectionStatus.DECLINED},
        ConnectionStatus.DECLINED: {ConnectionStatus.REQUESTED, ConnectionStatus.ACCEPTED},
        ConnectionStatus.ACCEPTED: set(),
    },
    refusal=_("A connection that is “%(from)s” cannot become “%(to)s”."),
)
INTEREST = state_machine(
    "business.Interest",
    InterestStatus,
    {InterestStatus.PENDING: {InterestStatus.ACCEPTED}, InterestStatus.ACCEPTED: set()},
)
REPORT = state_machine(
    "business.Report", ReportStatus, {ReportStatus.OPEN: {ReportStatus.RESOLVED}, ReportStatus.RESOLVED: set()}
)
