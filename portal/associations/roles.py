"""Who someone is on the portal, in one place: SIDBI staff and in what capacity, who runs which association,
and who in an association's office must be told. Every app asks here; none spells a role itself.

Facts about a user that need a query (their offices) are remembered for the request through
``portal.core.memo``, which a saved or deleted role row invalidates, so they cannot go stale.
"""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from portal.accounts.roles import (  # noqa: F401 (one place to ask: SIDBI capacities are re-exported here)
    is_cluster_expert,
    is_sanctioning_authority,
    is_sidbi_officer,
    is_sidbi_reviewer,
    is_sidbi_staff,
    sidbi_users,
)
from portal.associations.models import Association, AssociationStaff, Membership, MembershipStatus, StaffRole, Status
from portal.core import memo

memo.invalidated_by(Association, AssociationStaff, Membership)


def is_cluster_expert_for(user, association: Association) -> bool:
    """The association's assigned cluster expert."""
    return bool(user.is_authenticated and user.is_active and association.cluster_expert_id == user.pk)


# Who runs an association.


def staff_roles(user) -> dict[int, str]:
    """Association id → the user's office role there (admin or staff), whatever the association's status."""
    if not user.is_authenticated:
        return {}
    return memo.remember(
        user,
        "association_staff_roles",
        lambda: dict(AssociationStaff.objects.filter(user=user).values_list("association_id", "role")),
    )


def staff_role(user, association: Association) -> str | None:
    return staff_roles(user).get(association.pk)


def office_ids(user, *, admins_only: bool = False) -> set[int]:
    """Approved associations whose office the user works in (an unverified association gives no powers)."""
    if not user.is_authenticated:
        return set()
    ids = memo.remember(
        user,
        "association_office_ids",
        lambda: dict(
            AssociationStaff.objects.filter(user=user, association__status=Status.APPROVED).values_list(
                "association_id", "role"
            )
        ),
    )
    return {pk for pk, role in ids.items() if role == StaffRole.ADMIN or not admins_only}


def managed_by(user, *, admins_only: bool = False) -> QuerySet[Association]:
    """Approved associations in which the user holds office (as office-bearer, or staff unless admins_only)."""
    return Association.objects.managed_by(user, admins_only=admins_only)


def member_association_ids(user) -> set[int]:
    """Associations of which one of the user's enterprises is an approved member."""
    if not user.is_authenticated:
        return set()
    return memo.remember(
        user,
        "association_member_ids",
        lambda: set(
            Membership.objects.filter(status=MembershipStatus.APPROVED, enterprise__people__user=user).values_list(
                "association_id", flat=True
            )
        ),
    )


def has_role_at(user, association: Association) -> bool:
    """Whether the user has any standing at the association: its office (applicants included), an approved
    member, its cluster expert, or SIDBI staff. Anyone else is refused its private pages as if they did not
    exist (404); these are refused as forbidden (403) where they may not act."""
    if not user.is_authenticated:
        return False
    return (
        is_sidbi_staff(user)
        or is_cluster_expert_for(user, association)
        or association.pk in staff_roles(user)
        or association.pk in member_association_ids(user)
    )


# Who must be told.


def office_users(association: Association | int, *, admins_only: bool) -> QuerySet:
    """Active people of the association's office to notify: its office-bearers, and its staff unless admins_only.

    The rule: whoever may act on the thing is told. Plans, stage appraisals, support applications and pooled
    demand are acted on by office-bearers (``admins_only=True``); the service catalogue and its bookings by
    everyone in the office (``admins_only=False``). docs/decisions.md, "Who is told".
    """
    staff = AssociationStaff.objects.filter(association=association)
    if admins_only:
        staff = staff.filter(role=StaffRole.ADMIN)
    return get_user_model().objects.filter(is_active=True, pk__in=staff.values("user"))
