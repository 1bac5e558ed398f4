"""Writes for the DIA scheme: the appraisal's steps and decisions, the matrix, and stage assessments."""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import SidbiRole
from portal.associations.roles import office_users, sidbi_users
from portal.core.audit import audit
from portal.core.errors import ActionRefused
from portal.notifications.services import notify
from portal.plans.selectors import has_approved_plan
from portal.scheme import eligibility, gather, matrix, permissions, stages, states
from portal.scheme.models import Appraisal, Decision, StageAssessment, Step, StepDecision, SustainabilityMatrix


def _locked(appraisal: Appraisal, expected_step: str | None) -> Appraisal:
    locked = Appraisal.objects.select_for_update().select_related("association").get(pk=appraisal.pk)
    if expected_step and locked.step != expected_step:
        raise ActionRefused(_("This appraisal has moved on since you opened it. Reload the page."))
    return locked


def _move(appraisal: Appraisal, *, decision: str, by, comments: str = "", data: dict | None = None) -> StepDecision:
    to_step = states.next_step(appraisal.step, decision)
    row = StepDecision.objects.create(
        appraisal=appraisal,
        step=appraisal.step,
        decision=decision,
        to_step=to_step,
        by=by,
        comments=comments,
        data=data or {},
    )
    appraisal.step = to_step
    appraisal.step_since = timezone.now()
    appraisal.save(update_fields=["step", "step_since"])
    audit(
        actor=by,
        action=f"scheme.{decision}",
        target=appraisal,
        association=appraisal.association,
        reason=comments,
        step=row.step,
        to_step=to_step,
    )
    return row


def _notify_next(appraisal: Appraisal, row: StepDecision) -> None:
    link = reverse("scheme:association", args=[appraisal.association.slug])
    name = appraisal.association.name
    step = appraisal.step
    if step == Step.IN_PRINCIPLE or step == Step.DETAILED:
        users, title = (
            sidbi_users(SidbiRole.OFFICER),
            _("DIA appraisal of %(name)s waits for an officer") % {"name": name},
        )
    elif step == Step.MATRIX_REVIEW:
        users = [appraisal.association.cluster_expert]
        title = _("%(name)s has submitted its sustainability matrix for your review") % {"name": name}
    elif step == Step.SANCTION:
        users = sidbi_users(SidbiRole.AUTHORITY).exclude(pk=appraisal.recommended_by_id)
        title = _("DIA appraisal of %(name)s is recommended for sanction") % {"name": name}
    else:
        users = office_users(appraisal.association, admins_only=True)
        title = _("DIA appraisal of %(name)s: %(decision)s at “%(step)s”") % {
            "name": name,
            "decision": row.get_decision_display().lower(),
            "step": Step(row.step).label,
        }
    notify(users=users, kind=f"scheme.{row.decision}", title=title, link=link, body=row.comments)


# Eligibility


@transaction.atomic
def appraisal_start(*, association, by) -> Appraisal:
    """Open an appraisal, its eligibility check prefilled from the association's records."""
    if not permissions.can_start(by, association):
        raise ActionRefused(_("Only the association's office-bearers can apply for the DIA scheme."))
    if Appraisal.objects.select_for_update().filter(association=association).exclude(step=Step.REJECTED).exists():
        raise ActionRefused(_("Your association already has a DIA appraisal."))
    answers = eligibility.prefill(association)
    appraisal = Appraisal.objects.create(
        association=association,
        started_by=by,
        eligibility=answers,
        eligibility_score=eligibility.evaluate(answers).score,
    )
    audit(actor=by, action="scheme.started", target=appraisal, association=association)
    return appraisal


@transaction.atomic
def eligibility_save(*, appraisal: Appraisal, answers: dict, by, submit: bool = False) -> Appraisal:
    """Keep the association's eligibility answers; with ``submit``, send them for in-principle approval."""
    appraisal = _locked(appraisal, Step.ELIGIBILITY)
    if not permissions.can_fill(by, appraisal):
        raise ActionRefused(_("Only the association's office-bearers fill in the eligibility check."))
    clean = {c.key: answers.get(c.key) for c in eligibility.CRITERIA}
    result = eligibility.evaluate(clean)
    appraisal.eligibility = clean
    appraisal.eligibility_score = result.score
    appraisal.save(update_fields=["eligibility", "eligibility_score"])
    if submit:
        if not result.passed:
            raise ActionRefused(
                _(
                    "The association scores %(score)s of %(max)s; the pass mark is %(pass)s and legal registration "
                    "and no default are required. It cannot apply yet."
                )
                % {"score": result.score, "max": eligibility.MAX_POINTS, "pass": eligibility.PASS_MARK}
            )
        row = _move(appraisal, decision=Decision.SUBMITTED, by=by, data={"score": result.score, "answers": clean})
        _notify_next(appraisal, row)
    else:
        audit(actor=by, action="scheme.eligibility_saved", target=appraisal, association=appraisal.association)
    return appraisal


# Matrix


def _matrix_for(appraisal: Appraisal) -> SustainabilityMatrix:
    existing = SustainabilityMatrix.objects.filter(appraisal=appraisal).first()
    if existing:
        return existing
    return SustainabilityMatrix(appraisal=appraisal, association=appraisal.association)


