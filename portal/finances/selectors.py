"""Reads for finances: the month-by-month book of a financial year, the sustainability series, lists."""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.charts import Chart, Series
from portal.core.money import format_inr_short
from portal.finances import indicators
from portal.finances.models import (
    Direction,
    ExpenseHead,
    IncomeSource,
    SustainabilityTarget,
    financial_year_label,
    financial_year_of,
)

ZERO = Decimal("0.00")
MONTH_NAMES = ("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar")


def fy_months(year: int) -> list[date]:
    """The first day of each month of financial year ``year`` (April to March)."""
    return [date(year + (1 if index >= 9 else 0), (index + 3) % 12 + 1, 1) for index in range(12)]


def category_label(direction: str, category: str) -> str:
    choices = IncomeSource if direction == Direction.INCOME else ExpenseHead
    try:
        return str(choices(category).label)
    except ValueError:
        return category


@dataclass
class BookRow:
    label: str
    values: list[Decimal]
    total: Decimal
    kind: str = ""  # "" for a source or head, "total" for a total row


@dataclass
class BookTable:
    year: int
    months: list[date]
    income: list[BookRow] = field(default_factory=list)
    expenses: list[BookRow] = field(default_factory=list)
    totals: list[BookRow] = field(default_factory=list)

    @property
    def label(self) -> str:
        return financial_year_label(self.year)


def _rows(totals, months, direction, choices) -> tuple[list[BookRow], list[Decimal]]:
    rows, column_totals = [], [ZERO] * len(months)
    for value, label in choices.choices:
        values = [totals.get((month, direction, value), ZERO) for month in months]
        if any(values):
            rows.append(BookRow(str(label), values, sum(values, ZERO)))
            column_totals = [a + b for a, b in zip(column_totals, values, strict=True)]
    return rows, column_totals


def book_table(association, year: int) -> BookTable:
    """Income by source and expenses by head, month by month, for one financial year (one query)."""
    months = fy_months(year)
    totals = indicators.monthly_totals(association, since=months[0], until=date(year + 1, 3, 31))
    table = BookTable(year=year, months=months)
    table.income, income_totals = _rows(totals, months, Direction.INCOME, IncomeSource)
    table.expenses, expense_totals = _rows(totals, months, Direction.EXPENSE, ExpenseHead)
    surplus = [a - b for a, b in zip(income_totals, expense_totals, strict=True)]
    table.totals = [
        BookRow(_("Total income"), income_totals, sum(income_totals, ZERO), "total"),
        BookRow(_("Total expenses"), expense_totals, sum(expense_totals, ZERO), "total"),
        BookRow(_("Surplus (deficit)"), surplus, sum(surplus, ZERO), "total"),
    ]
    return table


def book_chart(table: BookTable) -> Chart:
    labels = [MONTH_NAMES[index] for index in range(12)]
    series = [Series(row.label, row.values) for row in table.income]
    series.append(Series(_("Total expenses"), table.totals[1].values, kind="line"))
    return Chart(
        kind="stacked-bar",
        title=_("Income by source and total expenses, %(year)s") % {"year": table.label},
        labels=labels,
        series=series,
        unit="₹",
        summary=_("In %(year)s the association's income was %(income)s and its expenses %(expenses)s.")
        % {
            "year": table.label,
            "income": format_inr_short(table.totals[0].total),
            "expenses": format_inr_short(table.totals[1].total),
        },
    )


