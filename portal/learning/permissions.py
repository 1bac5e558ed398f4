"""Who may do what in the learning library. Views, templates and services use these predicates."""

from portal.associations.models import Association
from portal.associations.permissions import can_manage
from portal.associations.roles import is_sidbi_staff


def can_publish_national(user) -> bool:
    """SIDBI officers and authorities, and platform admins, publish national resources, series and paths."""
    return is_sidbi_staff(user)


def can_add_for(user, association: Association | None) -> bool:
    """National resources: SIDBI staff and admins. An association's: its office-bearers (approved association)."""
    if not user.is_authenticated:
        return False
    if association is None:
        return can_publish_national(user)
    return user.is_platform_admin or can_manage(user, association)


def can_edit(user, obj) -> bool:
    """A resource or series may be edited by whoever may add one for its owner."""
    return can_add_for(user, obj.association)


def can_bookmark(user) -> bool:
    return bool(user.is_authenticated)


def can_manage_paths(user) -> bool:
    """Learning paths are national: SIDBI staff and platform admins make them."""
    return can_publish_national(user)


def can_follow_paths(user) -> bool:
    """Any logged-in user keeps progress on a path."""
    return bool(user.is_authenticated)
