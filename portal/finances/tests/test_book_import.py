"""Book import: the request stores the spreadsheet and queues it; the worker imports every row or none."""

import io
import re
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from portal.core.errors import ActionRefused
from portal.core.models import AuditLog
from portal.finances import services
from portal.finances.models import BookImport, ImportStatus, LedgerEntry
from portal.finances.tasks import process_book_import

HEADINGS = ("date", "type", "source/head", "amount", "description")
DATABASE_QUEUE = {"default": {"BACKEND": "portal.ops.taskbackend.DatabaseBackend"}}


def workbook(rows, header=HEADINGS, name="book.xlsx") -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


GOOD_ROWS = [
    (date(2025, 4, 5), "income", "sponsorship", 25000, "Fair sponsorship"),
    ("30/04/2025", "Expense", "Rent and utilities", 18500.5, "Rent"),
    ("2025-05-01", "income", "other_income", "1,234.565", "Interest"),
]


def import_url(association):
    return reverse("finances:book_import", args=[association.slug])


def status_url(job):
    return reverse("finances:book_import_status", args=[job.association.slug, job.pk])


@pytest.fixture
def start(django_capture_on_commit_callbacks):
    """Start an import as the view does and let the (immediate) worker run it once the request commits."""

    def run(association, by, uploaded) -> BookImport:
        with django_capture_on_commit_callbacks(execute=True):
            job = services.book_import_start(association=association, uploaded=uploaded, by=by)
        job.refresh_from_db()
        return job

    return run


# The service and the task --------------------------------------------------------------------------------------


def test_an_import_records_every_row_in_the_worker(start, association_a, bearer_a):
    job = start(association_a, bearer_a, workbook(GOOD_ROWS))
    assert (job.status, job.total_rows, job.processed_rows, job.imported_count) == (ImportStatus.DONE, 3, 3, 3)
    assert job.finished_at is not None and job.errors == []
    entries = LedgerEntry.objects.filter(reference=f"finances.import:{job.pk}").order_by("on_date")
    assert [(e.category, str(e.amount)) for e in entries] == [
        ("sponsorship", "25000.00"),
        ("rent", "18500.50"),
        ("other_income", "1234.57"),
    ]
    imported = AuditLog.objects.get(action="finances.book_imported", target_id=str(job.pk))
    assert imported.data["rows"] == 3
    assert imported.association_id == association_a.pk


def test_a_wrong_row_imports_nothing_and_lists_every_error_by_row(start, association_a, bearer_a):
    future = timezone.localdate() + timedelta(days=3)
    job = start(
        association_a,
        bearer_a,
        workbook(
            [
                (date(2025, 4, 5), "income", "sponsorship", 25000, "Good row"),
                ("yesterday", "income", "sponsorship", 100, "Bad date"),
                (date(2025, 4, 5), "gift", "sponsorship", 100, "Bad type"),
                (date(2025, 4, 5), "income", "rent", 100, "Head of the wrong type"),
                (date(2025, 4, 5), "expense", "rent", -5, "Negative"),
                (future, "expense", "rent", 5, ""),
            ]
        ),
    )
    assert job.status == ImportStatus.FAILED
    assert [error["row"] for error in job.errors] == [3, 4, 5, 6, 7]
    assert "future" in job.errors[-1]["message"] and "description" in job.errors[-1]["message"]
    assert (job.imported_count, job.total_rows) == (0, 6)
    assert not LedgerEntry.objects.exists()
    assert not AuditLog.objects.filter(action="finances.book_imported").exists()
    assert AuditLog.objects.filter(action="finances.book_import.failed", target_id=str(job.pk)).exists()


def test_wrong_headings_fail_in_the_worker(start, association_a, bearer_a):
    job = start(association_a, bearer_a, workbook([], header=("when", "what")))
    assert job.status == ImportStatus.FAILED
    assert job.errors[0]["row"] == 1 and "headings" in job.errors[0]["message"]
    assert not LedgerEntry.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused_before_anything_is_stored(association_a, bearer_a):
    with pytest.raises(ActionRefused):
        services.book_import_start(
            association=association_a, uploaded=SimpleUploadedFile("book.xlsx", b"date,type\n"), by=bearer_a
        )
    assert not BookImport.objects.exists()


def test_a_workbook_declaring_a_huge_sheet_is_refused_before_anything_is_stored(association_a, bearer_a):
    book = Workbook()
    book.active.append(list(HEADINGS))
    book.active["A200000"] = "x"  # declares a dimension far beyond the rows the portal reads
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ActionRefused, match="rows"):
        services.book_import_start(
            association=association_a, uploaded=SimpleUploadedFile("big.xlsx", buffer.getvalue()), by=bearer_a
        )
    assert not BookImport.objects.exists()


def test_the_template_imports_cleanly(start, association_a, bearer_a):
    job = start(association_a, bearer_a, SimpleUploadedFile("template.xlsx", services.import_template()))
    assert (job.status, job.imported_count) == (ImportStatus.DONE, 2)


def test_a_job_runs_only_once(start, association_a, bearer_a):
    job = start(association_a, bearer_a, workbook(GOOD_ROWS))
    assert process_book_import.call(import_id=job.pk) == ImportStatus.DONE
    assert LedgerEntry.objects.count() == 3


