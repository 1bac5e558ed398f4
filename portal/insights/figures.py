"""The national dashboard's figures: database aggregates only, a fixed number of queries whatever the data size.

Each section is one function taking the filters; ``national_figures`` runs them all and the result is
cached (see ``cached_national_figures``) with the time it was computed, which the page shows.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Avg,
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.associations.models import Membership, MembershipStatus, Stage
from portal.core.models import State
from portal.insights.filters import Filters, association_scope
from portal.support.figures import by_head as support_figures_by_head
from portal.support.models import Head

CACHE_VERSION = 1


@dataclass
class Figure:
    """One number on the dashboard, with the previous period's value and where it drills down to."""

    key: str
    label: str
    value: object
    previous: object = None
    unit: str = ""
    drill: dict | None = None  # extra drill-down filters; None = no drill-down

    @property
    def change(self):
        if isinstance(self.value, (int, Decimal)) and isinstance(self.previous, (int, Decimal)):
            return self.value - self.previous
        return None


@dataclass
class NationalFigures:
    filters: Filters
    computed_at: datetime
    headline: list[Figure] = field(default_factory=list)
    sections: dict = field(default_factory=dict)


def aware(day: date, *, end: bool = False) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1) if end else day, time.min))


def period_of(bounds) -> tuple[datetime, datetime]:
    """[start, end) aware datetimes of the period's first and last days (both included)."""
    start, end = bounds
    return aware(start), aware(end, end=True)


def in_period(field_name: str, bounds) -> Q:
    start, end = period_of(bounds)
    return Q(**{f"{field_name}__gte": start, f"{field_name}__lt": end})


