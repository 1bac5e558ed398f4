"""Who may do what with an association. Views, templates and tests all use these predicates."""

from portal.associations.models import Association, AssociationStaff, MembershipStatus, StaffRole, Status


def is_sidbi_reviewer(user) -> bool:
    """SIDBI scheme officers (and platform admins) review association applications."""
    return user.is_authenticated and user.is_active and (user.sidbi_role == "officer" or user.is_superuser)


def is_sidbi_viewer(user) -> bool:
    return user.is_authenticated and (user.is_sidbi or user.is_platform_admin)


def _has_role(user, role: str) -> bool:
    return bool(user.is_authenticated and user.is_active and user.sidbi_role == role)


def is_sidbi_officer(user) -> bool:
    """A SIDBI scheme officer: the maker who reviews and recommends."""
    return _has_role(user, "officer")


def is_sanctioning_authority(user) -> bool:
    """A SIDBI sanctioning authority: the checker who approves and releases."""
    return _has_role(user, "authority")


def is_cluster_expert(user) -> bool:
    """A field expert of the DIA scheme (of any association; see is_cluster_expert_for)."""
    return _has_role(user, "cluster_expert")


def _staff_role(user, association: Association) -> str | None:
    if not user.is_authenticated:
        return None
    cache = getattr(user, "_association_roles", None)
    if cache is None:
        cache = dict(AssociationStaff.objects.filter(user=user).values_list("association_id", "role"))
        user._association_roles = cache
    return cache.get(association.pk)


def is_applicant(user, association: Association) -> bool:
    """Office-bearers of the association, whatever its status (they can follow their application)."""
    return _staff_role(user, association) is not None


def can_edit_application(user, association: Association) -> bool:
    return _staff_role(user, association) == StaffRole.ADMIN and association.status in {
        Status.SUBMITTED,
        Status.INFO_REQUESTED,
    }


def can_manage(user, association: Association) -> bool:
    """Office-bearer (admin) of an approved association: decides join requests, invites, imports."""
    return association.status == Status.APPROVED and _staff_role(user, association) == StaffRole.ADMIN


def can_work_on(user, association: Association) -> bool:
    """Office-bearer or staff of an approved association: sees requests and the full member list."""
    return association.status == Status.APPROVED and _staff_role(user, association) is not None


def is_active_member(user, association: Association) -> bool:
    if not user.is_authenticated:
        return False
    return association.memberships.filter(status=MembershipStatus.APPROVED, enterprise__people__user=user).exists()


def can_view_member_directory(user, association: Association) -> bool:
    if association.status != Status.APPROVED or not user.is_authenticated:
        return False
    return is_sidbi_viewer(user) or can_work_on(user, association) or is_active_member(user, association)


def can_view_private_details(user, association: Association) -> bool:
    """The certificate, PAN and review history: the applicant's office and SIDBI only."""
    return is_sidbi_viewer(user) or is_applicant(user, association)


def is_cluster_expert_for(user, association: Association) -> bool:
    """The association's assigned cluster expert (a field expert of the DIA scheme)."""
    return bool(user.is_authenticated and user.is_active and association.cluster_expert_id == user.pk)


def can_oversee(user, association: Association) -> bool:
    """Read an association's own records (scheme pages, dashboard, books): its office, its cluster expert, SIDBI."""
    return is_sidbi_viewer(user) or can_work_on(user, association) or is_cluster_expert_for(user, association)
