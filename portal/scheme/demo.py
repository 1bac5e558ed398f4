"""Demo DIA scheme data: a cluster expert, appraisals at every step, matrices and two years of stage history.

Runs last in the demo (after events, services, finances and plans). Bulk inserts, no notifications, no
audit rows: this is sample data, not something that happened. The stage histories are synthetic but
consistent with the stage rule (each snapshot's inputs give exactly the recorded stage) and end at the
stage the core demo gave each association.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from portal.accounts.models import SidbiRole, User
from portal.associations.models import Association, AssociationStaff, StaffRole, Stage
from portal.plans.selectors import has_approved_plan
from portal.scheme import eligibility, matrix, stages
from portal.scheme.models import Appraisal, Decision, StageAssessment, Step, StepDecision, SustainabilityMatrix

EXPERT_EMAIL = "expert@demo.diaportal.in"
TIRUPPUR = "tiruppur-knitwear-manufacturers-association"
LUDHIANA = "ludhiana-engineering-manufacturers-association"
QUARTERS = 8  # two years of quarterly assessments

# The decisions that take an appraisal to each step (who: "office", "officer", "expert", "authority").
PATHS: dict[str, list[tuple[str, str, str]]] = {
    Step.ELIGIBILITY: [],
    Step.IN_PRINCIPLE: [(Step.ELIGIBILITY, Decision.SUBMITTED, "office")],
    Step.MATRIX: [
        (Step.ELIGIBILITY, Decision.SUBMITTED, "office"),
        (Step.IN_PRINCIPLE, Decision.APPROVED, "officer"),
    ],
    Step.MATRIX_REVIEW: [
        (Step.ELIGIBILITY, Decision.SUBMITTED, "office"),
        (Step.IN_PRINCIPLE, Decision.APPROVED, "officer"),
        (Step.MATRIX, Decision.SUBMITTED, "office"),
    ],
    Step.DETAILED: [
        (Step.ELIGIBILITY, Decision.SUBMITTED, "office"),
        (Step.IN_PRINCIPLE, Decision.APPROVED, "officer"),
        (Step.MATRIX, Decision.SUBMITTED, "office"),
        (Step.MATRIX_REVIEW, Decision.SENT_BACK, "expert"),
        (Step.MATRIX, Decision.SUBMITTED, "office"),
        (Step.MATRIX_REVIEW, Decision.APPROVED, "expert"),
    ],
    Step.SANCTION: [
        (Step.ELIGIBILITY, Decision.SUBMITTED, "office"),
        (Step.IN_PRINCIPLE, Decision.APPROVED, "officer"),
        (Step.MATRIX, Decision.SUBMITTED, "office"),
        (Step.MATRIX_REVIEW, Decision.APPROVED, "expert"),
        (Step.DETAILED, Decision.RECOMMENDED, "officer"),
    ],
    Step.IN_SCHEME: [
        (Step.ELIGIBILITY, Decision.SUBMITTED, "office"),
        (Step.IN_PRINCIPLE, Decision.APPROVED, "officer"),
        (Step.MATRIX, Decision.SUBMITTED, "office"),
        (Step.MATRIX_REVIEW, Decision.APPROVED, "expert"),
        (Step.DETAILED, Decision.RECOMMENDED, "officer"),
        (Step.SANCTION, Decision.APPROVED, "authority"),
    ],
    Step.REJECTED: [
        (Step.ELIGIBILITY, Decision.SUBMITTED, "office"),
        (Step.IN_PRINCIPLE, Decision.REJECTED, "officer"),
    ],
}
COMMENTS = {
    Decision.SENT_BACK: "Please show the linkages with banks and the written processes you mention; attach minutes.",
    Decision.REJECTED: "The association is registered less than a year ago and has no elected office-bearers yet.",
    Decision.APPROVED: "",
    Decision.RECOMMENDED: "Strong governance, growing paid services; plan is realistic. Recommended for sanction.",
    Decision.SUBMITTED: "",
}
# Steps for the expert's other associations, in turn (Tiruppur is in the scheme, Ludhiana under review).
STEP_CYCLE = [
    Step.IN_SCHEME,
    Step.DETAILED,
    Step.SANCTION,
    Step.MATRIX,
    Step.IN_PRINCIPLE,
    Step.ELIGIBILITY,
    Step.MATRIX_REVIEW,
    Step.REJECTED,
    Step.IN_SCHEME,
    Step.DETAILED,
]
# Chance of "yes" on each matrix parameter for a cluster in each stage.
YES_CHANCE = {
    Stage.INITIATION: 0.25,
    Stage.ESTABLISHMENT: 0.45,
    Stage.OPERATIONALISATION: 0.65,
    Stage.TRANSFORMATION: 0.88,
}


def ensure_expert() -> User:
    """expert@demo.diaportal.in, with the same password and TOTP secret as the other demo SIDBI users."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from portal.core.samples import DEMO_PASSWORD, DEMO_TOTP_SECRET

    user = User.objects.filter(email=EXPERT_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            EXPERT_EMAIL, DEMO_PASSWORD, full_name="Dr. Priya Raghavan", sidbi_role=SidbiRole.CLUSTER_EXPERT
        )
    EmailAddress.objects.get_or_create(user=user, email=EXPERT_EMAIL, defaults={"verified": True, "primary": True})
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return user


