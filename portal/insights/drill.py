"""What "the associations behind a figure" means, for every figure that counts records or buckets.

Each drill key becomes a database condition on associations (``Exists`` for activity within the
period, annotations for the money buckets), used both to count the figure and to list the
associations behind it, so the two can never disagree.
"""

from decimal import Decimal

from django.db.models import DecimalField, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
    from portal.finances.indicators import GRANTS, RUNNING, SELF_EARNED
    from portal.finances.models import LedgerEntry

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

    Each association's self-earned income, grants and running costs in the period are summed once
    (a grouped join on the book), then the buckets are counted over those sums. Written in SQL because
    the ORM would repeat the per-association sums inside every bucket's condition (seconds at scale).
    """
    from django.db import connection

    from portal.finances.models import CAPITAL_HEADS, GRANT_SOURCES, Direction, LedgerEntry

    start, end = bounds
    scope_sql, scope_params = associations.order_by().values("pk").query.sql_with_params()
    association_table = associations.model._meta.db_table
    grants, capital = sorted(GRANT_SOURCES), sorted(CAPITAL_HEADS)
    grant_marks, capital_marks = ", ".join(["%s"] * len(grants)), ", ".join(["%s"] * len(capital))
    params: list = [Direction.INCOME, *grants, Direction.INCOME, *grants, Direction.EXPENSE, *capital]
    totals = f"""
        SELECT a.id AS id,
          COALESCE(SUM(CASE WHEN l.direction = %s AND l.category NOT IN ({grant_marks}) THEN l.amount END), 0) AS self_earned,
          COALESCE(SUM(CASE WHEN l.direction = %s AND l.category IN ({grant_marks}) THEN l.amount END), 0) AS grants,
          COALESCE(SUM(CASE WHEN l.direction = %s AND l.category NOT IN ({capital_marks}) THEN l.amount END), 0) AS running
        FROM {association_table} a
        LEFT JOIN {LedgerEntry._meta.db_table} l ON l.association_id = a.id AND l.on_date >= %s AND l.on_date <= %s
        WHERE a.id IN ({scope_sql})
        GROUP BY a.id
    """  # noqa: S608 - table names from the models, every value a parameter
    params += [start, end, *scope_params]
    columns, bucket_params = [], []
    keys = []
    for key, _label in SHARE_BUCKETS:
        keys.append(f"share_{key}")
        if key == "none":
            columns.append("SUM(CASE WHEN self_earned + grants <= 0 THEN 1 ELSE 0 END)")
        else:
            columns.append(_bucket_sql("self_earned", "(self_earned + grants)", SHARE_LIMITS[key], bucket_params))
    for key, _label in COVERAGE_BUCKETS:
        keys.append(f"coverage_{key}")
        if key == "none":
            columns.append("SUM(CASE WHEN running <= 0 THEN 1 ELSE 0 END)")
        else:
            columns.append(_bucket_sql("self_earned", "running", COVERAGE_LIMITS[key], bucket_params))
    sql = f"SELECT {', '.join(columns)} FROM ({totals}) totals"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, bucket_params + params)
        row = cursor.fetchone()
    return {key: int(value or 0) for key, value in zip(keys, row, strict=True)}


def _period(field: str, bounds) -> Q:
    from portal.insights.figures import in_period

    return in_period(field, bounds)


def activity_condition(key: str, bounds):
    """Associations with at least one record of the kind in the period (None for an unknown key)."""
    from portal.desk.models import OPEN_STATUSES, Requirement, Status
    from portal.desk.selectors import overdue_q
    from portal.events.models import TRAINING_KINDS, Event, EventKind, EventStatus, Registration
    from portal.support.models import Sanction, Tranche, UCStatus, UtilisationCertificate

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
        "accounted": lambda: UtilisationCertificate.objects.filter(
            _period("decided_at", bounds), status=UCStatus.ACCEPTED, tranche__sanction__association=OuterRef("pk")
        ),
        "events_held": lambda: Event.objects.filter(held, owner=OuterRef("pk")),
        "trained": lambda: Registration.objects.filter(
            _period("event__ends_at", bounds),
            attended_at__isnull=False,
            event__kind__in=TRAINING_KINDS,
            event__status=EventStatus.PUBLISHED,
            event__owner=OuterRef("pk"),
        ),
        "sanctioned": lambda: Sanction.objects.filter(_period("approved_at", bounds), **mine),
        "released": lambda: Tranche.objects.filter(
            _period("released_at", bounds), sanction__association=OuterRef("pk"), released_at__isnull=False
        ),
    }
    if key not in conditions:
        return None
    return Exists(conditions[key]())
