"""Member import: upload a CSV or XLSX (/<slug>/manage/import/), follow it (/<slug>/manage/import/<id>/).

Every row is checked first; either all rows are imported or none, with a row-by-row report.
"""

import csv
import io
import zipfile

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from portal import testing
from portal.associations import imports
from portal.associations.models import ImportStatus, Invitation, MemberImport, Membership, MembershipStatus
from portal.core.identifiers import make_gstin
from portal.core.models import AuditLog
from portal.enterprises.models import Enterprise, EnterpriseUser

IMPORT_A = reverse("associations:import", args=["tiruppur"])
HEADER = [
    "name",
    "udyam_number",
    "pan",
    "gstin",
    "category",
    "sector",
    "employees",
    "products",
    "address",
    "district",
    "state",
    "pin_code",
    "phone",
    "email",
]
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def member_row(n: int, **overrides) -> dict:
    pan = testing.pan_for(n, "C")
    row = {
        "name": f"Imported Knits {n}",
        "udyam_number": f"UDYAM-TN-12-88{n:05d}",
        "pan": pan,
        "gstin": make_gstin("33", pan),
        "category": "micro",
        "sector": "Textiles and garments",
        "employees": "8",
        "products": "Cotton socks",
        "address": "14, Mill Road",
        "district": "Tiruppur",
        "state": "Tamil Nadu",
        "pin_code": "641604",
        "phone": "98430 12345",
        "email": f"owner{n}@imported.example.in",
    }
    row.update(overrides)
    return row


def csv_bytes(rows: list[dict], header: list[str] = HEADER, encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in HEADER])
    return out.getvalue().encode(encoding)


def csv_upload(rows: list[dict], name: str = "members.csv", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, csv_bytes(rows, **kwargs), content_type="text/csv")


