"""Reads for DIA support: totals per head and per association, the overview by status."""

from django.db.models import Count, Sum

from portal.associations.models import Association
from portal.core.money import to_rupees
from portal.support import figures
from portal.support.models import Application, Status


def support_totals(association=None) -> dict:
    """Sanctioned, released and accounted for, per head and in all (see ``portal.support.figures``).

    ``{"heads": {head: {"label", "sanctioned", "released", "accounted"}}, "sanctioned", "released", "accounted"}``
    for one association, or for the whole scheme when ``association`` is None. Three queries.
    """
    return figures.by_head(associations=association)


def status_counts(applications) -> list[tuple[str, str, int]]:
    """(status, label, count) for every status, in workflow order."""
    counts = dict(applications.values("status").annotate(n=Count("id")).values_list("status", "n"))
    return [(status.value, status.label, counts.get(status.value, 0)) for status in Status]


def with_totals(applications):
    """Applications annotated with requested and recommended totals and their sanction's amounts."""
    return applications.select_related("association", "sanction").annotate(
        requested=Sum("lines__amount_requested"), recommended=Sum("lines__amount_recommended")
    )


def association_totals(*, limit: int = 50) -> list[dict]:
    """Per association with support: sanctioned, released and accounted for, largest sanction first. One query."""
    rows = (
        Association.objects.annotate(
            sanctioned=figures.SANCTIONED.sum_for(),
            released=figures.RELEASED.sum_for(),
            accounted=figures.ACCOUNTED.sum_for(),
        )
        .filter(sanctioned__gt=0)
        .order_by("-sanctioned", "name")
        .values("pk", "name", "slug", "sanctioned", "released", "accounted")[:limit]
    )
    return [
        {
            "association_id": row["pk"],
            "association__name": row["name"],
            "association__slug": row["slug"],
            **{key: to_rupees(row[key]) for key in figures.FIGURES},
        }
        for row in rows
    ]


def open_applications_for(association) -> int:
    return Application.objects.filter(association=association).exclude(status__in=[Status.REJECTED]).count()
