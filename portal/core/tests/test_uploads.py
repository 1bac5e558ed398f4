"""Uploads are judged by what is inside them, never by their name, and refused with a message that says why."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from PIL import Image

from portal.core.samples import demo_pdf_bytes
from portal.core.uploads import validate_upload

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXE_BYTES = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 48
    + b"This program cannot be run in DOS mode."
)


def image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 40, 40)).save(buffer, fmt)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Name", "Udyam number"])
    workbook.active.append(["A Knit Works", "UDYAM-TN-12-0000001"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    # The browser's content type is as untrustworthy as the name; validate_upload must ignore both.
    return SimpleUploadedFile(name, content, content_type=content_type)


def refusal(uploaded, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_upload(uploaded, **kwargs)
    return caught.value


def test_a_real_pdf_passes_as_a_pdf():
    assert validate_upload(upload("certificate.pdf", demo_pdf_bytes("Certificate")), kinds=("pdf",)) == PDF


@pytest.mark.parametrize(("fmt", "mime"), [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp")])
def test_real_images_pass_as_images(fmt, mime):
    assert validate_upload(upload(f"photo.{fmt.lower()}", image_bytes(fmt)), kinds=("image",)) == mime


def test_file_is_left_at_its_start_after_checking_so_it_can_be_stored_whole():
    content = image_bytes("PNG")
    uploaded = upload("photo.png", content)
    validate_upload(uploaded, kinds=("image",))
    assert uploaded.read() == content


@pytest.mark.parametrize(
    "content",
    [b"This is my certificate, honest.\nSigned, the secretary.\n", EXE_BYTES],
    ids=["text", "windows-executable"],
)
def test_a_file_named_certificate_pdf_that_is_not_a_pdf_is_refused(content):
    error = refusal(upload("certificate.pdf", content, "application/pdf"), kinds=("pdf",))
    assert error.code == "wrong_type"
    assert "not a PDF (whatever its name says)" in error.messages[0]


def test_a_pdf_named_photo_jpg_is_accepted_as_a_pdf_where_pdfs_are_allowed():
    uploaded = upload("photo.jpg", demo_pdf_bytes("Certificate"), "image/jpeg")
    assert validate_upload(uploaded, kinds=("pdf", "image")) == PDF


def test_a_pdf_named_photo_jpg_is_refused_where_only_images_are_allowed():
    error = refusal(upload("photo.jpg", demo_pdf_bytes("Certificate"), "image/jpeg"), kinds=("image",))
    assert error.code == "wrong_type"
    assert "JPEG, PNG or WebP image" in error.messages[0]


def test_an_image_type_the_portal_does_not_take_is_refused():
    assert refusal(upload("scan.gif", image_bytes("GIF")), kinds=("image",)).code == "wrong_type"


def test_an_oversize_file_is_refused_with_its_size_and_the_limit():
    uploaded = upload("certificate.pdf", demo_pdf_bytes("Certificate") + b"\n%" + b"x" * 3 * 1024 * 1024)
    error = refusal(uploaded, kinds=("pdf",), max_bytes=2 * 1024 * 1024)
    assert error.code == "too_large"
    assert error.messages[0] == "The file is 3.0\xa0MB; the largest allowed is 2.0\xa0MB."


def test_the_default_size_limit_comes_from_the_upload_max_bytes_setting(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    uploaded = upload("certificate.pdf", demo_pdf_bytes("Certificate") + b"%" + b"x" * 2048)
    assert refusal(uploaded, kinds=("pdf",)).code == "too_large"


def test_an_empty_file_is_refused():
    error = refusal(upload("certificate.pdf", b""), kinds=("pdf",))
    assert error.code == "empty"
    assert error.messages == ["The file is empty."]


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_a_damaged_image_is_refused_as_damaged(fmt):
    good = image_bytes(fmt)
    broken = good[:16] + b"\x00garbage" * 10
    error = refusal(upload(f"photo.{fmt.lower()}", broken), kinds=("image",))
    assert error.code == "broken_image"
    assert error.messages == ["The image is damaged and cannot be opened."]


def test_a_csv_member_list_is_recognised_as_csv_even_with_indian_scripts():
    content = "Name,Udyam number\nशर्मा उद्योग,UDYAM-UP-12-0000001\nதமிழ் நிட்ஸ்,UDYAM-TN-12-0000002\n".encode()
    assert validate_upload(upload("members.csv", content), kinds=("csv", "xlsx")) == "text/csv"


def test_a_csv_saved_by_older_excel_in_windows_1252_is_recognised_as_csv():
    content = "Name,City\nCafé Udyog,Pune\n".encode("cp1252")
    assert validate_upload(upload("members.csv", content), kinds=("csv",)) == "text/csv"


def test_an_excel_workbook_is_recognised_whatever_its_name():
    assert validate_upload(upload("members.bin", xlsx_bytes()), kinds=("csv", "xlsx")) == XLSX


def test_a_zip_archive_named_xlsx_is_not_taken_for_an_excel_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("setup.exe", EXE_BYTES)
    error = refusal(upload("members.xlsx", buffer.getvalue()), kinds=("csv", "xlsx"))
    assert error.code == "wrong_type"


def test_an_executable_is_not_taken_for_a_csv():
    assert refusal(upload("members.csv", EXE_BYTES), kinds=("csv",)).code == "wrong_type"


def test_a_spreadsheet_is_refused_where_a_pdf_is_wanted():
    assert refusal(ContentFile(xlsx_bytes(), name="certificate.pdf"), kinds=("pdf",)).code == "wrong_type"


def _pdf(body: bytes) -> bytes:
    return b"%PDF-1.7\n" + body + b"\n%%EOF\n"


OPEN_ACTION_JS = b"1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj"


def _object_stream(content: bytes) -> bytes:
    import zlib

    packed = zlib.compress(content)
    return (
        b"5 0 obj << /Type /ObjStm /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed)
        + packed
        + (b"\nendstream\nendobj")
    )


@pytest.mark.parametrize(
    "pdf",
    [
        _pdf(OPEN_ACTION_JS),
        _pdf(b"1 0 obj << /Type /Catalog /Names << /JavaScript 3 0 R >> >> endobj"),
        _pdf(b"1 0 obj << /Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >> >> endobj"),
        _pdf(b"4 0 obj << /Type /Page /AA << /O 6 0 R >> >> endobj"),
        _pdf(b"1 0 obj << /OpenAction << /S /J#61vaScript /J#53 (x) >> >> endobj"),  # names hidden as #xx
        _pdf(_object_stream(OPEN_ACTION_JS)),  # tucked inside a compressed object stream
    ],
    ids=["openaction-js", "names-javascript", "launch", "additional-actions", "escaped-names", "object-stream"],
)
def test_a_pdf_with_javascript_or_launch_actions_is_refused(db, pdf):
    with pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile("notice.pdf", pdf), kinds=("pdf",))
    assert refused.value.code == "pdf_active_content"


def test_an_ordinary_pdf_with_an_open_action_that_only_shows_a_page_is_accepted():
    pdf = _pdf(b"1 0 obj << /Type /Catalog /OpenAction [3 0 R /Fit] /JSON (not a name) >> endobj")
    assert validate_upload(SimpleUploadedFile("plan.pdf", pdf), kinds=("pdf",)) == "application/pdf"
    assert validate_upload(SimpleUploadedFile("c.pdf", demo_pdf_bytes("Certificate")), kinds=("pdf",))