def xlsx_bytes(table: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for values in table:
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_upload(rows: list[dict], name: str = "members.xlsx") -> SimpleUploadedFile:
    table = [HEADER] + [[row[column] for column in HEADER] for row in rows]
    return SimpleUploadedFile(name, xlsx_bytes(table), content_type=XLSX_MIME)


@pytest.fixture
def upload(client_for, bearer_a, django_capture_on_commit_callbacks):
    """Upload as bearer_a; the background task runs at once (the immediate backend, after commit)."""

    def post(uploaded, user=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client_for(user or bearer_a).post(IMPORT_A, {"file": uploaded})

    return post


def direct_import(association, user, content: bytes, name: str = "members.csv") -> MemberImport:
    member_import = MemberImport.objects.create(
        association=association, file=ContentFile(content, name=name), original_name=name, uploaded_by=user
    )
    return imports.run_import(member_import)


def imported_enterprises():
    return Enterprise.objects.filter(name__startswith="Imported Knits")


# --- Good files -----------------------------------------------------------------------------------------


def test_csv_of_valid_rows_creates_enterprises_with_approved_memberships(client_for, association_a, bearer_a, upload):
    response = upload(csv_upload([member_row(1), member_row(2), member_row(3)]))

    member_import = MemberImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("associations:import_status", args=["tiruppur", member_import.pk])
    assert member_import.status == ImportStatus.DONE
    assert (member_import.total_rows, member_import.processed_rows, member_import.imported_count) == (3, 3, 3)
    assert member_import.errors == []
    assert member_import.finished_at is not None
    assert sorted(imported_enterprises().values_list("name", flat=True)) == [
        "Imported Knits 1",
        "Imported Knits 2",
        "Imported Knits 3",
    ]
    enterprise = Enterprise.objects.get(name="Imported Knits 2")
    assert enterprise.udyam_number == "UDYAM-TN-12-8800002"
    assert (enterprise.sector.slug, enterprise.state.code, enterprise.employees) == ("textiles", "TN", 8)
    assert enterprise.phone == "+919843012345"
    assert enterprise.shared_fields == ["products", "size", "location"]
    memberships = Membership.objects.filter(association=association_a, enterprise__in=imported_enterprises())
    assert memberships.count() == 3
    for membership in memberships:
        assert membership.status == MembershipStatus.APPROVED
        assert membership.decided_by == bearer_a
        assert membership.decided_at is not None
        assert membership.decision_reason == "Imported from members.csv"
    assert not EnterpriseUser.objects.filter(enterprise__in=imported_enterprises()).exists()
    assert AuditLog.objects.for_object(member_import).filter(action="member_import.uploaded", actor=bearer_a).exists()
    log = AuditLog.objects.for_object(member_import).get(action="member_import.imported")
    assert log.data == {"rows": 3, "imported": 3}

    status_page = client_for(bearer_a).get(response.url)
    assert "3 new members imported." in status_page.content.decode()
    assert f'hx-get="{response.url}"' not in status_page.content.decode()  # finished: no more polling


def test_rows_with_an_email_are_invited_to_claim_their_profile(association_a, upload):
    upload(csv_upload([member_row(1), member_row(2, email="")]))

    invitation = Invitation.objects.get(association=association_a)
    assert invitation.email == "owner1@imported.example.in"
    assert invitation.enterprise == Enterprise.objects.get(name="Imported Knits 1")
    assert [message.to for message in mail.outbox] == [["owner1@imported.example.in"]]
    assert invitation.token in mail.outbox[0].body


def test_xlsx_of_valid_rows_with_numeric_cells_is_imported(association_a, upload):
    rows = [member_row(1, employees=8, pin_code=641604, phone=9843012345), member_row(2, employees=12.0)]

    upload(xlsx_upload(rows))

    member_import = MemberImport.objects.get()
    assert member_import.status == ImportStatus.DONE, member_import.errors
    assert member_import.imported_count == 2
    first = Enterprise.objects.get(name="Imported Knits 1")
    assert (first.pin_code, first.phone, first.employees) == ("641604", "+919843012345", 8)
    assert Enterprise.objects.get(name="Imported Knits 2").employees == 12
    assert Membership.objects.filter(association=association_a, status=MembershipStatus.APPROVED).count() == 2


def test_header_aliases_and_state_codes_and_sector_slugs_are_understood(association_a, upload):
    header = ["Enterprise Name", "Udyam", "PAN", "GSTIN", "MSME Category", "Sector", "Employees", "Products",
              "Address", "District", "State", "PIN", "Mobile", "Email"]  # fmt: skip
    rows = [member_row(1, state="tn", sector="textiles", category="small")]

    upload(csv_upload(rows, header=header))

    member_import = MemberImport.objects.get()
    assert member_import.status == ImportStatus.DONE, member_import.errors
    enterprise = Enterprise.objects.get(udyam_number="UDYAM-TN-12-8800001")
    assert (enterprise.name, enterprise.category, enterprise.pin_code) == ("Imported Knits 1", "small", "641604")


def test_category_sector_and_state_are_read_whatever_their_case(association_a, bearer_a):
    rows = [member_row(1, category=" Micro ", sector="TEXTILES", state="tamil nadu"), member_row(2, category="SMALL")]

    member_import = direct_import(association_a, bearer_a, csv_bytes(rows))

    assert member_import.status == ImportStatus.DONE, member_import.errors
    assert Enterprise.objects.get(name="Imported Knits 1").category == "micro"
    assert Enterprise.objects.get(name="Imported Knits 2").category == "small"


def test_read_rows_maps_aliases_to_column_names(db):
    content = b"Enterprise Name,Udyam,PAN,MSME Category,Sector,Employees,Address,District,State,Pincode,Mobile\n"
    content += b"Ganesh Hosiery,UDYAM-TN-12-1234567,AAAPL1234C,micro,textiles,4,Road,Tiruppur,TN,641604,9876543210\n"

    rows = imports.read_rows(ContentFile(content, name="m.csv"))

    assert rows == [
        {
            "name": "Ganesh Hosiery",
            "udyam_number": "UDYAM-TN-12-1234567",
            "pan": "AAAPL1234C",
            "category": "micro",
            "sector": "textiles",
            "employees": "4",
            "address": "Road",
            "district": "Tiruppur",
            "state": "TN",
            "pin_code": "641604",
            "phone": "9876543210",
        }
    ]


def test_utf8_with_bom_and_hindi_names_are_read(association_a, bearer_a):
    content = "\ufeff".encode() + csv_bytes([member_row(1, name="Imported Knits गणेश होज़री")])

    member_import = direct_import(association_a, bearer_a, content)

    assert member_import.status == ImportStatus.DONE, member_import.errors
    assert Enterprise.objects.filter(name="Imported Knits गणेश होज़री").exists()


def test_windows_encoded_csv_is_read(association_a, bearer_a):
    content = csv_bytes([member_row(1, products="Socks – cotton ‘premium’")], encoding="cp1252")

    member_import = direct_import(association_a, bearer_a, content)

    assert member_import.status == ImportStatus.DONE, member_import.errors
    assert Enterprise.objects.get(name="Imported Knits 1").products == "Socks – cotton ‘premium’"


# --- Bad rows: nothing is imported, and the report names each row --------------------------------------


def test_one_bad_row_among_good_rows_imports_nothing_and_names_the_row(client_for, association_a, bearer_a, upload):
    rows = [member_row(1), member_row(2, pan="BADPAN"), member_row(3)]

    response = upload(csv_upload(rows))

    member_import = MemberImport.objects.get()
    assert member_import.status == ImportStatus.FAILED
    assert member_import.imported_count == 0
    assert not imported_enterprises().exists()
    assert Membership.objects.filter(association=association_a).count() == 0
    assert not Invitation.objects.exists()
    assert mail.outbox == []
    assert {"row": 3, "field": "pan", "message": member_import.errors[0]["message"]} in member_import.errors
    assert "five letters, four digits and a letter" in member_import.errors[0]["message"]
    assert all(error["row"] == 3 for error in member_import.errors)

    html = client_for(bearer_a).get(response.url).content.decode()
    assert "Nothing was imported. Correct these rows and upload the file again:" in html
    assert "<td>3</td><td>pan</td>" in html
    assert "five letters, four digits and a letter" in html


def test_every_problem_of_every_row_is_reported(association_a, bearer_a):
    rows = [
        member_row(1, pin_code="12345", category="huge"),
        member_row(2),
        member_row(3, sector="Rocket science", state="Atlantis"),
        member_row(4, gstin=make_gstin("03", testing.pan_for(4, "C"))),
        member_row(5, name="", employees="many"),
    ]

    member_import = direct_import(association_a, bearer_a, csv_bytes(rows))

    problems = {(error["row"], error["field"]) for error in member_import.errors}
    assert problems == {
        (2, "pin_code"),
        (2, "category"),
        (4, "sector"),
        (4, "state"),
        (5, "gstin"),
        (6, "name"),
        (6, "employees"),
    }
    messages = " ".join(error["message"] for error in member_import.errors)
    assert "Unknown sector “rocket science”." in messages
    assert "Unknown MSME category “huge”: use micro, small or medium." in messages
    assert "Unknown state “atlantis”: use its name or two-letter code." in messages
    assert "registered in another state" in messages
    assert not imported_enterprises().exists()


def test_duplicate_rows_inside_the_file_are_reported(association_a, bearer_a):
    rows = [member_row(1), member_row(2), member_row(1, name="Imported Knits again")]

    member_import = direct_import(association_a, bearer_a, csv_bytes(rows))

    assert member_import.status == ImportStatus.FAILED
    assert member_import.errors == [{"row": 4, "field": "udyam_number", "message": "Same Udyam number as row 2."}]
    assert not imported_enterprises().exists()


def test_duplicate_udyam_written_differently_is_still_a_duplicate(association_a, bearer_a):
    rows = [member_row(1), member_row(2, udyam_number=" udyam-tn-12-8800001 ")]

    member_import = direct_import(association_a, bearer_a, csv_bytes(rows))

    assert member_import.errors == [{"row": 3, "field": "udyam_number", "message": "Same Udyam number as row 2."}]


def test_the_same_gstin_on_two_rows_is_reported_not_a_crash(association_a, bearer_a):
    rows = [member_row(1), member_row(2, pan=testing.pan_for(1, "C"), gstin=member_row(1)["gstin"])]

    member_import = direct_import(association_a, bearer_a, csv_bytes(rows))

    assert member_import.status == ImportStatus.FAILED
    assert member_import.errors == [{"row": 3, "field": "gstin", "message": "Same GSTIN as row 2."}]
    assert not imported_enterprises().exists()


def test_gstin_of_an_enterprise_already_on_the_portal_is_reported_beside_the_column(association_a, bearer_a, member_b):
    existing = member_b.enterprise
    row = member_row(1, pan=existing.pan, gstin=make_gstin("33", existing.pan))
    existing.gstin = row["gstin"]
    existing.save(update_fields=["gstin"])

    member_import = direct_import(association_a, bearer_a, csv_bytes([row]))

    assert member_import.errors == [
        {"row": 2, "field": "gstin", "message": "An enterprise with this GSTIN is already on the portal."}
    ]


def test_row_numbers_match_the_spreadsheet_when_blank_lines_are_present(association_a, bearer_a):
    second_row = csv_bytes([member_row(2, pin_code="0")]).split(b"\n", 1)[1]  # without its header
    content = csv_bytes([member_row(1)]) + b",,,,,,,,,,,,,\r\n\r\n" + second_row

    member_import = direct_import(association_a, bearer_a, content)

    # Row 1 headers, row 2 the first member, rows 3 and 4 blank, row 5 the bad one.
    assert [(error["row"], error["field"]) for error in member_import.errors] == [(5, "pin_code")]
    assert member_import.total_rows == 2


def test_xlsx_row_numbers_count_blank_rows_too(association_a, bearer_a):
    good, bad = member_row(1), member_row(2, udyam_number="UDYAM-TN-12-12")
    table = [HEADER, [good[c] for c in HEADER], [], [None] * len(HEADER), [bad[c] for c in HEADER]]

    member_import = direct_import(association_a, bearer_a, xlsx_bytes(table), name="members.xlsx")

    assert [(error["row"], error["field"]) for error in member_import.errors] == [(5, "udyam_number")]


def test_duplicate_gstin_through_the_upload_ends_in_a_report_not_a_stuck_import(association_a, upload):
    rows = [member_row(1), member_row(2, pan=testing.pan_for(1, "C"), gstin=member_row(1)["gstin"])]

    upload(csv_upload(rows))

    member_import = MemberImport.objects.get()
    assert member_import.status == ImportStatus.FAILED
    assert member_import.is_finished
    assert not imported_enterprises().exists()


def test_enterprise_added_meanwhile_makes_the_import_fail_cleanly(association_a, bearer_a, monkeypatch):
    """A race: the GSTIN was free when the row was checked, taken when it is saved."""
    rows = [member_row(1), member_row(2)]
    import_plan = imports._import_plan

    def someone_else_first(*args, **kwargs):
        testing.make_enterprise(pan=rows[1]["pan"], gstin=rows[1]["gstin"], udyam_number="UDYAM-TN-12-1000001")
        return import_plan(*args, **kwargs)

    monkeypatch.setattr(imports, "_import_plan", someone_else_first)

    member_import = direct_import(association_a, bearer_a, csv_bytes(rows))

    assert member_import.status == ImportStatus.FAILED
    assert member_import.errors == [
        {
            "row": None,
            "field": None,
            "message": "An enterprise in this file was added to the portal meanwhile. Upload the file again.",
        }
    ]
    assert not imported_enterprises().exists()
    assert not Membership.objects.filter(association=association_a).exists()
    assert not Invitation.objects.exists()


def test_missing_required_columns_are_named(association_a, bearer_a, upload):
    content = b"name,udyam_number,pan\nGanesh,UDYAM-TN-12-1234567,AAAPL1234C\n"

    upload(SimpleUploadedFile("members.csv", content, content_type="text/csv"))

    member_import = MemberImport.objects.get()
    assert member_import.status == ImportStatus.FAILED
    assert member_import.errors == [
        {
            "row": None,
            "field": None,
            "message": "The first row must name the columns; missing: address, category, district, employees, "
            "pin_code, sector, state.",
        }
    ]


def test_more_rows_than_the_limit_are_refused(settings, association_a, bearer_a, upload):
    settings.MEMBER_IMPORT_MAX_ROWS = 3

    upload(csv_upload([member_row(n) for n in range(1, 5)]))

    member_import = MemberImport.objects.get()
    assert member_import.status == ImportStatus.FAILED
    assert member_import.errors[0]["message"] == "The file has 4 rows; import at most 3 at a time."
    assert not imported_enterprises().exists()


def test_a_file_of_exactly_the_limit_is_imported(settings, association_a, bearer_a):
    settings.MEMBER_IMPORT_MAX_ROWS = 3

    member_import = direct_import(association_a, bearer_a, csv_bytes([member_row(n) for n in range(1, 4)]))

    assert member_import.status == ImportStatus.DONE
    assert member_import.imported_count == 3


# --- Enterprises already on the portal -------------------------------------------------------------------


def test_existing_enterprise_becomes_an_invitation_not_a_duplicate(association_a, bearer_a, member_b, upload):
    existing = member_b.enterprise
    rows = [member_row(1), member_row(2, udyam_number=existing.udyam_number, name="B Fasteners (typed again)")]

    upload(csv_upload(rows))

    member_import = MemberImport.objects.get()
    assert member_import.status == ImportStatus.DONE, member_import.errors
    assert member_import.imported_count == 1
    assert Enterprise.objects.filter(udyam_number=existing.udyam_number).count() == 1
    existing.refresh_from_db()
    assert existing.name == "B Fasteners"  # the import does not overwrite someone else's profile
    assert not Membership.objects.filter(association=association_a, enterprise=existing).exists()
    invitation = Invitation.objects.get(association=association_a, enterprise=existing)
    assert invitation.email == existing.email  # the enterprise's own address, not the one in the file
    assert existing.email in [message.to[0] for message in mail.outbox]


def test_enterprise_already_a_member_is_left_alone(association_a, bearer_a, member_a):
    row = member_row(1, udyam_number=member_a.enterprise.udyam_number)

    member_import = direct_import(association_a, bearer_a, csv_bytes([row]))

    assert member_import.status == ImportStatus.DONE
    assert member_import.imported_count == 0
    assert Membership.objects.filter(association=association_a, enterprise=member_a.enterprise).count() == 1
    assert not Invitation.objects.exists()


# --- Files refused as a whole ---------------------------------------------------------------------------


def test_text_file_renamed_xlsx_is_refused_with_a_clear_message(association_a, upload):
    response = upload(SimpleUploadedFile("members.xlsx", b"Dear sir, please find our members below.\n"))

    assert response.status_code == 400
    errors = response.context["import_form"].errors["file"]
    assert errors == ["This file is named .xlsx but is not an Excel workbook. Save it from Excel again, or as CSV."]
    assert errors[0] in response.content.decode()
    assert not MemberImport.objects.exists()


def test_workbook_named_csv_is_read_as_a_workbook(association_a, upload):
    upload(xlsx_upload([member_row(1)], name="members.csv"))

    member_import = MemberImport.objects.get()
    assert member_import.status == ImportStatus.DONE, member_import.errors
    assert imported_enterprises().count() == 1


def test_pdf_renamed_csv_is_refused(association_a, upload):
    response = upload(SimpleUploadedFile("members.csv", testing.pdf_upload().read()))

    assert response.status_code == 400
    assert response.context["import_form"].errors["file"] == [
        "This file is not a CSV or Excel (.xlsx) (whatever its name says). Please upload a CSV or Excel (.xlsx)."
    ]
    assert not MemberImport.objects.exists()


def test_empty_file_is_refused(association_a, upload):
    response = upload(SimpleUploadedFile("members.csv", b""))

    assert response.status_code == 400
    assert response.context["import_form"].errors["file"] == ["The submitted file is empty."]
    assert not MemberImport.objects.exists()


def test_upload_without_a_file_is_refused(client_for, association_a, bearer_a):
    response = client_for(bearer_a).post(IMPORT_A, {})

    assert response.status_code == 400
    assert response.context["import_form"].errors["file"] == ["This field is required."]
    assert not MemberImport.objects.exists()


def test_oversize_file_is_refused(association_a, upload):
    big = csv_bytes([member_row(1)]) + b"#" * (10 * 1024 * 1024)

    response = upload(SimpleUploadedFile("members.csv", big, content_type="text/csv"))

    assert response.status_code == 400
    message = response.context["import_form"].errors["file"][0]
    assert "the largest allowed is 10.0\xa0MB" in message
    assert not MemberImport.objects.exists()


def test_header_only_file_imports_nobody(association_a, bearer_a):
    member_import = direct_import(association_a, bearer_a, csv_bytes([]))

    assert (member_import.status, member_import.imported_count, member_import.total_rows) == (ImportStatus.DONE, 0, 0)


def test_damaged_workbook_is_reported(association_a, bearer_a, upload):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        # It declares a workbook, so it passes as .xlsx (a zip that does not is refused at upload), but has no sheets.
        archive.writestr("[Content_Types].xml", zipfile.ZipFile(io.BytesIO(xlsx_bytes([]))).read("[Content_Types].xml"))

    upload(SimpleUploadedFile("members.xlsx", out.getvalue(), content_type=XLSX_MIME))

    member_import = MemberImport.objects.get()
    assert member_import.status == ImportStatus.FAILED
    assert member_import.errors[0]["message"] == "The Excel file cannot be opened: is it damaged?"


# --- Who may import, and the status page ------------------------------------------------------------------


def test_member_who_is_not_an_office_bearer_gets_403(association_a, member_a, upload):
    response = upload(csv_upload([member_row(1)]), user=member_a)

    assert response.status_code == 403
    assert not MemberImport.objects.exists()
    assert not imported_enterprises().exists()


def test_office_bearer_of_other_association_gets_404(association_a, bearer_b, upload):
    response = upload(csv_upload([member_row(1)]), user=bearer_b)

    assert response.status_code == 404
    assert not MemberImport.objects.exists()


def test_anonymous_visitor_cannot_upload(anonymous, association_a):
    response = anonymous.post(IMPORT_A, {"file": csv_upload([member_row(1)])})

    assert response.url.startswith(reverse("account_login"))
    assert not MemberImport.objects.exists()


@pytest.fixture
def pending_import(association_a, bearer_a):
    return MemberImport.objects.create(
        association=association_a,
        file=ContentFile(csv_bytes([member_row(1)]), name="members.csv"),
        original_name="members.csv",
        uploaded_by=bearer_a,
        total_rows=250,
        processed_rows=100,
    )


def status_url(member_import, slug: str = "tiruppur") -> str:
    return reverse("associations:import_status", args=[slug, member_import.pk])


def test_status_page_polls_with_htmx_while_the_import_runs(client_for, bearer_a, pending_import):
    client = client_for(bearer_a)

    page = client.get(status_url(pending_import)).content.decode()
    partial = client.get(status_url(pending_import), HTTP_HX_REQUEST="true").content.decode()

    assert f'hx-get="{status_url(pending_import)}" hx-trigger="every 2s"' in page
    assert '<progress class="progress" max="250" value="100">' in page
    assert "100 of 250 rows checked" in page
    assert "<html" in page
    assert partial.strip().startswith('<section id="import-status"')
    assert "<html" not in partial
    assert "100 of 250 rows checked" in partial


def test_status_page_stops_polling_when_the_import_is_finished(client_for, bearer_a, pending_import):
    imports.run_import(pending_import)

    partial = client_for(bearer_a).get(status_url(pending_import), HTTP_HX_REQUEST="true").content.decode()

    assert "hx-trigger" not in partial
    assert "1 new member imported." in partial


def test_member_who_is_not_an_office_bearer_gets_403_on_the_status_page(client_for, member_a, pending_import):
    assert client_for(member_a).get(status_url(pending_import)).status_code == 403


def test_office_bearer_of_other_association_gets_404_on_an_import_through_their_own_slug(
    client_for, association_b, bearer_b, pending_import
):
    assert client_for(bearer_b).get(status_url(pending_import, slug="ludhiana")).status_code == 404
    assert client_for(bearer_b).get(status_url(pending_import)).status_code == 404


def test_an_unexpected_failure_marks_the_import_failed_instead_of_processing_for_ever(
    bearer_a, association_a, monkeypatch
):
    from portal.associations import tasks
    from portal.associations.models import ImportStatus, MemberImport

    member_import = MemberImport.objects.create(
        association=association_a,
        file="associations/imports/x/members.csv",
        original_name="members.csv",
        uploaded_by=bearer_a,
    )

    def explode(_member_import):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(tasks, "run_import", explode)
    assert tasks.process_member_import.call(import_id=member_import.pk) == ImportStatus.FAILED
    member_import.refresh_from_db()
    assert member_import.status == ImportStatus.FAILED
    assert "Nothing was imported" in member_import.errors[0]["message"]
