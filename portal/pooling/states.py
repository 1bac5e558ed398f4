"""Which status may follow which, for pooled demands (see portal/core/transitions.py)."""

from django.utils.translation import gettext_lazy as _

from portal.core.transitions import state_machine
from portal.pooling.models import Status

# The outcome may be corrected once recorded (negotiated → negotiated), never after a cancellation.
POOLED_DEMAND = state_machine(
    "pooling.PooledDemand",
    Status,
    {
        Status.OPEN: {Status.CLOSED, Status.CANCELLED},
        Status.CLOSED: {Status.NEGOTIATED, Status.CANCELLED},
        Status.NEGOTIATED: {Status.NEGOTIATED},
        Status.CANCELLED: set(),
    },
    refusal=_("A pooled demand that is “%(from)s” cannot become “%(to)s”."),
)
