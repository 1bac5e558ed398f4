"""Which status may follow which, for broadcasts (see portal/core/transitions.py)."""

from portal.core.transitions import state_machine
from portal.notifications.models import BroadcastStatus

# The worker may be restarted mid-way: a broadcast that is sending carries on from the last batch sent.
BROADCAST = state_machine(
    "notifications.Broadcast",
    BroadcastStatus,
    {
        BroadcastStatus.QUEUED: {BroadcastStatus.SENDING},
        BroadcastStatus.SENDING: {BroadcastStatus.SENDING, BroadcastStatus.DONE, BroadcastStatus.FAILED},
        BroadcastStatus.DONE: set(),
        BroadcastStatus.FAILED: set(),
    },
)
