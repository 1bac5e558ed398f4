"""The list of commitments as CSV or XLSX, for the association to negotiate with suppliers.

Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return) as a formula, so an
enterprise named ``=HYPERLINK(...)`` could act on the office-bearer's computer. Every such text cell is
prefixed with an apostrophe (OWASP's advice for CSV injection), in both formats.
"""

import csv
import io
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from portal.pooling.models import PooledDemand

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def guard(value):
    """A text cell that a spreadsheet would run as a formula, made inert; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


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
            commitment.quantity,
            timezone.localtime(commitment.updated_at).replace(tzinfo=None, microsecond=0),
        ]


def filename(pooled_demand: PooledDemand, extension: str) -> str:
    return f"pooled-demand-{pooled_demand.pk}-commitments.{extension}"


def as_csv(pooled_demand: PooledDemand) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers())
    for row in rows(pooled_demand):
        *text, quantity, committed_at = row
        writer.writerow([guard(cell) for cell in text] + [_plain(quantity), committed_at.isoformat(sep=" ")])
    # A byte-order mark so that Excel reads the file as UTF-8 (names in Indian scripts, the rupee sign).
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(pooled_demand: PooledDemand) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Commitments")[:31]
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    count = 0
    for row in rows(pooled_demand):
        *text, quantity, committed_at = row
        sheet.append([guard(cell) for cell in text] + [quantity, committed_at])
        count += 1
    for cell in sheet["G"][1:]:
        cell.number_format = "yyyy-mm-dd hh:mm"
    sheet.append([])
    sheet.append([_("Total"), "", "", "", "", f"=SUM(F2:F{count + 1})" if count else 0])
    sheet.append([_("Target"), "", "", "", "", pooled_demand.target_quantity, guard(pooled_demand.unit)])
    for letter, width in zip("ABCDEFG", (36, 22, 24, 30, 16, 14, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _plain(quantity: Decimal) -> str:
    """1250.000 -> 1250; 12.500 -> 12.5: what a person would type."""
    return format(quantity.normalize(), "f")
