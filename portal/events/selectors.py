"""Reads for events: the filtered list, the calendar month, the feed, and the numbers other apps ask for."""

import calendar as pycalendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from portal.events.models import (
    ACTIVE_STATUSES,
    TRAINING_KINDS,
    Audience,
    Event,
    EventKind,
    EventStatus,
    Feedback,
    Registration,
    RegistrationStatus,
)

# Contracts (other apps import these lazily) ------------------------------------------------------------------


def _in_period(queryset, field_name: str, since, until):
    if since is not None:
        queryset = queryset.filter(**{f"{field_name}__gte": _as_datetime(since)})
    if until is not None:
        queryset = queryset.filter(**{f"{field_name}__lt": _as_datetime(until, end=True)})
    return queryset


def _as_datetime(value, *, end: bool = False) -> datetime:
    """A date means the whole day in IST (``until`` includes that day)."""
    if isinstance(value, datetime):
        return value
    day = value + timedelta(days=1) if end else value
    return timezone.make_aware(datetime.combine(day, time.min))


def events_held_count(association, *, since=None, until=None) -> int:
    """The association's events that have ended (within the period, by end time) and were not cancelled."""
    held = Event.objects.filter(owner=association, status=EventStatus.PUBLISHED, ends_at__lte=timezone.now())
    return _in_period(held, "ends_at", since, until).count()


def people_trained_count(*, association=None, since=None, until=None) -> int:
    """Distinct people marked present at trainings, workshops and webinars (of one association, or all)."""
    attended = Registration.objects.filter(
        attended_at__isnull=False, event__kind__in=TRAINING_KINDS, event__status=EventStatus.PUBLISHED
    )
    if association is not None:
        attended = attended.filter(event__owner=association)
    attended = _in_period(attended, "event__starts_at", since, until)
    return attended.values("user").distinct().count()


# Lists -------------------------------------------------------------------------------------------------------


@dataclass
class Filters:
    kind: str = ""
    sector: int | None = None
    state: int | None = None
    when: str = "upcoming"
    q: str = ""


def filters_from(params) -> Filters:
    def as_int(value):
        try:
            number = int(value)
        except (TypeError, ValueError):
            return None
        return number if 0 < number < 2**63 else None  # a larger id overflows the database's integer: no match

    kind = params.get("kind", "")
    when = params.get("when", "upcoming")
    return Filters(
        kind=kind if kind in EventKind.values else "",
        sector=as_int(params.get("sector")),
        state=as_int(params.get("state")),
        when=when if when in ("upcoming", "past", "all") else "upcoming",
        q=params.get("q", "").strip()[:100],
    )


def event_list(*, user, filters: Filters, now=None) -> QuerySet:
    """Visible events matching the filters; upcoming soonest first, past most recent first."""
    now = now or timezone.now()
    events = Event.objects.visible_to(user).exclude(status=EventStatus.DRAFT)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.sector:
        events = events.filter(sectors=filters.sector)
    if filters.state:
        events = events.filter(state=filters.state)
    if filters.q:
        events = events.filter(Q(title__icontains=filters.q) | Q(description__icontains=filters.q))
    if filters.when == "upcoming":
        events = events.upcoming(now).order_by("starts_at", "id")
    elif filters.when == "past":
        events = events.past(now).order_by("-starts_at", "-id")
    else:
        events = events.order_by("-starts_at", "-id")
    return events.select_related("owner", "state").prefetch_related("sectors").distinct()


def with_my_status(events, user) -> list:
    """Attach ``my_registration`` to each event (one query for the whole page)."""
    events = list(events)
    mine = {}
    if user.is_authenticated and events:
        mine = {
            r.event_id: r
            for r in Registration.objects.filter(
                user=user, event__in=[e.pk for e in events], status__in=ACTIVE_STATUSES
            )
        }
    for event in events:
        event.my_registration = mine.get(event.pk)
    return events


def registration_of(user, event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user, status__in=ACTIVE_STATUSES).first()


def last_registration_of(user, event) -> Registration | None:
    """The person's latest registration, whatever its status (attended ones are kept after the event)."""
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).order_by("-created_at", "-id").first()


def feedback_summary(event) -> dict:
    row = Feedback.objects.filter(registration__event=event).aggregate(average=Avg("rating"), count=Count("id"))
    per_rating = dict(
        Feedback.objects.filter(registration__event=event)
        .values_list("rating")
        .annotate(n=Count("id"))
        .values_list("rating", "n")
    )
    return {
        "average": round(row["average"], 1) if row["average"] is not None else None,
        "count": row["count"],
        "per_rating": [(rating, per_rating.get(rating, 0)) for rating in range(5, 0, -1)],
    }


def feed_events(user, *, now=None):
    """The personal feed: events the user holds a place at, plus public events; from 30 days back."""
    now = now or timezone.now()
    registered = Registration.objects.filter(user=user, status__in=ACTIVE_STATUSES).values("event_id")
    attended = Registration.objects.filter(user=user, attended_at__isnull=False).values("event_id")
    events = (
        Event.objects.visible_to(user)
        .exclude(status=EventStatus.DRAFT)
        .filter(Q(pk__in=registered) | Q(pk__in=attended) | Q(audience=Audience.PUBLIC, status=EventStatus.PUBLISHED))
        .filter(ends_at__gte=now - timedelta(days=30))
        .select_related("owner")
        .order_by("starts_at", "id")
    )
    link_for = set(
        Registration.objects.filter(user=user, status=RegistrationStatus.CONFIRMED).values_list("event_id", flat=True)
    )
    return events, link_for


# The calendar month ------------------------------------------------------------------------------------------


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    events: list = field(default_factory=list)


def month_of(value: str | None) -> date:
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1)
    except (TypeError, ValueError):
        return today.replace(day=1)


def month_grid(*, user, month: date, filters: Filters | None = None) -> list[list[Day]]:
    """Weeks (Monday first) of the month, each day with the visible events on it (one query)."""
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    first, last = weeks[0][0], weeks[-1][-1]
    events = Event.objects.visible_to(user).exclude(status=EventStatus.DRAFT)
    if filters is not None:
        if filters.kind:
            events = events.filter(kind=filters.kind)
        if filters.sector:
            events = events.filter(sectors=filters.sector)
        if filters.state:
            events = events.filter(state=filters.state)
    events = (
        events.filter(starts_at__lt=_as_datetime(last, end=True), ends_at__gte=_as_datetime(first))
        .select_related("owner")
        .order_by("starts_at", "id")
        .distinct()
    )
    by_day: dict[date, list] = {}
    for event in events:
        day = timezone.localtime(event.starts_at).date()
        end = timezone.localtime(event.ends_at).date()
        while day <= end:
            by_day.setdefault(day, []).append(event)
            day += timedelta(days=1)
    today = timezone.localdate()
    return [
        [Day(date=d, in_month=d.month == month.month, is_today=d == today, events=by_day.get(d, [])) for d in week]
        for week in weeks
    ]
