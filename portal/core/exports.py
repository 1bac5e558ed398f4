"""The one writer of CSV and XLSX files: every export of the portal goes through it.

Spreadsheet programs run a cell that starts with ``= + - @`` (or a tab or carriage return) as a formula, so an
association named ``=HYPERLINK(...)`` could act on the computer of whoever opens the export (CSV or formula
injection). Every such text cell is prefixed with an apostrophe (OWASP's advice), in both formats, and XLSX string
cells are always written as text (``data_type`` ``s``), never as formulas. Numbers, dates and ``Decimal`` values
stay numbers. CSV files start with a byte-order mark so that Excel reads them as UTF-8 (names in Indian scripts,
the rupee sign) and are streamed row by row.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(value):
    """A text cell a spreadsheet would run as a formula, made inert; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _cell_value(value):
    """What a cell may hold: numbers, dates and text (anything else, such as a lazy string, as its text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal, date)):
        return value
    return neutralise(str(value))


def _csv_text(value) -> str:
    value = _cell_value(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value):
        return value


def csv_lines(rows: Iterable[Iterable], *, headers: Iterable | None = None, caption: str = "") -> Iterator[str]:
    """The CSV text line by line (the first with the byte-order mark), for a streaming response."""
    writer = csv.writer(_Echo())
    prefix = BOM
    if caption:
        yield prefix + writer.writerow([_csv_text(caption)])
        prefix = ""
    if headers is not None:
        yield prefix + writer.writerow([_csv_text(h) for h in headers])
        prefix = ""
    for row in rows:
        yield prefix + writer.writerow([_csv_text(v) for v in row])
        prefix = ""
    if prefix:
        yield prefix


def csv_bytes(rows: Iterable[Iterable], *, headers: Iterable | None = None, caption: str = "") -> bytes:
    return "".join(csv_lines(rows, headers=headers, caption=caption)).encode("utf-8")


@dataclass
class Sheet:
    """One sheet of a workbook: an optional caption line, bold headings, then the rows."""

    rows: Iterable[Iterable]
    headers: Iterable | None = None
    caption: str = ""
    title: str = "Data"
    widths: Iterable[int] = ()
    number_formats: dict[int, str] = field(default_factory=dict)  # column index -> Excel number format


def workbook_bytes(sheets: Iterable[Sheet]) -> bytes:
    """An .xlsx of the sheets; every string cell is written as text, never as a formula."""
    workbook = Workbook(write_only=True)
    for spec in sheets:
        sheet = workbook.create_sheet(_sheet_title(spec.title))
        for index, width in enumerate(spec.widths):
            sheet.column_dimensions[_column_letter(index)].width = width

        def cells(values, *, bold=False, formats=spec.number_formats, sheet=sheet):
            out = []
            for index, value in enumerate(values):
                cell = WriteOnlyCell(sheet, value=_cell_value(value))
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever openpyxl would guess
                elif index in formats:
                    cell.number_format = formats[index]
                if bold:
                    cell.font = Font(bold=True)
                out.append(cell)
            return out

        if spec.caption:
            sheet.append(cells([spec.caption]))
        if spec.headers is not None:
            sheet.append(cells(spec.headers, bold=True))
        for row in spec.rows:
            sheet.append(cells(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(
    rows: Iterable[Iterable],
    *,
    headers: Iterable | None = None,
    caption: str = "",
    title: str = "Data",
    widths: Iterable[int] = (),
) -> bytes:
    """One sheet: an optional caption line, bold headings, then the rows."""
    return workbook_bytes([Sheet(rows=rows, headers=headers, caption=caption, title=title, widths=widths)])


def _sheet_title(title: str) -> str:
    # Excel refuses these characters in a sheet name and names longer than 31 characters.
    cleaned = "".join("-" if ch in "[]:*?/\\" else ch for ch in str(title)).strip("'")
    return cleaned[:31] or "Data"


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def export_response(
    fmt: str,
    filename: str,
    *,
    rows: Iterable[Iterable],
    headers: Iterable | None = None,
    caption: str = "",
    title: str = "",
    widths: Iterable[int] = (),
):
    """A download of the rows as ``filename.csv`` (streamed) or ``filename.xlsx``; ``fmt`` must be in FORMATS."""
    if fmt == "xlsx":
        body = xlsx_bytes(rows, headers=headers, caption=caption, title=title or filename, widths=widths)
        return attachment(HttpResponse(body, content_type=XLSX_CONTENT_TYPE), f"{filename}.xlsx")
    if fmt != "csv":
        raise ValueError(f"unknown export format {fmt!r}")
    response = StreamingHttpResponse(csv_lines(rows, headers=headers, caption=caption), content_type=CSV_CONTENT_TYPE)
    return attachment(response, f"{filename}.csv")


def bytes_response(fmt: str, filename: str, body: bytes):
    """A download of an export already written by csv_bytes or xlsx_bytes (when the writing is audited)."""
    content_type = XLSX_CONTENT_TYPE if fmt == "xlsx" else CSV_CONTENT_TYPE
    return attachment(HttpResponse(body, content_type=content_type), f"{filename}.{fmt}")


class ExportAuditMiddleware:
    """Every spreadsheet the portal hands out (CSV or XLSX, as a download) is a security event in the audit log.

    One place for every export, whichever view wrote it: who took which file, from where (CERT-In asks that
    exports be logged). Failed or refused requests hand out nothing and are not recorded here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 200 and response.get("Content-Type", "").split(";")[0] in EXPORT_TYPES:
            disposition = response.get("Content-Disposition", "")
            if disposition.startswith("attachment"):
                from portal.core.audit import security_event

                filename = disposition.partition("filename=")[2].strip('"')[:200]
                security_event(kind="export", user=getattr(request, "user", None), request=request, file=filename)
        return response


EXPORT_TYPES = {CSV_CONTENT_TYPE.split(";")[0], XLSX_CONTENT_TYPE}