def matrix_initial(appraisal: Appraisal) -> tuple[dict[str, bool], dict[str, bool]]:
    """(answers to show, portal values): saved answers, else what the portal's data says."""
    portal = gather.matrix_from_portal(appraisal.association)
    existing = SustainabilityMatrix.objects.filter(appraisal=appraisal).first()
    answers = dict(existing.answers) if existing else dict(portal)
    return answers, portal


@transaction.atomic
def matrix_save(*, appraisal: Appraisal, answers: dict, by, submit: bool = False) -> SustainabilityMatrix:
    """Keep the association's matrix answers with the portal's own values beside them; optionally submit."""
    appraisal = _locked(appraisal, Step.MATRIX)
    if not permissions.can_fill(by, appraisal):
        raise ActionRefused(_("Only the association's office-bearers fill in the sustainability matrix."))
    clean = {key: bool(answers.get(key)) for key in matrix.PARAMETER_KEYS}
    record = _matrix_for(appraisal)
    record.answers = clean
    record.portal_values = gather.matrix_from_portal(appraisal.association)
    record.score = matrix.score(clean)
    record.tier = matrix.tier(record.score)[0]
    record.updated_at = timezone.now()
    record.approved_at = None
    record.save()
    if submit:
        row = _move(
            appraisal, decision=Decision.SUBMITTED, by=by, data={"score": str(record.score), "tier": record.tier}
        )
        _notify_next(appraisal, row)
    else:
        audit(actor=by, action="scheme.matrix_saved", target=record, association=appraisal.association)
    return record


# Reviewers' decisions


@transaction.atomic
def appraisal_decide(
    *, appraisal: Appraisal, decision: str, by, comments: str = "", expected_step: str | None = None
) -> StepDecision:
    """The step's reviewer approves (recommends, at the detailed step), sends back or rejects."""
    appraisal = _locked(appraisal, expected_step)
    if appraisal.step not in states.REVIEW_STEPS:
        raise ActionRefused(_("Nothing waits for a reviewer's decision at this step."))
    if appraisal.step == Step.SANCTION and by.pk == appraisal.recommended_by_id:
        raise ActionRefused(_("You recommended this appraisal; another person must sanction it."))
    if not permissions.can_decide(by, appraisal):
        raise ActionRefused(_("You are not the reviewer of this step."))
    comments = (comments or "").strip()
    if decision not in {"approve", Decision.SENT_BACK, Decision.REJECTED}:
        raise ActionRefused(_("Choose approve, send back or reject."))
    if decision == "approve":
        decision = states.approve_decision(appraisal.step)
    if decision in {Decision.SENT_BACK, Decision.REJECTED} and not comments:
        raise ActionRefused(_("Say why: comments are required to send back or reject."))
    data: dict = {}
    if decision == Decision.RECOMMENDED:
        record = SustainabilityMatrix.objects.filter(appraisal=appraisal, approved_at__isnull=False).first()
        if record is None:
            raise ActionRefused(_("The sustainability matrix must be approved first."))
        if not plan_approved(appraisal.association):
            raise ActionRefused(_("The association's action plan must be approved by its cluster expert first."))
        appraisal.recommended_by = by
        appraisal.save(update_fields=["recommended_by"])
        data["matrix_score"] = str(record.score)
    row = _move(appraisal, decision=decision, by=by, comments=comments, data=data)
    if row.step == Step.MATRIX_REVIEW:
        approved_at = timezone.now() if decision == Decision.APPROVED else None
        SustainabilityMatrix.objects.filter(appraisal=appraisal).update(approved_at=approved_at)
    if row.step == Step.SANCTION and decision == Decision.APPROVED:
        appraisal.sanctioned_by = by
        appraisal.in_scheme_since = row.at
        appraisal.save(update_fields=["sanctioned_by", "in_scheme_since"])
    if row.step == Step.SANCTION and decision == Decision.SENT_BACK:
        appraisal.recommended_by = None
        appraisal.save(update_fields=["recommended_by"])
    _notify_next(appraisal, row)
    return row


def plan_approved(association) -> bool:
    """The plans app's gate: the association's action plan is approved."""
    return has_approved_plan(association)


# Stage assessments


@transaction.atomic
def stage_assess(*, association, by, on: date | None = None, inputs: stages.StageInputs | None = None):
    """Record the cluster's stage today (or ``on``) from the portal's data, and update Association.stage."""
    from portal.associations.models import Association

    association = Association.objects.select_for_update().get(pk=association.pk)
    if by is not None and not permissions.can_assess_stage(by, association):
        raise ActionRefused(_("Only SIDBI or the association's cluster expert can assess its stage."))
    on = on or timezone.localdate()
    inputs = inputs or gather.gather_inputs(association, until=on)
    stage = stages.stage_for(inputs)
    approved = gather.latest_matrix(association)
    dimensions = {k: str(v) for k, v in matrix.dimension_scores(approved.answers).items()} if approved else {}
    assessment = StageAssessment.objects.create(
        association=association,
        assessed_on=on,
        stage=stage,
        inputs=inputs.as_snapshot(),
        dimension_scores=dimensions,
        by=by,
    )
    audit(actor=by, action="scheme.stage_assessed", target=assessment, association=association, stage=stage)
    latest = StageAssessment.objects.filter(association=association).order_by("-assessed_on", "-id").first()
    if latest.pk == assessment.pk and association.stage != stage:
        previous = association.stage
        association.stage = stage
        association.save(update_fields=["stage"])
        audit(
            actor=by,
            action="scheme.stage_changed",
            target=association,
            association=association,
            from_stage=previous,
            to_stage=stage,
        )
    return assessment
