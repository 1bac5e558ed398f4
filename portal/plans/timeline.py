"""The plan's timeline as rows of bars positioned with CSS classes in 5 % steps (no inline styles: strict CSP)."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

STEP = 5


def _snap(percent: float) -> int:
    return max(0, min(100, int(round(percent / STEP)) * STEP))


@dataclass
class Row:
    activity: object
    offset: int  # percent of the period before the bar starts, a multiple of STEP
    width: int  # percent of the period the bar covers, at least STEP
    late: bool  # past its end date and neither done nor dropped


@dataclass
class Timeline:
    rows: list[Row]
    today: int | None  # where today falls, in percent; None when outside the period
    months: list[tuple[int, date]]  # tick marks: (offset percent, first day of month)


def build(plan, activities, *, today: date | None = None) -> Timeline:
    today = today or timezone.localdate()
    start, end = plan.period_start, plan.period_end
    days = max((end - start).days, 1)

    def position(day: date) -> float:
        return (day - start).days * 100 / days

    rows = []
    for activity in activities:
        offset = _snap(position(activity.starts_on))
        width = max(STEP, _snap(position(activity.ends_on)) - offset)
        offset = min(offset, 100 - width)
        late = activity.ends_on < today and activity.status in ("planned", "in_progress")
        rows.append(Row(activity=activity, offset=offset, width=width, late=late))
    marker = _snap(position(today)) if start <= today <= end else None
    months, cursor = [], date(start.year, start.month, 1)
    while cursor <= end:
        if cursor >= start:
            months.append((_snap(position(cursor)), cursor))
        cursor = date(cursor.year + (cursor.month == 12), cursor.month % 12 + 1, 1)
    if len(months) > 12:  # a long plan: a tick every quarter keeps the scale readable on a phone
        months = months[::3]
    return Timeline(rows=rows, today=marker, months=months)