def _band(stage: str) -> tuple[Decimal, Decimal]:
    """The matrix scores that fit ``stage`` under the stage rule: [its threshold, the next one's)."""
    index = stages.ORDER.index(stage)
    low = Decimal(stages.THRESHOLDS.get(stage, {}).get("matrix_score", 0))
    nxt = stages.THRESHOLDS.get(stages.ORDER[index + 1]) if index + 1 < len(stages.ORDER) else None
    return low, (Decimal(nxt["matrix_score"]) if nxt else Decimal(101))


def _answers_for(rng: random.Random, stage: str) -> dict[str, bool]:
    """Matrix answers typical of ``stage`` whose score falls in the stage's band."""
    low, high = _band(stage)
    chance = YES_CHANCE[stage]
    answers: dict[str, bool] = {}
    for _attempt in range(500):
        answers = {key: rng.random() < chance for key in matrix.PARAMETER_KEYS}
        if low <= matrix.score(answers) < high:
            return answers
    return answers


def _inputs_for(rng: random.Random, stage: str, score: Decimal) -> stages.StageInputs:
    """Inputs between ``stage``'s thresholds and the next stage's, so the rule gives exactly ``stage``."""
    index = stages.ORDER.index(stage)
    low = stages.THRESHOLDS.get(stage, dict.fromkeys(stages.INPUT_LABELS, 0))
    nxt = stages.THRESHOLDS.get(stages.ORDER[index + 1]) if index + 1 < len(stages.ORDER) else None
    values = {}
    for key in stages.INPUT_LABELS:
        lo = low.get(key, 0)
        hi = nxt[key] if nxt else lo * 2 + 10
        if key in stages.DECIMAL_INPUTS:
            span = Decimal(hi) - Decimal(lo)
            values[key] = (Decimal(lo) + span * Decimal(rng.randint(0, 95)) / 100).quantize(Decimal("0.01"))
        else:
            values[key] = rng.randint(int(lo), max(int(lo), int(hi) - 1))
    values["matrix_score"] = score
    if nxt:
        # Keep members below the next stage so the rule cannot place the cluster higher.
        values["active_members"] = min(values["active_members"], int(nxt["active_members"]) - 1)
    inputs = stages.StageInputs(**values)
    if stages.stage_for(inputs) != stage:
        raise AssertionError(f"demo inputs {inputs} do not give {stage}")
    return inputs


def _history_stages(rng: random.Random, final: str, *, from_start: bool = False) -> list[str]:
    """A rising path over the quarters that ends at ``final`` (never moving down more than one step)."""
    end = stages.ORDER.index(final)
    start = 0 if from_start else max(0, end - rng.randint(0, 2))
    path = []
    for quarter in range(QUARTERS):
        level = start + round((end - start) * quarter / (QUARTERS - 1))
        if 0 < quarter < QUARTERS - 1 and rng.random() < 0.12:
            level = max(0, level - 1)  # a bad quarter
        path.append(stages.ORDER[level])
    path[-1] = final
    return path


def _assessments(rng: random.Random, associations: list[Association], matrices: dict[int, dict]) -> None:
    today = timezone.localdate()
    rows = []
    for association in associations:
        path = _history_stages(rng, association.stage, from_start=association.slug in {TIRUPPUR, LUDHIANA})
        for quarter, stage in enumerate(path):
            on = today - timedelta(days=91 * (QUARTERS - 1 - quarter))
            approved = matrices.get(association.pk)
            answers = approved if approved and quarter == QUARTERS - 1 else _answers_for(rng, stage)
            score = matrix.score(answers)
            rows.append(
                StageAssessment(
                    association=association,
                    assessed_on=on,
                    stage=stage,
                    inputs=_inputs_for(rng, stage, score).as_snapshot(),
                    dimension_scores={k: str(v) for k, v in matrix.dimension_scores(answers).items()},
                    created_at=timezone.make_aware(datetime.combine(on, time(2, 0))),
                )
            )
    StageAssessment.objects.bulk_create(rows, batch_size=500)


