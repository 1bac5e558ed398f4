"""One bounded reader for uploaded .xlsx: crafted files are refused from their zip directory, before openpyxl."""

import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from portal.core import spreadsheets
from portal.core.spreadsheets import Bounds, SpreadsheetRefused

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
    'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)


def crafted(*, dimension: str = "A1:B2", shared: bytes | None = None) -> io.BytesIO:
    """An .xlsx written member by member, as an attacker would, without any spreadsheet program."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        f'2006/main"><dimension ref="{dimension}"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        "</sheetData></worksheet>"
    )
    strings = shared or b"x"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            part.write(b"<si><t>")
            if shared is None:
                part.write(strings)
            else:
                for _ in range(len(shared) // (1024 * 1024)):
                    part.write(b"A" * (1024 * 1024))
            part.write(b"</t></si></sst>")
    buffer.seek(0)
    return buffer


def test_a_2_kb_file_declaring_a1_xfd3000_is_refused_at_once_with_the_reason():
    upload = crafted(dimension="A1:XFD3000")
    assert len(upload.getvalue()) < 2048

    started = time.process_time()
    with pytest.raises(SpreadsheetRefused, match="spans 3000 rows and 16384 columns"):
        spreadsheets.read_rows(upload)
    assert time.process_time() - started < 1  # CPU seconds, not the 16.8 s it once took


def test_one_shared_string_of_200_mb_is_refused_from_the_zip_directory():
    upload = crafted(shared=b"A" * 200 * 1024 * 1024)
    assert len(upload.getvalue()) < 1024 * 1024  # compresses to a few hundred KB

    with pytest.raises(SpreadsheetRefused, match="unpacks to 200"):
        spreadsheets.read_rows(upload)


def test_more_columns_than_allowed_are_refused():
    with pytest.raises(SpreadsheetRefused, match="40 columns"):
        spreadsheets.read_rows(crafted(dimension="A1:AN10"), Bounds(max_columns=30))


def test_an_ordinary_workbook_is_read_row_by_row():
    workbook = Workbook()
    workbook.active.append(["name", "amount"])
    workbook.active.append(["Tiruppur Knits", 1250])
    buffer = io.BytesIO()
    workbook.save(buffer)

    assert spreadsheets.read_rows(buffer) == [("name", "amount"), ("Tiruppur Knits", 1250)]


def test_rows_beyond_the_cap_are_refused_even_without_a_dimension():
    workbook = Workbook()
    for n in range(12):
        workbook.active.append([f"row {n}"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    with pytest.raises(SpreadsheetRefused):
        spreadsheets.read_rows(buffer, Bounds(max_rows=5))


def test_a_zip_that_is_not_a_workbook_is_refused_with_a_message():
    with pytest.raises(SpreadsheetRefused, match="damaged"):
        spreadsheets.read_rows(io.BytesIO(b"PK\x03\x04 not really"))
