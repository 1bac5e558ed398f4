"""Who may do what with events. Views, templates and services use these predicates."""

from portal.associations.permissions import can_work_on, is_active_member
from portal.associations.roles import is_sidbi_staff


def can_organise_for(user, association) -> bool:
    """An association's office-bearers and staff organise its events; SIDBI officers organise SIDBI's (None)."""
    if not user.is_authenticated:
        return False
    if association is None:
        return is_sidbi_staff(user)
    return can_work_on(user, association)


def can_manage(user, event) -> bool:
    """Edit, publish, cancel, see registrants, check people in, mark fees paid."""
    return can_organise_for(user, event.owner)


def is_eligible(user, event) -> bool:
    """Whether the user belongs to the event's audience (registering always needs an account)."""
    from portal.events.models import Audience

    if not user.is_authenticated or not user.is_active:
        return False
    if event.audience == Audience.MEMBERS:
        return is_active_member(user, event.owner) or can_work_on(user, event.owner)
    return True


def can_see_online_link(user, event, registration=None) -> bool:
    """The joining link: the organiser and confirmed attendees only (not the waiting list, not the public)."""
    from portal.events.models import RegistrationStatus

    if can_manage(user, event):
        return True
    return registration is not None and registration.status == RegistrationStatus.CONFIRMED


def can_give_feedback(user, registration) -> bool:
    return registration.user_id == user.pk and registration.attended and registration.event.has_ended()


def can_download_certificate(user, registration) -> bool:
    return registration.user_id == user.pk and registration.attended
