"""What "the associations behind a figure" means, for every figure that counts records or buckets.

Each drill key becomes a database condition on associations (``Exists`` for activity within the
period, annotations for the money buckets), used both to count the figure and to list the
associations behind it, so the two can never disagree.
"""

from decimal import Decimal

from django.db import connection
from django.db.models import DecimalField, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.finances.indicators import GRANTS, RUNNING, SELF_EARNED, totals_by_association
from portal.finances.models import LedgerEntry
from portal.support.figures import FIGURES as SUPPORT_FIGURES

ZERO = Decimal("0.00")

SHARE_BUCKETS = [
    ("none", _("No income recorded")),
    ("lt25", _("Under 25%")),
    ("25to50", _("25% to 50%")),
    ("50to75", _("50% to 75%")),
    ("75plus", _("75% or more")),
]
COVERAGE_BUCKETS = [
    ("none", _("No running costs recorded")),
    ("lt25", _("Under 25% of costs")),
    ("25to50", _("25% to 50%")),
    ("50to100", _("50% to 100%")),
    ("100plus", _("Costs covered (100% or more)")),
]


def with_money(associations, bounds):
    """Annotate self-earned income, grants and running costs within the period (one sub-query each)."""
    start, end = bounds
    window = LedgerEntry.objects.filter(association=OuterRef("pk"), on_date__gte=start, on_date__lte=end)

    def total(condition):
        summed = window.filter(condition).order_by().values("association").annotate(t=Sum("amount")).values("t")[:1]
        return Coalesce(Subquery(summed), Value(ZERO), output_field=DecimalField(max_digits=16, decimal_places=2))

    return associations.annotate(self_earned=total(SELF_EARNED), grants=total(GRANTS), running=total(RUNNING)).annotate(
        income_total=F("self_earned") + F("grants")
    )


# Bucket bounds as fractions (low inclusive, high exclusive); "none" = nothing recorded. One table for the
# dashboard's counts (SQL below) and the drill-down's filters (Q objects), so the two always agree.
SHARE_LIMITS = {
    "lt25": (None, "0.25"),
    "25to50": ("0.25", "0.50"),
    "50to75": ("0.50", "0.75"),
    "75plus": ("0.75", None),
}
COVERAGE_LIMITS = {"lt25": (None, "0.25"), "25to50": ("0.25", "0.50"), "50to100": ("0.50", "1"), "100plus": ("1", None)}


def _bucket_q(part: str, whole: str, limits) -> Q:
    condition = Q(**{f"{whole}__gt": 0})
    low, high = limits
    if low is not None:
        condition &= Q(**{f"{part}__gte": F(whole) * Decimal(low)})
    if high is not None:
        condition &= Q(**{f"{part}__lt": F(whole) * Decimal(high)})
    return condition


def share_condition(bucket: str) -> Q:
    if bucket == "none":
        return Q(income_total__lte=0)
    return _bucket_q("self_earned", "income_total", SHARE_LIMITS[bucket])


def coverage_condition(bucket: str) -> Q:
    if bucket == "none":
        return Q(running__lte=0)
    return _bucket_q("self_earned", "running", COVERAGE_LIMITS[bucket])


def _bucket_sql(part: str, whole: str, limits, params: list) -> str:
    low, high = limits
    parts = [f"{whole} > 0"]
    if low is not None:
        parts.append(f"{part} >= {whole} * %s")
        params.append(Decimal(low))
    if high is not None:
        parts.append(f"{part} < {whole} * %s")
        params.append(Decimal(high))
    return f"SUM(CASE WHEN {' AND '.join(parts)} THEN 1 ELSE 0 END)"


