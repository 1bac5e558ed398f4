from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def check_handle_grievances(user) -> None:
    """The grievance officer's queue: platform admins and holders of ``privacy.handle_grievance``."""
    if not (
        user.is_authenticated and user.is_active and (user.is_superuser or user.has_perm("privacy.handle_grievance"))
    ):
        raise PermissionDenied(_("Only the grievance officer handles grievances."))


def can_handle_grievances(user) -> bool:
    try:
        check_handle_grievances(user)
    except PermissionDenied:
        return False
    return True
