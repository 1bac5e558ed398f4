"""Who may do what in the DIA scheme. Views, templates and tests all use these predicates."""

from portal.associations.permissions import (
    can_manage,
    can_oversee,
    is_cluster_expert_for,
    is_sidbi_staff,
)
from portal.associations.permissions import is_cluster_expert as is_expert  # noqa: F401 - re-exported for the views
from portal.associations.permissions import is_sanctioning_authority as is_authority
from portal.associations.permissions import is_sidbi_officer as is_officer
from portal.scheme.models import Appraisal, Step


def can_view(user, association) -> bool:
    """The association's office, its cluster expert, SIDBI and platform admins."""
    return can_oversee(user, association)


def can_start(user, association) -> bool:
    return can_manage(user, association)


def can_fill(user, appraisal: Appraisal) -> bool:
    """The association's office-bearers fill the eligibility check and the matrix at their steps."""
    return can_manage(user, appraisal.association) and appraisal.step in {Step.ELIGIBILITY, Step.MATRIX}


def reviewer_role(step: str) -> str:
    """Who decides at a step: the 'named reviewer' of the step."""
    return {
        Step.ELIGIBILITY: "association",
        Step.MATRIX: "association",
        Step.IN_PRINCIPLE: "officer",
        Step.MATRIX_REVIEW: "cluster_expert",
        Step.DETAILED: "officer",
        Step.SANCTION: "authority",
    }.get(step, "")


def can_decide(user, appraisal: Appraisal) -> bool:
    """The step's reviewer; at sanction, never the officer who recommended (maker–checker)."""
    role = reviewer_role(appraisal.step)
    if role == "officer":
        return is_officer(user)
    if role == "cluster_expert":
        return is_cluster_expert_for(user, appraisal.association)
    if role == "authority":
        return is_authority(user) and user.pk != appraisal.recommended_by_id
    return False


def can_assess_stage(user, association) -> bool:
    """SIDBI staff, platform admins and the association's cluster expert may record a stage assessment."""
    return is_sidbi_staff(user) or is_cluster_expert_for(user, association)
