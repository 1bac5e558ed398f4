"""Reads for the DIA scheme, scoped to the user. Other apps import ``is_in_scheme`` and ``current_stage``."""

from django.db.models import Q

from portal.associations.models import Association
from portal.scheme.models import Appraisal, StageAssessment, Step


def is_in_scheme(association) -> bool:
    """Has the association's detailed appraisal been sanctioned (it may apply for DIA support)?"""
    return Appraisal.objects.filter(association=association, step=Step.IN_SCHEME).exists()


def current_stage(association) -> str:
    """The cluster's development stage (kept on Association.stage by ``stage_assess``)."""
    return association.stage


def live_appraisal(association) -> Appraisal | None:
    """The appraisal that is open or done; a rejected one only when there is nothing newer."""
    appraisals = Appraisal.objects.filter(association=association).select_related(
        "recommended_by", "sanctioned_by", "association__cluster_expert"
    )
    return appraisals.exclude(step=Step.REJECTED).first() or appraisals.first()


def stage_history(association):
    return StageAssessment.objects.filter(association=association).order_by("assessed_on", "id")


def queue_for(user):
    """Appraisals waiting for this user's decision, oldest first."""
    from portal.scheme import permissions

    appraisals = Appraisal.objects.visible_to(user).select_related("association", "association__state")
    condition = Q(pk__in=[])
    if permissions.is_officer(user):
        condition |= Q(step__in=[Step.IN_PRINCIPLE, Step.DETAILED])
    if permissions.is_authority(user):
        condition |= Q(step=Step.SANCTION) & ~Q(recommended_by=user)
    if user.is_authenticated:
        condition |= Q(step=Step.MATRIX_REVIEW, association__cluster_expert=user)
    return appraisals.filter(condition).order_by("step_since", "id")


def advised_associations(user):
    """A cluster expert's associations with their stage (the expert's portfolio)."""
    return Association.objects.advised_by(user).select_related("state").order_by("name")
