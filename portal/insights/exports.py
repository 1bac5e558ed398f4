"""Any table of the insights pages as CSV or XLSX (openpyxl), with the filters written at the top."""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, float, str)):
        return value
    return str(value)


def csv_bytes(headers: list[str], rows: list[list], *, caption: str = "") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if caption:
        writer.writerow([caption])
    writer.writerow([str(h) for h in headers])
    for row in rows:
        writer.writerow([_plain(v) for v in row])
    # A byte-order mark so Excel opens Hindi names and the ₹ sign correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(headers: list[str], rows: list[list], *, caption: str = "", title: str = "Data") -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    if caption:
        sheet.append([caption])
    sheet.append([str(h) for h in headers])
    for row in rows:
        sheet.append([_plain(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_response(fmt: str, filename: str, headers: list[str], rows: list[list], *, caption: str = ""):
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(headers, rows, caption=caption, title=filename), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    else:
        response = HttpResponse(csv_bytes(headers, rows, caption=caption), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
