"""The one place uploads are checked: by their real content, never by their name, and by size."""

import re
import zipfile
import zlib

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

KINDS = {
    "pdf": {"application/pdf"},
    "image": {"image/jpeg", "image/png", "image/webp"},
    "csv": {"text/csv"},
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
}
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_WORKBOOK_PART = XLSX_MIME + ".main+xml"

KIND_LABELS = {"pdf": "PDF", "image": "JPEG, PNG or WebP image", "csv": "CSV", "xlsx": "Excel (.xlsx)"}


def _is_workbook(uploaded) -> bool:
    """True when the zip declares an Excel workbook part, as openpyxl itself requires."""
    try:
        with zipfile.ZipFile(uploaded) as archive, archive.open("[Content_Types].xml") as part:
            content_types = part.read(1024 * 1024)
    except (KeyError, OSError, ValueError, zipfile.BadZipFile):
        return False
    finally:
        uploaded.seek(0)
    return XLSX_WORKBOOK_PART.encode() in content_types


def detect_mime(uploaded) -> str | None:
    """The file's type from its first bytes; CSV (plain text) is recognised by decoding it."""
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    guess = filetype.guess(head)
    if guess is not None:
        if guess.mime in ("application/zip", XLSX_MIME):
            # xlsx is a zip, and filetype names it only when it sees the content types part early: any other
            # zip (an archive of executables, a Word file) must not pass as a workbook, so look inside.
            return XLSX_MIME if _is_workbook(uploaded) else "application/zip"
        return guess.mime
    if b"\x00" in head:
        return None
    try:
        head.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            head.decode("cp1252")
        except UnicodeDecodeError:
            return None
    return "text/csv"


# PDF names that run code or act on their own: JavaScript, launching programs, actions on open/close/page events.
# (An /OpenAction that only opens a page is harmless; one that runs script names /JavaScript or /JS.)
PDF_ACTIVE_NAMES = re.compile(rb"/(JavaScript|JS|Launch|AA)(?![A-Za-z0-9])")
PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
PDF_MAX_INFLATED = 50 * 1024 * 1024  # bytes of decompressed streams looked at, in all


def _unescape_names(data: bytes) -> bytes:
    """``/J#61vaScript`` is ``/JavaScript``: PDF names may hide letters as #xx."""
    return PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)


def pdf_active_content(data: bytes) -> bool:
    """True when the PDF holds JavaScript or launch/automatic actions, in its objects or inside compressed
    (FlateDecode) streams such as object streams, where a writer may tuck the catalogue's /OpenAction."""
    if PDF_ACTIVE_NAMES.search(_unescape_names(data)):
        return True
    budget = PDF_MAX_INFLATED
    for match in PDF_STREAM.finditer(data):
        inflater = zlib.decompressobj()
        try:
            inflated = inflater.decompress(match.group(1), budget)
        except zlib.error:
            continue  # not a Flate stream (an image, say): nothing to read
        budget -= len(inflated)
        if PDF_ACTIVE_NAMES.search(_unescape_names(inflated)):
            return True
        if budget <= 0:
            return True  # a "zip bomb" of a PDF is refused rather than read without end
    return False


def validate_upload(uploaded, *, kinds: tuple[str, ...], max_bytes: int | None = None) -> str:
    """Check an uploaded file; return its detected MIME type or raise ValidationError."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    allowed = set().union(*(KINDS[kind] for kind in kinds))
    wanted = " or ".join(KIND_LABELS[kind] for kind in kinds)
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the largest allowed is %(max)s.")
            % {"size": filesizeformat(uploaded.size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    mime = detect_mime(uploaded)
    if mime not in allowed:
        raise ValidationError(
            _("This file is not a %(wanted)s (whatever its name says). Please upload a %(wanted)s.")
            % {"wanted": wanted},
            code="wrong_type",
        )
    if mime.startswith("image/"):
        try:
            with Image.open(uploaded) as image:
                image.verify()
        except Exception as exc:  # Pillow raises many kinds for broken images
            raise ValidationError(_("The image is damaged and cannot be opened."), code="broken_image") from exc
        finally:
            uploaded.seek(0)
    if mime == "application/pdf":
        uploaded.seek(0)
        if not uploaded.read(5).startswith(b"%PDF-"):
            raise ValidationError(_("The PDF is damaged and cannot be opened."), code="broken_pdf")
        uploaded.seek(0)
        active = pdf_active_content(uploaded.read())
        uploaded.seek(0)
        if active:
            from portal.core.audit import security_event

            security_event(kind="upload_refused", reason="pdf_active_content", name=str(uploaded.name)[-200:])
            raise ValidationError(
                _(
                    "This PDF contains JavaScript or actions that run on their own, which the portal does not "
                    "accept. Print it to a new PDF (or save it as PDF/A) and upload that."
                ),
                code="pdf_active_content",
            )
    return mime
