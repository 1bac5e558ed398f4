"""The sustainability matrix: 22 yes/no parameters in seven dimensions, their weights and the tiers.

The ONE place for parameters, weights and tier boundaries. A dimension's weight is shared equally by its
parameters; the score is the sum of the weights of the parameters answered "yes", as a percentage.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    weight: Decimal  # share of the 100 points


@dataclass(frozen=True)
class Parameter:
    key: str
    dimension: str
    label: str


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("governance", _("Governance"), Decimal("20")),
    Dimension("membership", _("Membership"), Decimal("15")),
    Dimension("finances", _("Finances"), Decimal("20")),
    Dimension("services", _("Services"), Decimal("15")),
    Dimension("digital", _("Digital"), Decimal("10")),
    Dimension("linkages", _("Linkages"), Decimal("10")),
    Dimension("operations", _("Operations"), Decimal("10")),
)

PARAMETERS: tuple[Parameter, ...] = (
    Parameter("governing_body", "governance", _("An active governing body")),
    Parameter("regular_elections", "governance", _("Office-bearers elected regularly")),
    Parameter("committees", "governance", _("Working committees (finance, services, events…)")),
    Parameter("documented_policies", "governance", _("Documented policies (finance, procurement, conduct)")),
    Parameter("meeting_attendance", "governance", _("Good attendance at governing body meetings")),
    Parameter("annual_general_meeting", "governance", _("An annual general meeting held every year")),
    Parameter("paying_members", "membership", _("Enough active, paying members")),
    Parameter("retention", "membership", _("Most members renew year after year")),
    Parameter("own_revenue_reserves", "finances", _("Own-source revenue and reserves")),
    Parameter("revenue_threshold", "finances", _("Annual revenue above ₹5 lakh")),
    Parameter("services_offered", "services", _("Programmes or services offered to members")),
    Parameter("website", "digital", _("A website")),
    Parameter("member_relationship_system", "digital", _("A member relationship system")),
    Parameter("digital_member_database", "digital", _("A digital member database")),
    Parameter("social_media", "digital", _("Active on social media")),
    Parameter("linkage_government", "linkages", _("Linkages with government departments")),
    Parameter("linkage_banks", "linkages", _("Linkages with banks")),
    Parameter("linkage_sidbi", "linkages", _("Linkage with SIDBI")),
    Parameter("linkage_academia", "linkages", _("Linkages with academia and institutes")),
    Parameter("linkage_corporates", "linkages", _("Linkages with corporates and large buyers")),
    Parameter("dedicated_staff", "operations", _("Dedicated staff")),
    Parameter("operational_processes", "operations", _("Written operational processes")),
)

PARAMETER_KEYS: tuple[str, ...] = tuple(p.key for p in PARAMETERS)

# Tier boundaries: the lowest score of each tier, highest first.
TIERS: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal("70"), "strong", _("Strong")),
    (Decimal("40"), "developing", _("Developing")),
    (Decimal("0"), "weak", _("Weak")),
)

# Thresholds the portal uses to answer parameters from its own data.
MIN_PAYING_MEMBERS = 25
MIN_RETENTION_PERCENT = Decimal("70")
REVENUE_THRESHOLD = Decimal("500000.00")
MIN_PORTAL_MEMBERS = 10

_TWO = Decimal("0.01")


def _parameters_of(dimension: str) -> list[Parameter]:
    return [p for p in PARAMETERS if p.dimension == dimension]


def dimension_scores(answers: dict[str, bool]) -> dict[str, Decimal]:
    """Percent of each dimension's parameters answered yes (0–100), for the radar chart."""
    scores = {}
    for dimension in DIMENSIONS:
        params = _parameters_of(dimension.key)
        yes = sum(1 for p in params if answers.get(p.key))
        scores[dimension.key] = (Decimal(100) * yes / len(params)).quantize(_TWO, ROUND_HALF_UP)
    return scores


def score(answers: dict[str, bool]) -> Decimal:
    """The weighted percentage score, 0–100, two decimals."""
    total = Decimal(0)
    for dimension in DIMENSIONS:
        params = _parameters_of(dimension.key)
        yes = sum(1 for p in params if answers.get(p.key))
        total += dimension.weight * yes / len(params)
    return total.quantize(_TWO, ROUND_HALF_UP)


def tier(value: Decimal) -> tuple[str, str]:
    """(key, label) of the tier a score falls in."""
    for lowest, key, label in TIERS:
        if value >= lowest:
            return key, str(label)
    return TIERS[-1][1], str(TIERS[-1][2])
