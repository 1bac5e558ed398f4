"""The one definition of each DIA support money figure: sanctioned, released and accounted for.

- **sanctioned**: the amount per head of every sanction (``SanctionHead.amount``), dated by the sanction's
  approval;
- **released**: the tranches released (``Tranche.amount`` of released tranches), dated by their release;
- **accounted for**: accepted utilisation certificates (``UtilisationCertificate.amount_utilised``), dated by
  the decision to accept.

``Sanction.released_total`` and ``Tranche.accounted`` are running copies the services keep so the database
can refuse a release above the sanction or a certificate above its tranche; they are never read as a figure
(tests prove the copies equal these definitions). The support pages, the scheme's stage rule, the national
dashboard, its drill-down and its exports all count through this module.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import DecimalField, Exists, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from portal.core.money import to_rupees
from portal.support.models import Head, SanctionHead, Tranche, TrancheStatus, UCStatus, UtilisationCertificate

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class SupportFigure:
    """Which rows make up the figure, which field is the amount, the head, the association and the date."""

    key: str
    amount: str
    head: str
    association: str
    dated_by: str

    def base(self) -> QuerySet:
        if self.key == "sanctioned":
            return SanctionHead.objects.all()
        if self.key == "released":
            return Tranche.objects.filter(status=TrancheStatus.RELEASED)
        return UtilisationCertificate.objects.filter(status=UCStatus.ACCEPTED)

    def rows(self, *, associations=None, period: tuple[datetime, datetime] | None = None) -> QuerySet:
        """The rows behind the figure: of these associations (a queryset, ids or one association) and within
        ``period`` ([start, end) aware datetimes) when given."""
        queryset = self.base()
        if associations is not None:
            if isinstance(associations, (QuerySet, list, tuple, set)):
                queryset = queryset.filter(**{f"{self.association}__in": associations})
            else:
                queryset = queryset.filter(**{self.association: associations})
        if period is not None:
            start, end = period
            queryset = queryset.filter(**{f"{self.dated_by}__gte": start, f"{self.dated_by}__lt": end})
        return queryset

    def total(self, **scope) -> Decimal:
        return to_rupees(self.rows(**scope).aggregate(total=Sum(self.amount))["total"] or ZERO)

    def by_head(self, **scope) -> dict[str, Decimal]:
        rows = self.rows(**scope).values_list(self.head).annotate(total=Sum(self.amount)).order_by()
        return {head: to_rupees(total or ZERO) for head, total in rows}

    def by_association(self, **scope) -> dict[int, Decimal]:
        rows = self.rows(**scope).values_list(f"{self.association}_id").annotate(total=Sum(self.amount)).order_by()
        return {association_id: to_rupees(total or ZERO) for association_id, total in rows}

    def sum_for(self, association_ref=None) -> Coalesce:
        """The figure for each association of an outer query (``OuterRef("pk")`` by default): a sub-query."""
        summed = (
            self.rows()
            .filter(**{self.association: association_ref or OuterRef("pk")})
            .order_by()
            .values(self.association)
            .annotate(total=Sum(self.amount))
            .values("total")[:1]
        )
        return Coalesce(Subquery(summed), Value(ZERO), output_field=DecimalField(max_digits=16, decimal_places=2))

    def exists_for(self, association_ref=None, *, period=None) -> Exists:
        """True for an association (``OuterRef("pk")`` by default) with at least one row in the period."""
        return Exists(self.rows(period=period).filter(**{self.association: association_ref or OuterRef("pk")}))


SANCTIONED = SupportFigure(
    "sanctioned", amount="amount", head="head", association="sanction__association", dated_by="sanction__approved_at"
)
RELEASED = SupportFigure(
    "released", amount="amount", head="head", association="sanction__association", dated_by="released_at"
)
ACCOUNTED = SupportFigure(
    "accounted",
    amount="amount_utilised",
    head="tranche__head",
    association="tranche__sanction__association",
    dated_by="decided_at",
)
FIGURES = {figure.key: figure for figure in (SANCTIONED, RELEASED, ACCOUNTED)}


def by_head(**scope) -> dict:
    """``{"heads": {head: {"label", "sanctioned", "released", "accounted"}}, "sanctioned", "released",
    "accounted"}`` for the scope (see ``SupportFigure.rows``). Three queries."""
    amounts = {key: figure.by_head(**scope) for key, figure in FIGURES.items()}
    result: dict = {"heads": {}}
    for head in Head:
        result["heads"][head.value] = {
            "label": head.label,
            **{key: amounts[key].get(head.value, ZERO) for key in FIGURES},
        }
    for key in FIGURES:
        result[key] = sum((row[key] for row in result["heads"].values()), ZERO)
    return result
