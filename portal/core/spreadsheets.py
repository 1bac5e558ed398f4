"""The one reader of uploaded .xlsx files: bounded before openpyxl sees a byte.

An .xlsx is a zip of XML. A 2 KB file can declare a sheet of A1:XFD3000 (openpyxl's read-only mode pads every
row to the declared width: minutes of CPU) or hold one shared string of 200 MB (compressed to 200 KB). So the
file's size is checked, then the zip's directory (members, total uncompressed size, compression ratio, the size
of the shared strings), then the sheet's declared dimension, and only then is the workbook opened, read-only,
with rows, columns and cell lengths capped while reading. A refusal is a SpreadsheetRefused with a message for
the person who uploaded the file.
"""

import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


class SpreadsheetRefused(ValueError):
    """The file is not read; the message says why, in words for the person who uploaded it."""


@dataclass(frozen=True)
class Bounds:
    max_rows: int = 5000  # data rows, the heading row aside
    max_columns: int = 30
    max_file_bytes: int = 5 * 1024 * 1024
    max_uncompressed_bytes: int = 50 * 1024 * 1024
    max_ratio: int = 100  # uncompressed / compressed, per member
    max_members: int = 200
    max_shared_strings_bytes: int = 10 * 1024 * 1024
    max_cell_chars: int = 32767  # Excel's own limit for a cell


DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?\"")
SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + (ord(letter) - 64)
    return number


def inspect(fileobj, bounds: Bounds) -> None:
    """Refuse the file on what its zip directory and declared dimensions say; never decompress more than a
    sheet's first 64 KB."""
    fileobj.seek(0, 2)
    size = fileobj.tell()
    fileobj.seek(0)
    if size > bounds.max_file_bytes:
        raise SpreadsheetRefused(
            _("The file is %(size)s; the largest allowed is %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(bounds.max_file_bytes)}
        )
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SpreadsheetRefused(_("The Excel file cannot be opened: is it damaged?")) from exc
    with archive:
        members = archive.infolist()
        if len(members) > bounds.max_members:
            raise SpreadsheetRefused(_("The Excel file has too many parts to be an ordinary workbook."))
        total = sum(member.file_size for member in members)
        if total > bounds.max_uncompressed_bytes:
            raise SpreadsheetRefused(
                _("The Excel file unpacks to %(size)s; the largest allowed is %(max)s. Remove unused sheets.")
                % {"size": filesizeformat(total), "max": filesizeformat(bounds.max_uncompressed_bytes)}
            )
        for member in members:
            if member.file_size > 1024 * 1024 and member.file_size > bounds.max_ratio * max(member.compress_size, 1):
                raise SpreadsheetRefused(_("The Excel file is packed in a way the portal does not accept."))
            if member.filename == "xl/sharedStrings.xml" and member.file_size > bounds.max_shared_strings_bytes:
                raise SpreadsheetRefused(_("The Excel file holds more text than the portal reads at once."))
        for member in members:
            if SHEET_PART.match(member.filename):
                with archive.open(member) as part:
                    head = part.read(64 * 1024)
                _check_dimension(head, bounds)
    fileobj.seek(0)


def _check_dimension(head: bytes, bounds: Bounds) -> None:
    match = DIMENSION.search(head)
    if not match:
        return
    first_col, first_row, last_col, last_row = match.groups()
    rows = int(last_row or first_row)
    columns = _column_number((last_col or first_col).decode())
    if rows > bounds.max_rows + 1 or columns > bounds.max_columns:
        raise SpreadsheetRefused(
            _(
                "The sheet says it spans %(rows)s rows and %(columns)s columns; the portal reads at most %(max_rows)s "
                "rows and %(max_columns)s columns. Copy just the table into a new workbook and upload that."
            )
            % {"rows": rows, "columns": columns, "max_rows": bounds.max_rows + 1, "max_columns": bounds.max_columns}
        )


def read_rows(fileobj, bounds: Bounds | None = None) -> list[tuple]:
    """The first sheet's rows (values, as openpyxl reads them), heading row included; raises SpreadsheetRefused."""
    from openpyxl import load_workbook

    bounds = bounds or Bounds(max_file_bytes=settings.UPLOAD_MAX_BYTES)
    inspect(fileobj, bounds)
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise SpreadsheetRefused(_("The Excel file cannot be opened: is it damaged?")) from exc
    try:
        sheet = workbook.worksheets[0]
        declared = sheet.max_column  # from the dimension, checked above; None when the sheet declares none
        columns = declared if declared and declared <= bounds.max_columns else bounds.max_columns
        rows = []
        for row in sheet.iter_rows(max_row=bounds.max_rows + 2, max_col=columns, values_only=True):
            if any(isinstance(v, str) and len(v) > bounds.max_cell_chars for v in row):
                raise SpreadsheetRefused(_("A cell of the file holds more text than a spreadsheet cell may."))
            rows.append(row)
    except SpreadsheetRefused:
        raise
    except Exception as exc:
        raise SpreadsheetRefused(_("The Excel file cannot be opened: is it damaged?")) from exc
    finally:
        workbook.close()
    while rows and all(v is None or v == "" for v in rows[-1]):
        rows.pop()
    if len(rows) > bounds.max_rows + 1:
        raise SpreadsheetRefused(
            _("The file has more than %(max)s rows; import at most %(max)s at a time.") % {"max": bounds.max_rows}
        )
    return rows