def money_bucket_counts(associations, bounds) -> dict[str, int]:
    """How many of the associations fall in each share and coverage bucket: ONE query.

    Each association's self-earned income, grants and running costs in the period are summed once, by the
    finances app's own definition (``totals_by_association``, compiled to SQL here), then the buckets are
    counted over those sums. The outer count is SQL because the ORM would repeat the per-association sums
    inside every bucket's condition (seconds at scale). Associations without a book entry in the period
    fall in the "none" buckets.
    """
    start, end = bounds
    entries = LedgerEntry.objects.filter(association__in=associations.order_by(), on_date__gte=start, on_date__lte=end)
    totals_sql, totals_params = totals_by_association(entries).query.sql_with_params()
    scope = associations.order_by().annotate(scope_id=F("pk")).values("scope_id")
    scope_sql, scope_params = scope.query.sql_with_params()
    columns, params = [], []
    keys = []
    for key, _label in SHARE_BUCKETS:
        keys.append(f"share_{key}")
        if key == "none":
            columns.append("SUM(CASE WHEN self_earned + grants <= 0 THEN 1 ELSE 0 END)")
        else:
            columns.append(_bucket_sql("self_earned", "(self_earned + grants)", SHARE_LIMITS[key], params))
    for key, _label in COVERAGE_BUCKETS:
        keys.append(f"coverage_{key}")
        if key == "none":
            columns.append("SUM(CASE WHEN running <= 0 THEN 1 ELSE 0 END)")
        else:
            columns.append(_bucket_sql("self_earned", "running", COVERAGE_LIMITS[key], params))
    # Associations with no entry in the period join as a row of zeros (the "none" buckets).
    sql = f"""
        SELECT {", ".join(columns)} FROM (
            SELECT COALESCE(t.self_earned, 0) AS self_earned, COALESCE(t.grants, 0) AS grants,
                   COALESCE(t.running, 0) AS running
            FROM ({scope_sql}) a LEFT JOIN ({totals_sql}) t ON t.association_id = a.scope_id
        ) totals
    """  # noqa: S608 - the inner statements are the ORM's, every value a parameter
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *scope_params, *totals_params])
        row = cursor.fetchone()
    return {key: int(value or 0) for key, value in zip(keys, row, strict=True)}


def _period(field: str, bounds) -> Q:
    from portal.insights.figures import in_period  # figures imports this module

    return in_period(field, bounds)


def activity_condition(key: str, bounds):
    """Associations with at least one record of the kind in the period (None for an unknown key)."""
    from portal.desk.models import OPEN_STATUSES, Requirement, Status
    from portal.desk.selectors import overdue_q
    from portal.events.models import TRAINING_KINDS, Event, EventKind, EventStatus, Registration
    from portal.insights.figures import period_of

    mine = {"association": OuterRef("pk")}
    held = Q(status=EventStatus.PUBLISHED, ends_at__lte=timezone.now()) & _period("ends_at", bounds)
    conditions = {
        "requirements_posted": lambda: Requirement.objects.filter(_period("posted_at", bounds), **mine),
        "requirements_resolved": lambda: Requirement.objects.filter(
            _period("resolved_at", bounds), status__in=[Status.RESOLVED, Status.CLOSED], **mine
        ),
        "requirements_overdue": lambda: Requirement.objects.filter(overdue_q(), **mine),
        "requirements_open": lambda: Requirement.objects.filter(status__in=OPEN_STATUSES, **mine),
        "trainings_held": lambda: Event.objects.filter(held, kind__in=TRAINING_KINDS, owner=OuterRef("pk")),
        "webinars_held": lambda: Event.objects.filter(held, kind=EventKind.WEBINAR, owner=OuterRef("pk")),
        "events_held": lambda: Event.objects.filter(held, owner=OuterRef("pk")),
        "trained": lambda: Registration.objects.filter(
            _period("event__ends_at", bounds),
            attended_at__isnull=False,
            event__kind__in=TRAINING_KINDS,
            event__status=EventStatus.PUBLISHED,
            event__owner=OuterRef("pk"),
        ),
    }
    if key in SUPPORT_FIGURES:
        return SUPPORT_FIGURES[key].exists_for(period=period_of(bounds))
    if key not in conditions:
        return None
    return Exists(conditions[key]())
