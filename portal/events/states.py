"""Which status may follow which, for events and registrations (see portal/core/transitions.py)."""

from django.utils.translation import gettext_lazy as _

from portal.core.transitions import state_machine
from portal.events.models import EventStatus, RegistrationStatus

EVENT = state_machine(
    "events.Event",
    EventStatus,
    {
        EventStatus.DRAFT: {EventStatus.PUBLISHED, EventStatus.CANCELLED},
        EventStatus.PUBLISHED: {EventStatus.CANCELLED},
        EventStatus.CANCELLED: set(),
    },
    refusal=_("An event that is “%(from)s” cannot become “%(to)s”."),
)
# A registration starts confirmed or on the waiting list; the first on the list moves up when a place frees.
REGISTRATION = state_machine(
    "events.Registration",
    RegistrationStatus,
    {
        RegistrationStatus.WAITLISTED: {RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED},
        RegistrationStatus.CONFIRMED: {RegistrationStatus.CANCELLED},
        RegistrationStatus.CANCELLED: set(),
    },
)
