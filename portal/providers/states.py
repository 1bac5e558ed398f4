"""Which status may follow which, for provider registrations (see portal/core/transitions.py)."""

from portal.core.transitions import state_machine
from portal.providers.models import ProviderStatus

# SIDBI decides a pending registration; a rejected provider that edits its profile is pending again.
PROVIDER = state_machine(
    "providers.Provider",
    ProviderStatus,
    {
        ProviderStatus.PENDING: {ProviderStatus.APPROVED, ProviderStatus.REJECTED},
        ProviderStatus.REJECTED: {ProviderStatus.PENDING},
        ProviderStatus.APPROVED: set(),
    },
)
