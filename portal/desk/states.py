"""The requirement state machine: the only place that says which status may follow which.

    draft ──post──▶ posted ──take up / forward──▶ in triage ──assign──▶ assigned ──offer──▶ offer made
      │               │  └─────────────assign (or routing rule)──────────▲                 │
      └─withdraw      └─offer (open to providers)──────────────────────────────────────────┤
                                                                                          ▼
    withdrawn ◀── any open status        resolved ──reopen (within DESK_REOPEN_DAYS)──▶ reopened
                                           └──close──▶ closed

A requirement is "resolved" only when its member confirms it; "closed" is final.
"""

from django.utils.translation import gettext as _

from portal.core.errors import ActionRefused
from portal.desk.models import Status

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
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


def can_transition(from_status: str, to_status: str) -> bool:
    return to_status in ALLOWED_TRANSITIONS.get(from_status, set())


def check_transition(from_status: str, to_status: str) -> None:
    """Raise ActionRefused with a message a user understands when the move is not allowed."""
    if not can_transition(from_status, to_status):
        raise ActionRefused(
            _("A requirement that is “%(from)s” cannot become “%(to)s”.")
            % {"from": Status(from_status).label, "to": Status(to_status).label}
        )
