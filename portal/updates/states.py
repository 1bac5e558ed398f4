"""Which status may follow which, for updates (see portal/core/transitions.py)."""

from portal.core.transitions import state_machine
from portal.updates.models import UpdateStatus

# A scheduled update goes live at its time (the worker publishes it) or is published now by its author.
UPDATE = state_machine(
    "updates.Update",
    UpdateStatus,
    {
        UpdateStatus.DRAFT: {UpdateStatus.SCHEDULED, UpdateStatus.PUBLISHED, UpdateStatus.WITHDRAWN},
        UpdateStatus.SCHEDULED: {UpdateStatus.SCHEDULED, UpdateStatus.PUBLISHED, UpdateStatus.WITHDRAWN},
        UpdateStatus.PUBLISHED: {UpdateStatus.WITHDRAWN},
        UpdateStatus.WITHDRAWN: set(),
    },
)
