"""The list of commitments as CSV or XLSX, for the association to negotiate with suppliers.

Written by the portal's one export writer (``portal.core.exports``), which makes formula-like cells inert.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core import exports
from portal.pooling.models import PooledDemand

CSV_CONTENT_TYPE = exports.CSV_CONTENT_TYPE
XLSX_CONTENT_TYPE = exports.XLSX_CONTENT_TYPE


def headers() -> list[str]:
    return [
        _("Enterprise"),
        _("Udyam number"),
        _("Contact person"),
        _("Email"),
        _("Phone"),
        _("Quantity"),
        _("Committed at"),
    ]


def rows(pooled_demand: PooledDemand):
    """One row per commitment, largest first; the person who committed, or the enterprise, as the contact."""
    commitments = pooled_demand.commitments.select_related("enterprise", "committed_by").order_by(
        "-quantity", "enterprise__name"
    )
    for commitment in commitments.iterator(chunk_size=1000):
        enterprise, person = commitment.enterprise, commitment.committed_by
        yield [
            enterprise.name,
            enterprise.udyam_number,
            person.get_full_name() if person else "",
            (person.email if person else "") or enterprise.email,
            (person.phone if person else "") or enterprise.phone,
            commitment.quantity.normalize(),
            timezone.localtime(commitment.updated_at).replace(tzinfo=None, microsecond=0),
        ]


def filename(pooled_demand: PooledDemand, extension: str) -> str:
    return f"pooled-demand-{pooled_demand.pk}-commitments.{extension}"


def as_csv(pooled_demand: PooledDemand) -> bytes:
    return exports.csv_bytes(rows(pooled_demand), headers=headers())


def as_xlsx(pooled_demand: PooledDemand) -> bytes:
    """The rows, then the total (computed here: the export holds no formula) and the target."""
    body = list(rows(pooled_demand))
    total = sum((row[5] for row in body), start=0)
    footer = [
        [],
        [_("Total"), "", "", "", "", total],
        [_("Target"), "", "", "", "", pooled_demand.target_quantity, pooled_demand.unit],
    ]
    return exports.xlsx_bytes(
        body + footer, headers=headers(), title=_("Commitments"), widths=(36, 22, 24, 30, 16, 14, 18)
    )
