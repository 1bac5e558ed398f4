"""SIDBI staff and their capacity: the roles a user holds by themselves, with no association in the question.

The bottom half of the roles module: ``portal.associations.roles`` re-exports these beside who runs which
association, so every app asks one place; apps below associations (enterprises) import them from here.
"""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from portal.accounts.models import SidbiRole


def is_sidbi_staff(user) -> bool:
    """Reads everything as SIDBI: scheme officers, sanctioning authorities and platform admins.

    Cluster experts are the scheme's field experts, not SIDBI staff: they see what their associations see.
    """
    return bool(user.is_authenticated and (user.is_sidbi or user.is_platform_admin))


def _has_role(user, role: str) -> bool:
    return bool(user.is_authenticated and user.is_active and user.sidbi_role == role)


def is_sidbi_officer(user) -> bool:
    """A SIDBI scheme officer: the maker who reviews and recommends."""
    return _has_role(user, SidbiRole.OFFICER)


def is_sanctioning_authority(user) -> bool:
    """A SIDBI sanctioning authority: the checker who approves and releases."""
    return _has_role(user, SidbiRole.AUTHORITY)


def is_cluster_expert(user) -> bool:
    """A field expert of the DIA scheme (of any association; see is_cluster_expert_for)."""
    return _has_role(user, SidbiRole.CLUSTER_EXPERT)


def is_sidbi_reviewer(user) -> bool:
    """Reviews association applications: SIDBI scheme officers and platform admins."""
    return bool(
        user.is_authenticated and user.is_active and (user.sidbi_role == SidbiRole.OFFICER or user.is_superuser)
    )


def sidbi_users(role: str) -> QuerySet:
    """Active SIDBI staff of one capacity (officers, authorities or cluster experts) to notify."""
    return get_user_model().objects.filter(is_active=True, sidbi_role=role)
