"""Eligibility for the DIA scheme: the ONE place for the criteria, their points and the pass mark."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MIN_YEARS_OF_OPERATION = 3
MIN_MEMBER_BASE = 50
PASS_MARK = 70  # of 100


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    points: int
    minimum: int | None = None  # numeric criteria: met when the value is at least this
    required: bool = False  # must be met whatever the score
    help: str = ""

    def is_met(self, value) -> bool:
        if self.minimum is None:
            return bool(value)
        try:
            return int(value or 0) >= self.minimum
        except (TypeError, ValueError):
            return False


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "legal_registration",
        _("Legally registered (society, trust, section 8 company or cooperative)"),
        30,
        required=True,
    ),
    Criterion(
        "years_of_operation",
        _("Years of operation"),
        20,
        minimum=MIN_YEARS_OF_OPERATION,
        help=_("At least %(n)s years.") % {"n": MIN_YEARS_OF_OPERATION},
    ),
    Criterion(
        "member_base",
        _("Number of member enterprises"),
        20,
        minimum=MIN_MEMBER_BASE,
        help=_("At least %(n)s members.") % {"n": MIN_MEMBER_BASE},
    ),
    Criterion("office_bearers", _("Office-bearers elected and in place"), 15),
    Criterion(
        "no_default",
        _("No default declared: the association is not a defaulter to any bank or government body"),
        15,
        required=True,
    ),
)

CRITERIA_BY_KEY = {c.key: c for c in CRITERIA}
MAX_POINTS = sum(c.points for c in CRITERIA)


@dataclass(frozen=True)
class Result:
    score: int
    passed: bool
    met: dict[str, bool]


def evaluate(answers: dict) -> Result:
    met = {c.key: c.is_met(answers.get(c.key)) for c in CRITERIA}
    total = sum(c.points for c in CRITERIA if met[c.key])
    passed = total >= PASS_MARK and all(met[c.key] for c in CRITERIA if c.required)
    return Result(score=total, passed=passed, met=met)


def prefill(association) -> dict:
    """What the portal already knows from the association's records (no default is for them to declare)."""
    from portal.associations.models import LegalForm

    return {
        "legal_registration": bool(association.registration_number) and association.legal_form != LegalForm.OTHER,
        "years_of_operation": max(timezone.localdate().year - association.year_founded, 0),
        "member_base": association.approx_member_count,
        "office_bearers": association.office_bearers.exists(),
        "no_default": False,
    }
