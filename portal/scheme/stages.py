"""The cluster development stage rule: the ONE place that says which stage a cluster is in.

A pure function of :class:`StageInputs` (no database): the cluster is in the highest stage whose every
threshold in :data:`THRESHOLDS` it meets. Initiation has no thresholds, so every cluster is at least
there. Activity inputs (services sold, events held, requirements solved) and the self-earned income share
count the last 12 months; active members and the matrix score are as of the assessment date. The
gatherer in ``portal/scheme/gather.py`` collects the inputs from the portal's data.
"""

from dataclasses import asdict, dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from portal.associations.models import Stage

ORDER: tuple[str, ...] = (Stage.INITIATION, Stage.ESTABLISHMENT, Stage.OPERATIONALISATION, Stage.TRANSFORMATION)


@dataclass(frozen=True)
class StageInputs:
    """What the stage rule looks at. ``None`` (not known yet) counts as zero."""

    matrix_score: Decimal | None = None  # sustainability matrix, percent 0–100 (latest approved)
    active_members: int = 0  # approved memberships on the portal
    services_sold: int = 0  # service bookings delivered, last 12 months
    events_held: int = 0  # events that ended and were not cancelled, last 12 months
    requirements_solved: int = 0  # desk requirements resolved or closed, last 12 months
    self_earned_share: Decimal | None = None  # percent of income the association earned itself, last 12 months

    def as_snapshot(self) -> dict:
        """JSON-ready copy (Decimals as strings) kept on each StageAssessment."""
        return {key: (str(value) if isinstance(value, Decimal) else value) for key, value in asdict(self).items()}

    @classmethod
    def from_snapshot(cls, data: dict) -> "StageInputs":
        values = {}
        for key in INPUT_LABELS:
            value = data.get(key)
            values[key] = _decimal_or_none(value) if key in DECIMAL_INPUTS else int(value or 0)
        return cls(**values)


def _decimal_or_none(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


DECIMAL_INPUTS = {"matrix_score", "self_earned_share"}

INPUT_LABELS: dict[str, str] = {
    "matrix_score": _("Sustainability matrix score (%)"),
    "active_members": _("Active members on the portal"),
    "services_sold": _("Services delivered to members (12 months)"),
    "events_held": _("Events held (12 months)"),
    "requirements_solved": _("Member requirements solved (12 months)"),
    "self_earned_share": _("Self-earned share of income (%)"),
}

# The thresholds, in one table: the minimum of each input to be in that stage. Each row is at least
# the row before it, so meeting a stage's row means meeting every earlier one too.
THRESHOLDS: dict[str, dict[str, Decimal | int]] = {
    Stage.ESTABLISHMENT: {
        "matrix_score": Decimal("30"),
        "active_members": 25,
        "services_sold": 0,
        "events_held": 2,
        "requirements_solved": 2,
        "self_earned_share": Decimal("10"),
    },
    Stage.OPERATIONALISATION: {
        "matrix_score": Decimal("50"),
        "active_members": 75,
        "services_sold": 10,
        "events_held": 6,
        "requirements_solved": 10,
        "self_earned_share": Decimal("30"),
    },
    Stage.TRANSFORMATION: {
        "matrix_score": Decimal("75"),
        "active_members": 150,
        "services_sold": 40,
        "events_held": 12,
        "requirements_solved": 30,
        "self_earned_share": Decimal("60"),
    },
}


@dataclass(frozen=True)
class Shortfall:
    """One input short of the next stage's threshold."""

    key: str
    label: str
    have: Decimal | int
    need: Decimal | int


def _value(inputs: StageInputs, key: str) -> Decimal | int:
    value = getattr(inputs, key)
    return 0 if value is None else value


def meets(inputs: StageInputs, stage: str) -> bool:
    """Does the cluster meet every threshold of ``stage``? (Initiation: always.)"""
    return not shortfalls(inputs, stage)


def shortfalls(inputs: StageInputs, stage: str) -> list[Shortfall]:
    """The inputs below ``stage``'s thresholds, in table order."""
    return [
        Shortfall(key=key, label=str(INPUT_LABELS[key]), have=_value(inputs, key), need=need)
        for key, need in THRESHOLDS.get(stage, {}).items()
        if _value(inputs, key) < need
    ]


def stage_for(inputs: StageInputs) -> str:
    """THE rule: the highest stage whose every threshold the inputs meet."""
    reached = Stage.INITIATION
    for stage in ORDER[1:]:
        if not meets(inputs, stage):
            break
        reached = stage
    return str(reached)


def stage_index(stage: str) -> int:
    """1 for initiation … 4 for transformation (the y axis of the history chart)."""
    return ORDER.index(stage) + 1


def next_stage(stage: str) -> str | None:
    index = ORDER.index(stage)
    return str(ORDER[index + 1]) if index + 1 < len(ORDER) else None


# What an association in each stage should do next (shown on the stage page beside learning paths).
NEXT_STEPS: dict[str, list[str]] = {
    Stage.INITIATION: [
        _("Bring your members onto the portal and keep the member list current."),
        _("Fill in the sustainability matrix and agree an action plan with your cluster expert."),
        _("Hold your first member meetings and awareness events."),
        _("Apply for initial activities support to start your first services."),
    ],
    Stage.ESTABLISHMENT: [
        _("Collect membership dues regularly and build a small reserve."),
        _("Start one or two paid services members ask for (testing, training, market information)."),
        _("Triage member requirements on the desk and route them to banks and institutions."),
        _("Apply for trained human resources support to hire a dedicated executive."),
    ],
    Stage.OPERATIONALISATION: [
        _("Grow fee-based services so that self-earned income covers running costs."),
        _("Write down operational processes and hold regular governing body meetings."),
        _("Build linkages with banks, academia and large buyers for your members."),
        _("Apply for infrastructure support for a common facility or testing centre."),
    ],
    Stage.TRANSFORMATION: [
        _("Offer strategic services: aggregation, joint marketing, technology upgrades."),
        _("Mentor associations in earlier stages and share what worked."),
        _("Keep reserves of six months or more and reduce dependence on grants."),
    ],
}

# The three heads of DIA support (the support app handles applications).
SUPPORT_HEADS: list[tuple[str, str]] = [
    ("infrastructure", _("Infrastructure")),
    ("human_resources", _("Trained human resources")),
    ("initial_activities", _("Initial activities")),
]