def test_a_crash_in_the_worker_leaves_the_job_failed_and_the_book_untouched(
    association_a, bearer_a, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(services, "parse_book_rows", broken)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.book_import_start(association=association_a, uploaded=workbook(GOOD_ROWS), by=bearer_a)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert job.errors[0]["row"] is None and "Nothing was imported" in job.errors[0]["message"]
    assert not LedgerEntry.objects.exists()


# The pages -----------------------------------------------------------------------------------------------------


def test_the_upload_redirects_to_the_job_page_which_shows_the_result(
    client_for, bearer_a, association_a, django_capture_on_commit_callbacks
):
    client = client_for(bearer_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(import_url(association_a), {"file": workbook(GOOD_ROWS)})
    job = BookImport.objects.get()
    assert response.status_code == 302 and response.url == status_url(job)
    page = client.get(response.url)
    assert page.status_code == 200
    assert "3 entries imported into the book." in page.text
    assert status_url(job) + '" hx-trigger' not in page.text  # finished: no more polling
    assert LedgerEntry.objects.filter(association=association_a).count() == 3


def test_with_the_database_queue_the_request_records_nothing_and_the_worker_does(
    reference_data, client_for, bearer_a, association_a, settings
):
    # Real commits (the worker command closes the connection, as a separate process would).
    settings.TASKS = DATABASE_QUEUE
    client = client_for(bearer_a)
    response = client.post(import_url(association_a), {"file": workbook(GOOD_ROWS)})
    job = BookImport.objects.get()
    assert response.status_code == 302
    assert job.status == ImportStatus.PENDING
    assert not LedgerEntry.objects.exists()

    page = client.get(response.url)
    assert f'hx-get="{status_url(job)}"' in page.text and 'hx-trigger="every 2s"' in page.text
    partial = client.get(response.url, headers={"HX-Request": "true"})
    assert partial.text.lstrip().startswith("<section") and "<html" not in partial.text

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert LedgerEntry.objects.filter(reference=f"finances.import:{job.pk}").count() == 3


def test_the_job_page_lists_errors_by_row(client_for, bearer_a, association_a, django_capture_on_commit_callbacks):
    uploaded = workbook(
        [("2025-04-01", "income", "dues", 100, "fine"), ("2025-04-01", "income", "rent", 100, "wrong head")]
    )
    client = client_for(bearer_a)
    with django_capture_on_commit_callbacks(execute=True):
        redirect = client.post(import_url(association_a), {"file": uploaded})
    response = client.get(redirect.url)
    assert "Nothing was imported" in response.text
    assert "Row 3" in response.text and "not a known source or head" in response.text
    assert not LedgerEntry.objects.exists()


def test_a_non_workbook_is_refused_next_to_the_field(client_for, bearer_a, association_a):
    response = client_for(bearer_a).post(
        import_url(association_a), {"file": SimpleUploadedFile("book.xlsx", b"date,type\n")}
    )
    assert response.status_code == 200
    assert "not a" in response.text
    assert not BookImport.objects.exists()


def test_another_associations_office_bearer_gets_404_on_the_job_page(
    start, client_for, bearer_b, bearer_a, association_a
):
    job = start(association_a, bearer_a, workbook(GOOD_ROWS))
    assert client_for(bearer_b).get(status_url(job)).status_code == 404
    assert client_for(bearer_b).post(import_url(association_a), {"file": workbook(GOOD_ROWS)}).status_code == 404


def test_an_office_bearer_cannot_reach_another_associations_job_through_their_own_slug(
    start, client_for, bearer_a, association_a, bearer_b, association_b
):
    job = start(association_a, bearer_a, workbook(GOOD_ROWS))
    url = reverse("finances:book_import_status", args=[association_b.slug, job.pk])
    assert client_for(bearer_b).get(url).status_code == 404


def test_a_member_is_refused_the_job_page_and_the_upload(start, client_for, member_a, bearer_a, association_a):
    job = start(association_a, bearer_a, workbook(GOOD_ROWS))
    client = client_for(member_a)
    assert client.get(status_url(job)).status_code == 403
    assert client.post(import_url(association_a), {"file": workbook(GOOD_ROWS)}).status_code == 403
    assert BookImport.objects.count() == 1


def test_the_job_page_runs_a_fixed_number_of_queries(
    start, client_for, bearer_a, association_a, django_assert_max_num_queries
):
    rows = [("2025-04-01", "income", "rent", 100, f"wrong head {n}") for n in range(30)]
    job = start(association_a, bearer_a, workbook(rows))
    assert len(job.errors) == 30
    client = client_for(bearer_a)
    client.get(status_url(job))
    with django_assert_max_num_queries(12):
        response = client.get(status_url(job))
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        client.get(import_url(association_a))


def test_the_pages_have_no_inline_scripts_styles_or_handlers(start, client_for, bearer_a, association_a):
    job = start(association_a, bearer_a, workbook(GOOD_ROWS))
    client = client_for(bearer_a)
    for url in (status_url(job), import_url(association_a)):
        text = client.get(url).text
        assert not re.search(r"\sstyle=\"|\son[a-z]+=\"", text), url
        assert not re.search(r"<script(?![^>]*\b(src|nonce)=)", text), url
