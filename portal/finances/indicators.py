"""How far an association pays its own way: the indicators other apps read (scheme stages, dashboards, insights).

Every figure is a database aggregate (``Sum`` with filters) in Decimal; nothing walks the book row by row.
Grants (``GRANT_SOURCES``) are the income an association does not earn itself; capital spending
(``CAPITAL_HEADS``) is left out of running costs.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractYear, TruncMonth
from django.utils import timezone

from portal.finances.models import (
    CAPITAL_HEADS,
    GRANT_SOURCES,
    Direction,
    LedgerEntry,
    OpeningBalance,
    Payment,
)

ZERO = Decimal("0.00")
ONE_DECIMAL = Decimal("0.1")
HUNDREDTH = Decimal("0.01")

INCOME = Q(direction=Direction.INCOME)
GRANTS = INCOME & Q(category__in=GRANT_SOURCES)
SELF_EARNED = INCOME & ~Q(category__in=GRANT_SOURCES)
EXPENSES = Q(direction=Direction.EXPENSE)
RUNNING = EXPENSES & ~Q(category__in=CAPITAL_HEADS)


def _sum(condition: Q):
    return Coalesce(Sum("amount", filter=condition), Value(ZERO))


def money(value) -> Decimal:
    return Decimal(value or 0).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part`` as a percentage of ``whole`` to one decimal place; None when there is no whole."""
    if not whole or whole <= 0:
        return None
    return (Decimal(100) * part / whole).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def ratio(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole or whole <= 0:
        return None
    return (part / whole).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def months_back(day: date, months: int) -> date:
    """The first day of the window of ``months`` months that ends on ``day`` (31 Mar 2026, 12 → 1 Apr 2025)."""
    year, month = divmod(day.year * 12 + (day.month - 1) - months, 12)
    month += 1
    shifted = date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    return shifted + timedelta(days=1)


@dataclass(frozen=True)
class Indicators:
    """An association's sustainability figures over a window of months ending at ``until``."""

    self_earned_income: Decimal
    grant_income: Decimal
    running_costs: Decimal
    self_earned_share: Decimal | None  # percent of all income that is self-earned
    cost_coverage: Decimal | None  # self-earned income ÷ running costs (1.00 = costs covered)
    grant_dependence: Decimal | None  # percent of all income that is grants
    months_of_reserves: Decimal | None
    reserves: Decimal
    capital_spending: Decimal = ZERO
    months: int = 12
    since: date | None = None
    until: date | None = None

    @property
    def total_income(self) -> Decimal:
        return self.self_earned_income + self.grant_income

    @property
    def cost_coverage_percent(self) -> Decimal | None:
        if self.cost_coverage is None:
            return None
        return (self.cost_coverage * 100).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def indicators_for(association, *, months: int = 12, until: date | None = None) -> Indicators:
    """Self-earned share, cost coverage, grant dependence and reserves over the ``months`` up to ``until`` (today)."""
    until = until or timezone.localdate()
    since = months_back(until, months)
    opening = OpeningBalance.objects.filter(association=association).first()
    book = LedgerEntry.objects.filter(association=association, on_date__lte=until)
    window = Q(on_date__gte=since)
    reserves_from = Q(on_date__gte=opening.as_of) if opening else Q()
    totals = book.aggregate(
        self_earned=_sum(SELF_EARNED & window),
        grants=_sum(GRANTS & window),
        running=_sum(RUNNING & window),
        capital=_sum(EXPENSES & Q(category__in=CAPITAL_HEADS) & window),
        income_to_date=_sum(INCOME & reserves_from),
        expenses_to_date=_sum(EXPENSES & reserves_from),
    )
    self_earned, grants, running = money(totals["self_earned"]), money(totals["grants"]), money(totals["running"])
    reserves = money((opening.amount if opening else ZERO) + totals["income_to_date"] - totals["expenses_to_date"])
    monthly_cost = running / months if months else ZERO
    return Indicators(
        self_earned_income=self_earned,
        grant_income=grants,
        running_costs=running,
        self_earned_share=percent(self_earned, self_earned + grants),
        cost_coverage=ratio(self_earned, running),
        grant_dependence=percent(grants, self_earned + grants),
        months_of_reserves=(reserves / monthly_cost).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
        if monthly_cost > 0
        else None,
        reserves=reserves,
        capital_spending=money(totals["capital"]),
        months=months,
        since=since,
        until=until,
    )


def totals_by_association(entries):
    """``association_id``, ``self_earned``, ``grants`` and ``running`` per association over the book entries given:
    the one definition of those sums for many associations (the dashboard's buckets are counted over it)."""
    return (
        entries.order_by()
        .values("association_id")
        .annotate(self_earned=_sum(SELF_EARNED), grants=_sum(GRANTS), running=_sum(RUNNING))
    )


def indicators_by_association(association_ids, *, months: int = 12, until: date | None = None) -> dict:
    """Self-earned income, grants, running costs and cost coverage for many associations in one query."""
    until = until or timezone.localdate()
    since = months_back(until, months)
    rows = totals_by_association(
        LedgerEntry.objects.filter(association_id__in=list(association_ids), on_date__gte=since, on_date__lte=until)
    )
    result = {}
    for row in rows:
        self_earned, grants, running = money(row["self_earned"]), money(row["grants"]), money(row["running"])
        result[row["association_id"]] = {
            "self_earned_income": self_earned,
            "grant_income": grants,
            "running_costs": running,
            "self_earned_share": percent(self_earned, self_earned + grants),
            "cost_coverage": ratio(self_earned, running),
            "cost_coverage_percent": percent(self_earned, running),
            "grant_dependence": percent(grants, self_earned + grants),
        }
    return result


def financial_year_expression():
    """The financial year (by its starting year) of ``on_date``, computed in the database."""
    return Case(
        When(on_date__month__gte=4, then=ExtractYear("on_date")),
        default=ExtractYear("on_date") - 1,
        output_field=IntegerField(),
    )


def yearly_figures(association, *, until: date | None = None) -> dict[int, dict]:
    """Per financial year: self-earned income, grants, running costs, cost coverage and grant share."""
    until = until or timezone.localdate()
    rows = (
        LedgerEntry.objects.filter(association=association, on_date__lte=until)
        .annotate(fy=financial_year_expression())
        .values("fy")
        .annotate(self_earned=_sum(SELF_EARNED), grants=_sum(GRANTS), running=_sum(RUNNING))
        .order_by("fy")
    )
    figures = {}
    for row in rows:
        self_earned, grants, running = money(row["self_earned"]), money(row["grants"]), money(row["running"])
        figures[row["fy"]] = {
            "self_earned_income": self_earned,
            "grant_income": grants,
            "running_costs": running,
            "cost_coverage": ratio(self_earned, running),
            "grant_dependence": percent(grants, self_earned + grants),
        }
    return figures


def monthly_totals(association, *, since: date, until: date) -> dict[tuple[date, str, str], Decimal]:
    """(first of month, direction, category) → total, for the book table and the charts (one query)."""
    rows = (
        LedgerEntry.objects.filter(association=association, on_date__gte=since, on_date__lte=until)
        .annotate(month=TruncMonth("on_date"))
        .values("month", "direction", "category")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {(row["month"], row["direction"], row["category"]): money(row["total"]) for row in rows}


def paying_members_count(association, *, months: int = 12) -> int:
    """Member enterprises that paid any dues to the association in the last ``months`` months."""
    since = months_back(timezone.localdate(), months)
    return (
        Payment.objects.filter(association=association, paid_on__gte=since).aggregate(
            n=Count("invoice__enterprise", distinct=True)
        )["n"]
        or 0
    )


def retention_rate(association) -> Decimal | None:
    """Percent of the members who paid dues in the 12 months before last who paid again in the last 12 months."""
    today = timezone.localdate()
    last_year_start = months_back(today, 12)
    year_before_start = months_back(today, 24)
    payments = Payment.objects.filter(association=association)
    earlier = payments.filter(paid_on__gte=year_before_start, paid_on__lt=last_year_start).values("invoice__enterprise")
    counts = payments.filter(invoice__enterprise__in=earlier).aggregate(
        before=Count("invoice__enterprise", distinct=True),
        again=Count("invoice__enterprise", filter=Q(paid_on__gte=last_year_start), distinct=True),
    )
    return percent(Decimal(counts["again"]), Decimal(counts["before"]))