def income_by_source_chart(association, *, by: str = "month", months: int = 24) -> Chart:
    """Income stacked by source, for the last ``months`` months or by financial year."""
    today = timezone.localdate()
    since = indicators.months_back(today, months)
    since = since.replace(day=1)
    totals = indicators.monthly_totals(association, since=since, until=today)
    if by == "year":
        keys = sorted({financial_year_of(month) for (month, _d, _c) in totals}) or [financial_year_of(today)]
        labels = [financial_year_label(year) for year in keys]

        def bucket(month):
            return financial_year_of(month)
    else:
        keys, cursor = [], since
        while cursor <= today:
            keys.append(cursor)
            cursor = date(cursor.year + (cursor.month == 12), cursor.month % 12 + 1, 1)
        labels = [key.strftime("%b %Y") for key in keys]

        def bucket(month):
            return month

    series = []
    for value, label in IncomeSource.choices:
        values = dict.fromkeys(keys, ZERO)
        for (month, direction, category), total in totals.items():
            if direction == Direction.INCOME and category == value and bucket(month) in values:
                values[bucket(month)] += total
        if any(values.values()):
            series.append(Series(str(label), [values[key] for key in keys]))
    if not series:
        series = [Series(_("Income"), [ZERO] * len(keys))]
    return Chart(
        kind="stacked-bar",
        title=_("Income by source"),
        labels=labels,
        series=series,
        unit="₹",
        summary=_("Income of the last %(months)s months, stacked by where it came from; grants are shown apart.")
        % {"months": months},
    )


@dataclass
class Sustainability:
    now: indicators.Indicators
    yearly: dict
    target: SustainabilityTarget | None
    coverage_chart: Chart
    grants_chart: Chart
    on_track: bool | None


def _as_percent(value: Decimal | None) -> Decimal | None:
    return None if value is None else (value * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def sustainability(association) -> Sustainability:
    """The indicators now, per financial year, and the straight-line path toward covering costs by the target year."""
    now = indicators.indicators_for(association)
    yearly = indicators.yearly_figures(association)
    target = SustainabilityTarget.objects.filter(association=association).first()
    this_year = financial_year_of(timezone.localdate())
    first = min(yearly, default=this_year)
    last = max(this_year, target.target_year if target else this_year)
    years = list(range(max(first, this_year - 6), last + 1))
    labels = [financial_year_label(year) for year in years]
    actual = [
        (
            _as_percent(now.cost_coverage)
            if year == this_year
            else _as_percent(yearly.get(year, {}).get("cost_coverage"))
        )
        if year <= this_year
        else None
        for year in years
    ]
    series = [Series(_("Cost coverage (self-earned income ÷ running costs)"), actual)]
    on_track = None
    start = _as_percent(now.cost_coverage)
    if target and start is not None:
        span = target.target_year - this_year
        path = []
        for year in years:
            if year < this_year:
                path.append(None)
            else:
                step = Decimal(year - this_year) / Decimal(span)
                path.append((start + (Decimal(100) - start) * step).quantize(Decimal("0.1"), ROUND_HALF_UP))
        series.append(Series(_("Target path to 100 %% by %(year)s") % {"year": labels[-1]}, path, kind="line"))
        last_year = yearly.get(this_year - 1, {}).get("cost_coverage")
        on_track = start >= 100 or (last_year is not None and start >= _as_percent(last_year))
    series.append(Series(_("Costs covered (100 %)"), [Decimal(100)] * len(years), kind="line"))
    coverage_chart = Chart(
        kind="line",
        title=_("Cost coverage over time"),
        labels=labels,
        series=series,
        unit="%",
        summary=_("Today the association's own income covers %(now)s of its running costs.")
        % {"now": f"{start} %" if start is not None else _("an unknown share")},
    )
    grant_years = [year for year in years if year <= this_year]
    grants_chart = Chart(
        kind="bar",
        title=_("Dependence on grants (grant share of income)"),
        labels=[financial_year_label(year) for year in grant_years],
        series=[
            Series(_("Grants as a share of income"), [yearly.get(y, {}).get("grant_dependence") for y in grant_years])
        ],
        unit="%",
        max_value=100,
        summary=_("The share of the association's income that came from grants, year by year."),
    )
    return Sustainability(
        now=now,
        yearly=yearly,
        target=target,
        coverage_chart=coverage_chart,
        grants_chart=grants_chart,
        on_track=on_track,
    )