def median_duration(queryset, start_field: str, end_field: str) -> timedelta | None:
    """Median of end − start over the rows, computed by the database: a count, then the middle row."""
    rows = (
        queryset.filter(**{f"{start_field}__isnull": False, f"{end_field}__isnull": False})
        .annotate(took=ExpressionWrapper(F(end_field) - F(start_field), output_field=DurationField()))
        .order_by("took")
    )
    count = rows.count()
    if not count:
        return None
    return rows.values_list("took", flat=True)[count // 2]


def days(duration: timedelta | None) -> Decimal | None:
    if duration is None:
        return None
    return (Decimal(duration.total_seconds()) / Decimal(86400)).quantize(Decimal("0.1"))


# Sections ---------------------------------------------------------------------------------------


def association_figures(filters: Filters, result: NationalFigures) -> None:
    registered = association_scope(filters, approved=False)
    approved = association_scope(filters)
    bounds, previous = filters.bounds(), filters.previous_bounds()
    counts = registered.aggregate(
        registered=Count("pk"),
        approved=Count("pk", filter=Q(status="approved")),
        registered_now=Count("pk", filter=in_period("created_at", bounds)),
        approved_now=Count("pk", filter=in_period("approved_at", bounds)),
        registered_before=Count("pk", filter=in_period("created_at", previous)) if previous else Count("pk"),
        approved_before=Count("pk", filter=in_period("approved_at", previous)) if previous else Count("pk"),
        north_east=Count("pk", filter=Q(status="approved", state__is_north_east=True)),
    )
    members = (
        Membership.objects.filter(status=MembershipStatus.APPROVED, association__in=approved)
        .values("enterprise")
        .distinct()
        .count()
    )
    result.headline += [
        Figure("registered", _("Associations registered"), counts["registered"], None, drill={"status": "all"}),
        Figure("approved", _("Associations approved"), counts["approved"], None, drill={}),
        Figure(
            "approved_in_period",
            _("Approved in the period"),
            counts["approved_now"],
            counts["approved_before"] if previous else None,
            drill={"approved_in_period": "1"},
        ),
        Figure("north_east", _("Approved in the north-east"), counts["north_east"], None, drill={"north_east": "on"}),
        Figure("members", _("Member enterprises"), members, None, drill={}),
    ]
    by_sector = (
        approved.values("sectors__slug", "sectors__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "sectors__name")
    )
    result.sections["by_sector"] = [
        {"slug": row["sectors__slug"], "name": row["sectors__name"], "associations": row["n"]}
        for row in by_sector
        if row["sectors__slug"]
    ]
    result.sections["stages"] = stage_counts(approved)
    result.headline.append(
        Figure(
            "moved_up",
            _("Moved up a cluster stage in the period"),
            moved_up(approved, bounds).count(),
            drill={"moved_up": "1"},
        )
    )


def stage_rank():
    return Case(
        *[When(stage=value, then=Value(index)) for index, (value, _label) in enumerate(Stage.choices)],
        output_field=IntegerField(),
    )


def moved_up(associations, bounds):
    """Associations whose latest stage assessment in the period is higher than the latest before it (one query)."""
    from portal.scheme.models import StageAssessment

    start, end = bounds
    latest = (
        StageAssessment.objects.filter(association=OuterRef("pk"))
        .annotate(rank=stage_rank())
        .order_by("-assessed_on", "-pk")
    )
    return associations.annotate(
        rank_before=Subquery(latest.filter(assessed_on__lt=start).values("rank")[:1]),
        rank_now=Subquery(latest.filter(assessed_on__gte=start, assessed_on__lte=end).values("rank")[:1]),
    ).filter(rank_now__gt=F("rank_before"))


def stage_counts(approved) -> list[dict]:
    counted = dict(approved.values_list("stage").annotate(n=Count("pk")).order_by())
    return [
        {"stage": value, "label": str(label), "associations": counted.get(value, 0)} for value, label in Stage.choices
    ]


def state_rows(filters: Filters) -> list[dict]:
    """Per state: associations, member enterprises, requirements posted and solved (one query each)."""
    from portal.desk.models import Requirement, Status

    approved = association_scope(filters)
    bounds = filters.bounds()
    associations = dict(approved.values_list("state__code").annotate(n=Count("pk")).order_by())
    members = dict(
        Membership.objects.filter(status=MembershipStatus.APPROVED, association__in=approved)
        .values_list("association__state__code")
        .annotate(n=Count("enterprise", distinct=True))
        .order_by()
    )
    requirements = {
        row["association__state__code"]: row
        for row in Requirement.objects.filter(association__in=approved)
        .values("association__state__code")
        .annotate(
            posted=Count("pk", filter=in_period("posted_at", bounds)),
            solved=Count(
                "pk", filter=in_period("resolved_at", bounds) & Q(status__in=[Status.RESOLVED, Status.CLOSED])
            ),
        )
        .order_by()
    }
    rows = []
    for code, name, north_east in State.objects.values_list("code", "name", "is_north_east"):
        req = requirements.get(code, {})
        rows.append(
            {
                "code": code,
                "name": name,
                "north_east": north_east,
                "associations": associations.get(code, 0),
                "members": members.get(code, 0),
                "requirements_posted": req.get("posted", 0),
                "requirements_solved": req.get("solved", 0),
            }
        )
    return rows


def requirement_figures(filters: Filters, result: NationalFigures) -> None:
    from portal.desk.models import OPEN_STATUSES, Requirement, Status
    from portal.desk.selectors import overdue_q

    scope = Requirement.objects.filter(association__in=association_scope(filters))
    bounds, previous = filters.bounds(), filters.previous_bounds()
    solved = Q(status__in=[Status.RESOLVED, Status.CLOSED])
    counts = scope.aggregate(
        posted=Count("pk", filter=in_period("posted_at", bounds)),
        posted_before=Count("pk", filter=in_period("posted_at", previous)) if previous else Count("pk"),
        resolved=Count("pk", filter=in_period("resolved_at", bounds) & solved),
        resolved_before=Count("pk", filter=in_period("resolved_at", previous) & solved) if previous else Count("pk"),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=overdue_q()),
        avg_rating=Avg("rating", filter=in_period("resolved_at", bounds) & Q(rating__isnull=False)),
        rated=Count("pk", filter=in_period("resolved_at", bounds) & Q(rating__isnull=False)),
    )
    posted_in_period = scope.filter(in_period("posted_at", bounds))
    first_response = days(median_duration(posted_in_period, "posted_at", "first_response_at"))
    resolution = days(median_duration(scope.filter(in_period("resolved_at", bounds)), "posted_at", "resolved_at"))
    rating = counts["avg_rating"]
    result.sections["requirements"] = [
        Figure(
            "posted",
            _("Requirements posted"),
            counts["posted"],
            counts["posted_before"] if previous else None,
            drill={"activity": "requirements_posted"},
        ),
        Figure(
            "resolved",
            _("Requirements resolved"),
            counts["resolved"],
            counts["resolved_before"] if previous else None,
            drill={"activity": "requirements_resolved"},
        ),
        Figure("open", _("Open now"), counts["open"], drill={"activity": "requirements_open"}),
        Figure("overdue", _("Overdue now"), counts["overdue"], drill={"activity": "requirements_overdue"}),
        Figure(
            "first_response",
            _("Median time to first response"),
            first_response,
            unit=_("days"),
            drill={"activity": "requirements_posted"},
        ),
        Figure(
            "resolution",
            _("Median time to resolution"),
            resolution,
            unit=_("days"),
            drill={"activity": "requirements_resolved"},
        ),
        Figure(
            "rating",
            _("Members' rating (out of 5)"),
            None if rating is None else Decimal(str(rating)).quantize(Decimal("0.1")),
            unit=_("from %(n)s ratings") % {"n": counts["rated"]},
            drill={"activity": "requirements_resolved"},
        ),
    ]


def has_association_filter(filters: Filters) -> bool:
    return bool(filters.sector or filters.state or filters.north_east or filters.stage)


def event_figures(filters: Filters, result: NationalFigures) -> None:
    """Events held (ended, not cancelled) by the chosen associations, and SIDBI's own when no filter narrows them."""
    from portal.events.models import TRAINING_KINDS, Event, EventKind, EventStatus, Registration

    scope = association_scope(filters)
    bounds, previous = filters.bounds(), filters.previous_bounds()
    owner = Q(owner__in=scope) if has_association_filter(filters) else Q(owner__in=scope) | Q(owner__isnull=True)
    held = Event.objects.filter(owner, status=EventStatus.PUBLISHED, ends_at__lte=timezone.now())
    counts = held.aggregate(
        held=Count("pk", filter=in_period("ends_at", bounds)),
        held_before=Count("pk", filter=in_period("ends_at", previous)) if previous else Count("pk"),
        trainings=Count("pk", filter=in_period("ends_at", bounds) & Q(kind__in=TRAINING_KINDS)),
        webinars=Count("pk", filter=in_period("ends_at", bounds) & Q(kind=EventKind.WEBINAR)),
    )
    attended = Registration.objects.filter(
        event__in=held.filter(in_period("ends_at", bounds)), attended_at__isnull=False
    )
    people = attended.aggregate(
        attendances=Count("pk"),
        trained=Count("user", distinct=True, filter=Q(event__kind__in=TRAINING_KINDS)),
    )
    result.sections["events"] = [
        Figure(
            "events_held",
            _("Events held"),
            counts["held"],
            counts["held_before"] if previous else None,
            drill={"activity": "events_held"},
        ),
        Figure(
            "trainings",
            _("Trainings, workshops and webinars held"),
            counts["trainings"],
            drill={"activity": "trainings_held"},
        ),
        Figure("webinars", _("Webinars hosted"), counts["webinars"], drill={"activity": "webinars_held"}),
        Figure("trained", _("People trained"), people["trained"], drill={"activity": "trained"}),
        Figure("attendances", _("Attendances at all events"), people["attendances"], drill={"activity": "events_held"}),
    ]
    result.sections.setdefault("section_labels", {})["events"] = _("Events and trainings")


def money_figures(filters: Filters, result: NationalFigures) -> None:
    """How the chosen associations spread by self-earned share of income and by cost coverage (one query)."""
    from portal.insights.drill import COVERAGE_BUCKETS, SHARE_BUCKETS, money_bucket_counts

    counts = money_bucket_counts(association_scope(filters), filters.bounds())
    result.sections["share"] = [
        Figure(f"share_{key}", label, counts[f"share_{key}"], drill={"share": key}) for key, label in SHARE_BUCKETS
    ]
    result.sections["coverage"] = [
        Figure(f"coverage_{key}", label, counts[f"coverage_{key}"], drill={"coverage": key})
        for key, label in COVERAGE_BUCKETS
    ]
    labels = result.sections.setdefault("section_labels", {})
    labels["share"] = _("Self-earned share of income (associations)")
    labels["coverage"] = _("Cost coverage: self-earned income ÷ running costs (associations)")


def support_figures(filters: Filters, result: NationalFigures) -> None:
    """DIA support sanctioned, released and accounted for (accepted utilisation) in the period, by head."""
    totals = support_figures_by_head(associations=association_scope(filters), period=period_of(filters.bounds()))
    sanctioned, released, accounted = (
        {head: row[key] for head, row in totals["heads"].items()} for key in ("sanctioned", "released", "accounted")
    )
    zero = Decimal("0.00")
    result.sections["support_by_head"] = [
        {
            "head": value,
            "label": str(label),
            "sanctioned": sanctioned.get(value, zero),
            "released": released.get(value, zero),
            "accounted": accounted.get(value, zero),
        }
        for value, label in Head.choices
    ]
    result.sections["support"] = [
        Figure(
            "sanctioned",
            _("DIA support sanctioned"),
            sum(sanctioned.values(), zero),
            unit="₹",
            drill={"activity": "sanctioned"},
        ),
        Figure("released", _("Released"), sum(released.values(), zero), unit="₹", drill={"activity": "released"}),
        Figure(
            "accounted",
            _("Accounted for (utilisation accepted)"),
            sum(accounted.values(), zero),
            unit="₹",
            drill={"activity": "accounted"},
        ),
    ]
    result.sections.setdefault("section_labels", {})["support"] = _("DIA support: sanctioned, released, accounted for")


SECTIONS = [association_figures, event_figures, support_figures, money_figures, requirement_figures]


def national_figures(filters: Filters) -> NationalFigures:
    result = NationalFigures(filters=filters, computed_at=timezone.now())
    for section in SECTIONS:
        section(filters, result)
    result.sections["states"] = state_rows(filters)
    return result


def cached_national_figures(filters: Filters, *, refresh: bool = False) -> NationalFigures:
    """The figures from the cache when fresh (``INSIGHTS_CACHE_SECONDS``), computed and stored otherwise."""
    key = f"insights:national:{CACHE_VERSION}:{filters.key}"
    figures = None if refresh else cache.get(key)
    if figures is None:
        figures = national_figures(filters)
        cache.set(key, figures, settings.INSIGHTS_CACHE_SECONDS)
    return figures
