"""Who may do what with an association. Views, templates, services and tests all use these rules.

``check_<action>`` raises the refusal; ``can_<action>`` is derived from it (portal.core.permissions). A user
with no standing at the association (see roles.has_role_at) is refused its private pages with 404, exactly
as if the page did not exist; one who has standing there but may not do this gets 403 with the reason.
"""

from django.utils.translation import gettext_lazy as _

from portal.associations import roles
from portal.associations.models import Association, StaffRole, Status
from portal.associations.roles import (  # noqa: F401 - the role predicates, re-exported for the apps' permissions
    is_cluster_expert,
    is_cluster_expert_for,
    is_sanctioning_authority,
    is_sidbi_officer,
    is_sidbi_reviewer,
    is_sidbi_staff,
)
from portal.core.permissions import can, refuse


def refuse_at(user, association: Association, message: str) -> None:
    """Refuse something of the association's: 403 with ``message`` to people with standing there, else 404."""
    refuse(message, reveal=lambda: roles.has_role_at(user, association))


def _staff_role(user, association: Association) -> str | None:
    return roles.staff_role(user, association)


def is_applicant(user, association: Association) -> bool:
    """Office-bearers of the association, whatever its status (they can follow their application)."""
    return _staff_role(user, association) is not None


def is_active_member(user, association: Association) -> bool:
    return association.pk in roles.member_association_ids(user)


def check_edit_application(user, association: Association) -> None:
    """The applicant's office-bearers correct the application while SIDBI has not decided it."""
    if _staff_role(user, association) != StaffRole.ADMIN:
        refuse_at(user, association, _("Only the applicant's office-bearers may change the application."))
    if association.status not in {Status.SUBMITTED, Status.INFO_REQUESTED}:
        refuse_at(user, association, _("This application can no longer be changed."))


def check_manage(user, association: Association) -> None:
    """Office-bearer (admin) of an approved association: decides join requests, invites, imports."""
    if not (association.status == Status.APPROVED and _staff_role(user, association) == StaffRole.ADMIN):
        refuse_at(user, association, _("Only the association's office-bearers may do this."))


def check_work_on(user, association: Association) -> None:
    """Office-bearer or staff of an approved association: sees requests and the full member list."""
    if not (association.status == Status.APPROVED and _staff_role(user, association) is not None):
        refuse_at(user, association, _("Only the association's office may do this."))


def check_view_member_directory(user, association: Association) -> None:
    """SIDBI, the association's office and its approved members see the member directory."""
    if association.status == Status.APPROVED and (
        is_sidbi_staff(user) or can_work_on(user, association) or is_active_member(user, association)
    ):
        return
    refuse_at(user, association, _("Only the association's members and office see its member directory."))


def check_view_private_details(user, association: Association) -> None:
    """The certificate, PAN and review history: the applicant's office and SIDBI only."""
    if not (is_sidbi_staff(user) or is_applicant(user, association)):
        refuse_at(user, association, _("Only the association's office and SIDBI see its registration papers."))


def check_oversee(user, association: Association) -> None:
    """Read an association's own records (scheme pages, dashboard, books): its office, its cluster expert, SIDBI."""
    if not (is_sidbi_staff(user) or can_work_on(user, association) or is_cluster_expert_for(user, association)):
        refuse_at(user, association, _("Only the association's office, its cluster expert and SIDBI see this."))


def check_review(user, association: Association | None = None) -> None:
    """SIDBI scheme officers (and platform admins) review association applications (this one, if waiting)."""
    if not is_sidbi_reviewer(user):
        refuse(_("Only a SIDBI scheme officer can review applications."), reveal=user.is_authenticated)
    if association is not None and association.status not in {Status.SUBMITTED, Status.INFO_REQUESTED}:
        refuse(_("This application is not waiting for a review."), reveal=True)


can_edit_application = can(check_edit_application)
can_manage = can(check_manage)
can_work_on = can(check_work_on)
can_view_member_directory = can(check_view_member_directory)
can_view_private_details = can(check_view_private_details)
can_oversee = can(check_oversee)
can_review = can(check_review)
