"""Which status may follow which, for associations, memberships and member imports (see portal/core/transitions.py)."""

from django.utils.translation import gettext_lazy as _

from portal.associations.models import ImportStatus, MembershipStatus, Status
from portal.core.transitions import state_machine

# An application to register: reviewed by SIDBI, who may ask for more information (then it is resubmitted).
ASSOCIATION = state_machine(
    "associations.Association",
    Status,
    {
        Status.SUBMITTED: {Status.APPROVED, Status.REJECTED, Status.INFO_REQUESTED},
        Status.INFO_REQUESTED: {Status.SUBMITTED, Status.REJECTED},
        Status.APPROVED: set(),
        Status.REJECTED: set(),
    },
    refusal=_("An application that is “%(from)s” cannot become “%(to)s”."),
    audit_prefix="association",
)
# A declined enterprise may ask again; an invitation makes a requester (or a declined one) a member at once.
MEMBERSHIP = state_machine(
    "associations.Membership",
    MembershipStatus,
    {
        MembershipStatus.REQUESTED: {MembershipStatus.APPROVED, MembershipStatus.DECLINED},
        MembershipStatus.DECLINED: {MembershipStatus.REQUESTED, MembershipStatus.APPROVED},
        MembershipStatus.APPROVED: set(),
    },
    refusal=_("A membership that is “%(from)s” cannot become “%(to)s”."),
)
MEMBER_IMPORT = state_machine(
    "associations.MemberImport",
    ImportStatus,
    {
        ImportStatus.PENDING: {ImportStatus.RUNNING},
        ImportStatus.RUNNING: {ImportStatus.DONE, ImportStatus.FAILED},
        ImportStatus.DONE: set(),
        ImportStatus.FAILED: set(),
    },
)
