"""Who may do what with action plans. Views, templates and services use these predicates."""

from portal.associations.permissions import can_manage, can_work_on, is_cluster_expert_for
from portal.associations.roles import is_sidbi_staff
from portal.plans.models import EDITABLE, PlanStatus


def can_write_plans(user, association) -> bool:
    """Office-bearers (admins) of an approved association write and submit its plans."""
    return can_manage(user, association)


def can_view(user, plan) -> bool:
    """The association's office; the assigned cluster expert and SIDBI once the plan is submitted."""
    if can_work_on(user, plan.association):
        return True
    if plan.status == PlanStatus.DRAFT:
        return False
    return is_cluster_expert_for(user, plan.association) or is_sidbi_staff(user)


def can_edit(user, plan) -> bool:
    """The structure can change while the plan is a draft or sent back; approval locks it."""
    return can_write_plans(user, plan.association) and plan.status in EDITABLE


def can_submit(user, plan) -> bool:
    return can_edit(user, plan)


def can_decide(user, plan) -> bool:
    """Only the association's assigned cluster expert decides a submitted plan."""
    return plan.status == PlanStatus.SUBMITTED and is_cluster_expert_for(user, plan.association)


def can_report_progress(user, plan) -> bool:
    """The association's office reports progress on an approved plan."""
    return plan.status == PlanStatus.APPROVED and can_work_on(user, plan.association)
