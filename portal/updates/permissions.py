"""Who may publish and manage updates and name recognitions."""

from portal.associations.permissions import can_manage


def can_publish_for_sidbi(user) -> bool:
    return user.is_authenticated and user.is_sidbi


def can_publish_for(user, association) -> bool:
    """An association's office-bearers (admin) publish for their own association only."""
    return user.is_authenticated and can_manage(user, association)


def can_edit(user, update) -> bool:
    if update.association_id is None:
        return can_publish_for_sidbi(user)
    return can_publish_for(user, update.association)


def can_create_recognition(user) -> bool:
    """Only SIDBI names ambassadors and champions."""
    return user.is_authenticated and user.is_sidbi
