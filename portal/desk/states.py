"""The requirement state machine: the only place that says which status may follow which.

    draft ──post──▶ posted ──take up / forward──▶ in triage ──assign──▶ assigned ──offer──▶ offer made
      │               │  └─────────────assign (or routing rule)──────────▲                 │
      └─withdraw      └─offer (open to providers)──────────────────────────────────────────┤
                                                                                          ▼
    withdrawn ◀── any open status        resolved ──reopen (within DESK_REOPEN_DAYS)──▶ reopened
                                           └──close──▶ closed

A requirement is "resolved" only when its member confirms it; "closed" is final.
"""

from django.utils.translation import gettext_lazy as _

from portal.core.transitions import state_machine
from portal.desk.models import OfferStatus, Status

_REQUIREMENT_TABLE: dict[str, set[str]] = {
    Status.DRAFT: {Status.POSTED, Status.WITHDRAWN},
    Status.POSTED: {Status.IN_TRIAGE, Status.ASSIGNED, Status.OFFER_MADE, Status.RESOLVED, Status.WITHDRAWN},
    Status.IN_TRIAGE: {Status.ASSIGNED, Status.OFFER_MADE, Status.RESOLVED, Status.WITHDRAWN},
    Status.ASSIGNED: {Status.IN_TRIAGE, Status.OFFER_MADE, Status.RESOLVED, Status.WITHDRAWN},
    Status.OFFER_MADE: {Status.IN_TRIAGE, Status.RESOLVED, Status.WITHDRAWN},
    Status.REOPENED: {Status.IN_TRIAGE, Status.ASSIGNED, Status.OFFER_MADE, Status.RESOLVED, Status.WITHDRAWN},
    Status.RESOLVED: {Status.CLOSED, Status.REOPENED},
    Status.CLOSED: set(),
    Status.WITHDRAWN: set(),
}
REQUIREMENT = state_machine(
    "desk.Requirement",
    Status,
    _REQUIREMENT_TABLE,
    refusal=_("A requirement that is “%(from)s” cannot become “%(to)s”."),
)
ALLOWED_TRANSITIONS = REQUIREMENT.table

# An offer is accepted or declined by the member, or withdrawn (by its provider, or when the requirement is
# withdrawn, reassigned or resolved another way).
OFFER = state_machine(
    "desk.Offer",
    OfferStatus,
    {
        OfferStatus.OPEN: {OfferStatus.ACCEPTED, OfferStatus.DECLINED, OfferStatus.WITHDRAWN},
        OfferStatus.ACCEPTED: set(),
        OfferStatus.DECLINED: set(),
        OfferStatus.WITHDRAWN: set(),
    },
)


def can_transition(from_status: str, to_status: str) -> bool:
    return REQUIREMENT.allows(from_status, to_status)


def check_transition(from_status: str, to_status: str) -> None:
    """Raise ActionRefused with a message a user understands when the move is not allowed."""
    REQUIREMENT.check(from_status, to_status)
