"""Which status may follow which, for support applications, tranches and utilisation certificates.

    draft ──submit──▶ submitted ──recommend (officer)──▶ recommended ──approve (authority)──▶ sanctioned
                        │  ▲   └──reject (officer)──▶ rejected ◀──reject (authority)──┘
              send back │  │ resubmit
                        ▼  │
                      sent back

See portal/core/transitions.py.
"""

from django.utils.translation import gettext_lazy as _

from portal.core.transitions import state_machine
from portal.support.models import Status, TrancheStatus, UCStatus

APPLICATION = state_machine(
    "support.Application",
    Status,
    {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SENT_BACK: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.RECOMMENDED, Status.SENT_BACK, Status.REJECTED},
        Status.RECOMMENDED: {Status.APPROVED, Status.REJECTED},
        Status.APPROVED: set(),
        Status.REJECTED: set(),
    },
    refusal=_("An application that is “%(from)s” cannot become “%(to)s”."),
    audit_prefix="support.application",
)
TRANCHE = state_machine(
    "support.Tranche",
    TrancheStatus,
    {TrancheStatus.PLANNED: {TrancheStatus.RELEASED}, TrancheStatus.RELEASED: set()},
)
# A certificate sent back stays as it was; the association submits a new one.
CERTIFICATE = state_machine(
    "support.UtilisationCertificate",
    UCStatus,
    {UCStatus.SUBMITTED: {UCStatus.ACCEPTED, UCStatus.SENT_BACK}, UCStatus.ACCEPTED: set(), UCStatus.SENT_BACK: set()},
)
