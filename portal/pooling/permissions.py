"""Who may do what with a pooled demand. Views, templates and tests all use these predicates.

| who                                   | see | see who committed | commit | open / close / outcome / export |
| ------------------------------------- | --- | ----------------- | ------ | ------------------------------- |
| office-bearer (admin) of its assoc.   | yes | yes               | no*    | yes                             |
| staff of its association              | yes | yes               | no*    | no                              |
| person of an approved member          | yes | yes               | yes    | no                              |
| SIDBI officer or authority            | yes | no (totals only)  | no     | no                              |
| anyone else                           | 404 | –                 | –      | –                               |

* unless the same person also acts for an approved member enterprise.
"""

from portal.associations import permissions as association_permissions
from portal.associations.models import Association, MembershipStatus
from portal.associations.models import Status as AssociationStatus
from portal.associations.roles import is_sidbi_staff
from portal.enterprises.models import Enterprise
from portal.pooling.models import PooledDemand


def _is_member(user, association: Association) -> bool:
    if association.status != AssociationStatus.APPROVED:
        return False
    return association_permissions.is_active_member(user, association)


def can_view_association_pools(user, association: Association) -> bool:
    """The association's list of pooled demands: its office, its approved members and SIDBI."""
    if not user.is_authenticated:
        return False
    return (
        is_sidbi_staff(user) or association_permissions.can_work_on(user, association) or _is_member(user, association)
    )


def can_view(user, pooled_demand: PooledDemand) -> bool:
    return can_view_association_pools(user, pooled_demand.association)


def can_manage(user, association: Association) -> bool:
    """Open, close, cancel, record the outcome and export: the association's office-bearers (admins)."""
    return association_permissions.can_manage(user, association)


def can_see_commitments(user, pooled_demand: PooledDemand) -> bool:
    """Who committed what: the association's office and its members, as the issue asks; SIDBI sees totals."""
    association = pooled_demand.association
    return association_permissions.can_work_on(user, association) or _is_member(user, association)


def can_export(user, pooled_demand: PooledDemand) -> bool:
    return can_manage(user, pooled_demand.association)


def committing_enterprises(user, association: Association):
    """The user's enterprises that are approved members of the association: those it may commit for."""
    if not user.is_authenticated or association.status != AssociationStatus.APPROVED:
        return Enterprise.objects.none()
    return (
        Enterprise.objects.of_user(user)
        .filter(memberships__association=association, memberships__status=MembershipStatus.APPROVED)
        .order_by("name")
        .distinct()
    )


def can_commit(user, pooled_demand: PooledDemand, enterprise: Enterprise | None = None) -> bool:
    enterprises = committing_enterprises(user, pooled_demand.association)
    if enterprise is not None:
        enterprises = enterprises.filter(pk=enterprise.pk)
    return enterprises.exists()
