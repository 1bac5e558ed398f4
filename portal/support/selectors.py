"""Reads for DIA support: totals per head and per association, the overview by status."""

from decimal import Decimal

from django.db.models import Count, Sum

from portal.core.money import to_rupees
from portal.support.models import (
    Application,
    Head,
    SanctionHead,
    Status,
    Tranche,
    TrancheStatus,
)

ZERO = Decimal("0.00")


def support_totals(association=None) -> dict:
    """Sanctioned, released and accounted (accepted utilisation) amounts, per head and in all.

    ``{"heads": {head: {"label", "sanctioned", "released", "accounted"}}, "sanctioned", "released", "accounted"}``
    for one association, or for the whole scheme when ``association`` is None. Three queries.
    """
    heads = SanctionHead.objects.all()
    tranches = Tranche.objects.filter(status=TrancheStatus.RELEASED)
    if association is not None:
        heads = heads.filter(sanction__association=association)
        tranches = tranches.filter(sanction__association=association)
    sanctioned = dict(heads.values("head").annotate(total=Sum("amount")).values_list("head", "total"))
    released = {
        row["head"]: (row["released"], row["accounted"])
        for row in tranches.values("head").annotate(released=Sum("amount"), accounted=Sum("accounted"))
    }
    result = {"heads": {}}
    for head in Head:
        result["heads"][head.value] = {
            "label": head.label,
            # to_rupees: SQLite's SUM comes back with whatever scale the arithmetic left.
            "sanctioned": to_rupees(sanctioned.get(head.value) or ZERO),
            "released": to_rupees((released.get(head.value) or (ZERO, ZERO))[0] or ZERO),
            "accounted": to_rupees((released.get(head.value) or (ZERO, ZERO))[1] or ZERO),
        }
    for key in ("sanctioned", "released", "accounted"):
        result[key] = sum((row[key] for row in result["heads"].values()), ZERO)
    return result


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
    """Per association: sanctioned and released (from the sanction rows) and accounted, largest first."""
    from portal.support.models import Sanction

    rows = (
        Sanction.objects.values("association_id", "association__name", "association__slug")
        .annotate(sanctioned=Sum("sanctioned_total"), released=Sum("released_total"))
        .order_by("-sanctioned", "association__name")[:limit]
    )
    rows = list(rows)
    accounted = dict(
        Tranche.objects.filter(sanction__association_id__in=[row["association_id"] for row in rows])
        .values("sanction__association_id")
        .annotate(total=Sum("accounted"))
        .values_list("sanction__association_id", "total")
    )
    for row in rows:
        row["accounted"] = to_rupees(accounted.get(row["association_id"]) or ZERO)
        row["sanctioned"], row["released"] = to_rupees(row["sanctioned"]), to_rupees(row["released"])
    return rows


def open_applications_for(association) -> int:
    return Application.objects.filter(association=association).exclude(status__in=[Status.REJECTED]).count()
