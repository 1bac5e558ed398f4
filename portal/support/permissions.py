"""Who may do what with DIA support (docs/permissions.md, "DIA support").

- The association's office-bearer (admin of an approved association) applies, edits drafts and sent-back
  applications, and submits utilisation certificates; its staff see the applications read-only.
- A SIDBI scheme officer (maker) recommends, sends back or rejects; plans tranches; decides certificates.
- A SIDBI sanctioning authority (checker) approves or rejects a recommendation and releases tranches; never
  one they recommended or planned themselves, and never recommends.
- The association's cluster expert and platform admins read, never act.
- Members of the association see nothing (the queryset hides it: 404).
"""

from django.utils.translation import gettext_lazy as _

from portal.associations.permissions import can_manage, can_work_on, is_cluster_expert_for
from portal.associations.permissions import is_sanctioning_authority as is_authority
from portal.associations.permissions import is_sidbi_officer as is_officer
from portal.associations.roles import is_sidbi_staff
from portal.core.permissions import can, refuse
from portal.support.models import EDITABLE_STATUSES, Status


def can_apply(user, association) -> bool:
    return can_manage(user, association)


def is_applicant_office(user, application) -> bool:
    return can_work_on(user, application.association)


def can_edit(user, application) -> bool:
    return application.status in EDITABLE_STATUSES and can_manage(user, application.association)


def can_review(user, application) -> bool:
    """The officer recommends, sends back or rejects a submitted application."""
    return application.status == Status.SUBMITTED and is_officer(user)


def can_approve(user, application) -> bool:
    """The authority decides a recommendation, never one they made themselves."""
    return application.status == Status.RECOMMENDED and is_authority(user) and application.recommended_by_id != user.pk


def can_plan_tranches(user, sanction) -> bool:
    return is_officer(user) and sanction.remaining > 0


def check_release(user, tranche, earlier) -> None:
    """A sanctioning authority other than its planner releases a planned tranche once every earlier one
    (``earlier``: the sanction's tranches numbered before it) is released and accounted for."""
    from portal.support.models import TrancheStatus

    if not is_authority(user):
        refuse(_("Only a SIDBI sanctioning authority releases tranches."), reveal=True)
    if tranche.planned_by_id == user.pk:
        refuse(_("You planned this tranche; another authority must release it."), reveal=True)
    if tranche.status != TrancheStatus.PLANNED:
        refuse(_("This tranche is already released."), reveal=True)
    if any(t.status != TrancheStatus.RELEASED for t in earlier):
        refuse(_("Release the earlier tranches first."), reveal=True)
    if any(not t.is_accounted for t in earlier):
        refuse(
            _("The previous tranche is not fully accounted for: an accepted utilisation certificate is needed first."),
            reveal=True,
        )


can_release = can(check_release)


def can_submit_uc(user, tranche) -> bool:
    from portal.support.models import TrancheStatus

    return tranche.status == TrancheStatus.RELEASED and can_manage(user, tranche.sanction.association)


def can_decide_uc(user, certificate) -> bool:
    from portal.support.models import UCStatus

    return certificate.status == UCStatus.SUBMITTED and is_officer(user)


def can_read(user, application) -> bool:
    """Anyone the queryset lets see it: the office, SIDBI, platform admins, the association's cluster expert."""
    return (
        is_applicant_office(user, application)
        or (application.status != Status.DRAFT and is_sidbi_staff(user))
        or (application.status != Status.DRAFT and is_cluster_expert_for(user, application.association))
    )
