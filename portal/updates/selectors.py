"""Reads for updates and recognitions (the audience rules themselves live on UpdateQuerySet)."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from portal.updates.models import Kind, Recognition, Update, financial_year_of

HIGHLIGHT_DAYS = 14


def update_archive(*, fetched_by, q: str = "", kind: str = "", sector=None, state=None, year: int | None = None):
    """Searchable archive of what the user may read, newest first."""
    queryset = Update.objects.visible_to(fetched_by).select_related("association")
    if q:
        queryset = queryset.filter(Q(title__icontains=q) | Q(body__icontains=q) | Q(circular_number__icontains=q))
    if kind:
        queryset = queryset.filter(kind=kind)
    if sector is not None:
        queryset = queryset.filter(sectors=sector)
    if state is not None:
        queryset = queryset.filter(states=state)
    if year:
        queryset = queryset.filter(publish_at__year=year)
    return queryset.order_by("-publish_at", "-id")


def closing_soon(*, fetched_by):
    """Opportunities in the user's feed whose deadline falls in the next HIGHLIGHT_DAYS days, soonest first."""
    today = timezone.localdate()
    return (
        Update.objects.feed_for(fetched_by)
        .filter(kind=Kind.OPPORTUNITY, deadline__gte=today, deadline__lte=today + timedelta(days=HIGHLIGHT_DAYS))
        .select_related("association")
        .order_by("deadline", "-id")
    )


def recognitions_for(association):
    """An association's ambassadors and champions, latest year first."""
    return Recognition.objects.filter(association=association).select_related("association")


def current_recognitions(*, on=None):
    """Ambassadors and champions of the current financial year, across associations."""
    year = financial_year_of(on or timezone.localdate())
    return (
        Recognition.objects.filter(financial_year=year)
        .select_related("association")
        .order_by("title", "association__name", "person_name")
    )
