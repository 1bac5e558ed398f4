"""The appraisal's steps: the only place that says which decision at which step leads where.

    eligibility ──submit──▶ in principle ──approve──▶ matrix ──submit──▶ matrix review ──approve──▶ detailed
         ▲                    │  └send back┘ ▲                             │  └send back─▶ matrix      │
         └────send back───────┘              └────────send back────────────┼──────────────────────────┤
                                                                           ▼                          │ recommend
    rejected ◀──reject── (in principle, matrix review, detailed, sanction)   (needs an approved plan)   ▼
                                                          in scheme ◀──approve── sanction ─send back─▶ detailed

The officer who recommends at "detailed" can never approve at "sanction" (maker–checker).
"""

from django.utils.translation import gettext as _

from portal.core.errors import ActionRefused
from portal.core.transitions import state_machine
from portal.scheme.models import Decision, Step

TRANSITIONS: dict[tuple[str, str], str] = {
    (Step.ELIGIBILITY, Decision.SUBMITTED): Step.IN_PRINCIPLE,
    (Step.IN_PRINCIPLE, Decision.APPROVED): Step.MATRIX,
    (Step.IN_PRINCIPLE, Decision.SENT_BACK): Step.ELIGIBILITY,
    (Step.IN_PRINCIPLE, Decision.REJECTED): Step.REJECTED,
    (Step.MATRIX, Decision.SUBMITTED): Step.MATRIX_REVIEW,
    (Step.MATRIX_REVIEW, Decision.APPROVED): Step.DETAILED,
    (Step.MATRIX_REVIEW, Decision.SENT_BACK): Step.MATRIX,
    (Step.MATRIX_REVIEW, Decision.REJECTED): Step.REJECTED,
    (Step.DETAILED, Decision.RECOMMENDED): Step.SANCTION,
    (Step.DETAILED, Decision.SENT_BACK): Step.MATRIX,
    (Step.DETAILED, Decision.REJECTED): Step.REJECTED,
    (Step.SANCTION, Decision.APPROVED): Step.IN_SCHEME,
    (Step.SANCTION, Decision.SENT_BACK): Step.DETAILED,
    (Step.SANCTION, Decision.REJECTED): Step.REJECTED,
}

# The same table as "which step may follow which", for the shared transition check and its test.
APPRAISAL = state_machine(
    "scheme.Appraisal",
    Step,
    {step: {to for (at, _decision), to in TRANSITIONS.items() if at == step} for step in Step.values},
    field="step",
)

# The reviewer's "approve" button means "recommend" at the detailed step (the maker's half).
REVIEW_STEPS = {Step.IN_PRINCIPLE, Step.MATRIX_REVIEW, Step.DETAILED, Step.SANCTION}

# The order shown on the association's page.
PROGRESS: tuple[str, ...] = (
    Step.ELIGIBILITY,
    Step.IN_PRINCIPLE,
    Step.MATRIX,
    Step.MATRIX_REVIEW,
    Step.DETAILED,
    Step.SANCTION,
    Step.IN_SCHEME,
)


def approve_decision(step: str) -> str:
    return Decision.RECOMMENDED if step == Step.DETAILED else Decision.APPROVED


def next_step(step: str, decision: str) -> str:
    """Where ``decision`` at ``step`` leads; ActionRefused when it is not allowed there."""
    try:
        return TRANSITIONS[(step, decision)]
    except KeyError:
        raise ActionRefused(
            _("At the step “%(step)s” the decision “%(decision)s” is not possible.")
            % {"step": Step(step).label, "decision": Decision(decision).label}
        ) from None