def _appraisal(rng, association, final_step, people, start: date):
    office = people["office"].get(association.pk) or association.created_by
    who = {**people, "office": office}
    at = timezone.make_aware(datetime.combine(start, time(11, 0)))
    answers = {
        "legal_registration": True,
        "years_of_operation": max(timezone.localdate().year - association.year_founded, 0),
        "member_base": max(association.approx_member_count, eligibility.MIN_MEMBER_BASE),
        "office_bearers": True,
        "no_default": True,
    }
    path = PATHS[final_step]
    appraisal = Appraisal.objects.create(
        association=association,
        step=final_step,
        eligibility=answers,
        eligibility_score=eligibility.evaluate(answers).score,
        started_by=office,
        started_at=at,
        step_since=at + timedelta(days=9 * len(path)),
        recommended_by=people["officer"] if any(d == Decision.RECOMMENDED for _s, d, _w in path) else None,
        sanctioned_by=people["authority"] if final_step == Step.IN_SCHEME else None,
        in_scheme_since=at + timedelta(days=9 * len(path)) if final_step == Step.IN_SCHEME else None,
    )
    rows = []
    for index, (step, decision, role) in enumerate(path):
        to_step = _to(step, decision)
        rows.append(
            StepDecision(
                appraisal=appraisal,
                step=step,
                decision=decision,
                to_step=to_step,
                by=who[role],
                comments=COMMENTS[decision],
                at=at + timedelta(days=9 * (index + 1), hours=rng.randint(0, 6)),
            )
        )
    StepDecision.objects.bulk_create(rows)
    answers_matrix = None
    if final_step in {Step.MATRIX, Step.MATRIX_REVIEW, Step.DETAILED, Step.SANCTION, Step.IN_SCHEME}:
        stage = association.stage
        answers_matrix = _answers_for(rng, stage)
        score = matrix.score(answers_matrix)
        approved = final_step in {Step.DETAILED, Step.SANCTION, Step.IN_SCHEME}
        portal = {"website": bool(association.website), "member_relationship_system": True}
        SustainabilityMatrix.objects.create(
            association=association,
            appraisal=appraisal,
            answers=answers_matrix,
            portal_values=portal,
            score=score,
            tier=matrix.tier(score)[0],
            updated_at=at + timedelta(days=20),
            approved_at=at + timedelta(days=40) if approved else None,
        )
        if not approved:
            answers_matrix = None
    return answers_matrix


def _to(step: str, decision: str) -> str:
    from portal.scheme.states import TRANSITIONS

    return TRANSITIONS[(step, decision)]


def seed(*, rng: random.Random) -> None:
    if StageAssessment.objects.exists() or Appraisal.objects.exists():
        return
    expert = ensure_expert()
    officer = User.objects.filter(email="officer@demo.diaportal.in").first()
    authority = User.objects.filter(email="authority@demo.diaportal.in").first()
    approved = list(Association.objects.approved().order_by("pk"))
    if not approved or officer is None or authority is None:
        return
    by_slug = {a.slug: a for a in approved}
    others = [a for a in approved if a.slug not in {TIRUPPUR, LUDHIANA}]
    # The expert advises some associations whose action plan is approved (so the later appraisal steps,
    # which need one, are true to the rules) and a random sample of others.
    planned = [a for a in others if has_approved_plan(a)][:4]
    unplanned = [a for a in others if a not in planned]
    advised = [by_slug[s] for s in (TIRUPPUR, LUDHIANA) if s in by_slug] + planned
    advised += rng.sample(unplanned, k=min(16 - len(advised), len(unplanned)))
    Association.objects.filter(pk__in=[a.pk for a in advised]).update(cluster_expert=expert)

    # Tiruppur shows a strong, rising cluster; Ludhiana one that is getting established.
    stage_of = {TIRUPPUR: Stage.OPERATIONALISATION, LUDHIANA: Stage.ESTABLISHMENT}
    for association in approved:
        if association.slug in stage_of:
            association.stage = stage_of[association.slug]
    Association.objects.bulk_update([a for a in approved if a.slug in stage_of], ["stage"])

    offices = dict(
        AssociationStaff.objects.filter(role=StaffRole.ADMIN, association__in=advised)
        .order_by("association_id", "id")
        .values_list("association_id", "user")
    )
    users = User.objects.in_bulk(set(offices.values()))
    people = {
        "office": {pk: users[user_id] for pk, user_id in offices.items()},
        "officer": officer,
        "authority": authority,
        "expert": expert,
    }
    steps = {TIRUPPUR: Step.IN_SCHEME, LUDHIANA: Step.MATRIX_REVIEW}
    matrices: dict[int, dict] = {}
    today = timezone.localdate()
    # Sanction and "in the scheme" come after a recommendation, which needs an approved action plan: give
    # those steps to associations whose plan the plans demo approved, as far as there are any.
    with_plan = {a.pk for a in advised if has_approved_plan and has_approved_plan(a)}
    rest = [a for a in advised if a.slug not in steps]
    cycle = [STEP_CYCLE[i % len(STEP_CYCLE)] for i in range(len(rest))]
    rest.sort(key=lambda a: a.pk not in with_plan)
    cycle.sort(key=lambda step: step not in {Step.SANCTION, Step.IN_SCHEME})
    for association, step in zip(rest, cycle, strict=True):
        steps[association.slug] = step
    for association in advised:
        step = steps[association.slug]
        start = today - timedelta(days=rng.randint(70, 400))
        answers = _appraisal(rng, association, step, people, start)
        if answers:
            matrices[association.pk] = answers
    _assessments(rng, approved, matrices)
