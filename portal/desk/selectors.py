"""Reads for the desk: lists scoped to the user, overdue work and the service-level figures."""

import statistics
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from portal.core.search import text_search
from portal.desk.models import OPEN_STATUSES, Kind, Requirement, ServiceLevel, Status


def overdue_q(now=None) -> Q:
    """Open requirements past their kind's service level, as one database condition."""
    now = now or timezone.now()
    levels = {level.kind: level for level in ServiceLevel.objects.all()}
    default_first = timedelta(hours=settings.DESK_DEFAULT_FIRST_RESPONSE_HOURS)
    default_resolution = timedelta(days=settings.DESK_DEFAULT_RESOLUTION_DAYS)
    condition = Q(pk__in=[])
    for kind in Kind:
        level = levels.get(kind)
        first = level.first_response if level else default_first
        resolution = level.resolution if level else default_resolution
        condition |= Q(kind=kind) & (
            Q(first_response_at__isnull=True, clock_started_at__lt=now - first)
            | Q(clock_started_at__lt=now - resolution)
        )
    return Q(status__in=OPEN_STATUSES) & condition


def _median_hours(pairs) -> float | None:
    durations = [(end - start).total_seconds() / 3600 for start, end in pairs if start and end and end >= start]
    return round(statistics.median(durations), 1) if durations else None


def desk_stats(queryset, now=None) -> dict:
    """Open, overdue and resolved counts with median hours to first response and to resolution."""
    now = now or timezone.now()
    posted = queryset.exclude(status__in=[Status.DRAFT])
    return {
        "open": posted.filter(status__in=OPEN_STATUSES).count(),
        "overdue": posted.filter(overdue_q(now)).count(),
        "resolved": posted.filter(status__in=[Status.RESOLVED, Status.CLOSED]).count(),
        "median_first_response_hours": _median_hours(
            posted.filter(first_response_at__isnull=False).values_list("posted_at", "first_response_at")
        ),
        "median_resolution_hours": _median_hours(
            posted.filter(resolved_at__isnull=False).values_list("posted_at", "resolved_at")
        ),
    }


def provider_stats(provider_ids: list[int]) -> dict[int, dict]:
    """Per provider, from the requirements assigned to it."""
    return {pid: desk_stats(Requirement.objects.filter(assigned_provider_id=pid)) for pid in provider_ids}


def requirement_list(*, user, filters: dict | None = None, now=None):
    """The requirements this user may see, filtered, with what list pages show, in a fixed number of queries."""
    filters = filters or {}
    queryset = Requirement.objects.visible_to(user).select_related(
        "enterprise", "association", "assigned_provider", "enterprise__state"
    )
    status = filters.get("status") or ""
    if status == "overdue":
        queryset = queryset.filter(overdue_q(now))
    elif status == "resolved":
        queryset = queryset.filter(status__in=[Status.RESOLVED, Status.CLOSED])
    elif status != "all":
        queryset = queryset.filter(Q(status__in=OPEN_STATUSES) | Q(status=Status.DRAFT))
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("q"):
        q = filters["q"].strip()
        # Title and description, in any script (portal.core.search); the reference and enterprise name too.
        queryset = text_search(
            queryset, q, ["title", "description"], also=Q(reference__iexact=q) | Q(enterprise__name__icontains=q)
        )
    return queryset.order_by("-posted_at", "-created_at", "-id")


def stats_by_provider(limit: int = 50) -> list[dict]:
    """For SIDBI: each provider's open, resolved and median times, from one query over assigned requirements."""
    from portal.providers.models import Provider

    rows = Requirement.objects.filter(assigned_provider__isnull=False).values_list(
        "assigned_provider_id", "status", "posted_at", "first_response_at", "resolved_at", "rating"
    )
    grouped: dict[int, dict] = {}
    for provider_id, status, posted, first, resolved, rating in rows:
        entry = grouped.setdefault(
            provider_id, {"open": 0, "resolved": 0, "first": [], "resolution": [], "ratings": []}
        )
        if status in OPEN_STATUSES:
            entry["open"] += 1
        if status in (Status.RESOLVED, Status.CLOSED):
            entry["resolved"] += 1
        entry["first"].append((posted, first))
        entry["resolution"].append((posted, resolved))
        if rating:
            entry["ratings"].append(rating)
    names = dict(Provider.objects.filter(pk__in=grouped).values_list("pk", "name"))
    result = [
        {
            "name": names.get(provider_id, "?"),
            "open": entry["open"],
            "resolved": entry["resolved"],
            "median_first_response_hours": _median_hours(entry["first"]),
            "median_resolution_hours": _median_hours(entry["resolution"]),
            "rating": round(sum(entry["ratings"]) / len(entry["ratings"]), 1) if entry["ratings"] else None,
        }
        for provider_id, entry in grouped.items()
    ]
    result.sort(key=lambda e: (-e["open"], e["name"]))
    return result[:limit]
