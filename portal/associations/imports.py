"""Member import: read a CSV or XLSX file, check every row, then import all of it or nothing."""

import csv
import io

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from portal.associations.models import ImportStatus, MemberImport, Membership, MembershipStatus
from portal.core.audit import audit
from portal.core.uploads import detect_mime
from portal.enterprises.forms import ImportRowForm
from portal.enterprises.models import Enterprise

COLUMNS = [
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
    "website",
]
REQUIRED_COLUMNS = {
    "name",
    "udyam_number",
    "pan",
    "category",
    "sector",
    "employees",
    "address",
    "district",
    "state",
    "pin_code",
}
HEADER_ALIASES = {
    "udyam": "udyam_number",
    "udyam_no": "udyam_number",
    "pin": "pin_code",
    "pincode": "pin_code",
    "mobile": "phone",
    "enterprise_name": "name",
    "msme_category": "category",
}


class ImportFileError(Exception):
    """The file as a whole cannot be read (not a row-level problem)."""


def _header_key(value) -> str:
    key = str(value or "").strip().lower().replace(" ", "_").replace("-", "_")
    return HEADER_ALIASES.get(key, key)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_rows(fileobj) -> list[dict]:
    """Rows as dicts keyed by column name, whatever the file type; raises ImportFileError."""
    mime = detect_mime(fileobj)
    fileobj.seek(0)
    if mime == "text/csv":
        raw = fileobj.read()
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportFileError(_("The CSV file is not in UTF-8 text."))
        reader = csv.reader(io.StringIO(text))
        table = list(reader)
    elif mime == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
        try:
            workbook = load_workbook(fileobj, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken workbook
            raise ImportFileError(_("The Excel file cannot be opened: is it damaged?")) from exc
        sheet = workbook.worksheets[0]
        table = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    else:
        raise ImportFileError(_("Upload a CSV or Excel (.xlsx) file."))
    table = [row for row in table if any(_cell(v) for v in row)]
    if not table:
        raise ImportFileError(_("The file has no rows."))
    headers = [_header_key(h) for h in table[0]]
    missing = REQUIRED_COLUMNS - set(headers)
    if missing:
        raise ImportFileError(
            _("The first row must name the columns; missing: %(missing)s.") % {"missing": ", ".join(sorted(missing))}
        )
    rows = [{headers[i]: _cell(v) for i, v in enumerate(row) if i < len(headers)} for row in table[1:]]
    if len(rows) > settings.MEMBER_IMPORT_MAX_ROWS:
        raise ImportFileError(
            _("The file has %(n)s rows; import at most %(max)s at a time.")
            % {"n": len(rows), "max": settings.MEMBER_IMPORT_MAX_ROWS}
        )
    return rows


def run_import(member_import: MemberImport) -> MemberImport:
    """Check every row; if all are good, create enterprises and memberships in one transaction."""
    from portal.associations.services import invitation_create

    member_import.status = ImportStatus.RUNNING
    member_import.save(update_fields=["status"])
    try:
        with member_import.file.open("rb") as fileobj:
            rows = read_rows(fileobj)
    except ImportFileError as exc:
        return _finish(member_import, errors=[{"row": None, "field": None, "message": str(exc)}])

    member_import.total_rows = len(rows)
    member_import.save(update_fields=["total_rows"])
    sectors, states = ImportRowForm.lookups()
    udyams = [r.get("udyam_number", "").replace(" ", "").upper() for r in rows]
    existing = {e.udyam_number: e for e in Enterprise.objects.filter(udyam_number__in=udyams)}
    members = set(
        Membership.objects.filter(association=member_import.association, enterprise__in=existing.values()).values_list(
            "enterprise__udyam_number", flat=True
        )
    )
    errors, seen, plan = [], {}, []
    for number, row in enumerate(rows, start=2):  # row 1 holds the headers
        udyam = udyams[number - 2]
        if udyam and udyam in seen:
            errors.append(
                {
                    "row": number,
                    "field": "udyam_number",
                    "message": _("Same Udyam number as row %(row)s.") % {"row": seen[udyam]},
                }
            )
            continue
        seen[udyam] = number
        if udyam in existing:
            plan.append(("existing", existing[udyam], row))
            continue
        form = ImportRowForm(data={k: row.get(k, "") for k in COLUMNS}, sectors=sectors, states=states)
        if form.is_valid():
            plan.append(("new", form, row))
        else:
            for field, messages in form.errors.items():
                for message in messages:
                    errors.append({"row": number, "field": None if field == "__all__" else field, "message": message})
        if number % 100 == 0:
            member_import.processed_rows = number - 1
            member_import.save(update_fields=["processed_rows"])
    if errors:
        return _finish(member_import, errors=errors)

    imported = 0
    with transaction.atomic():
        for kind, item, row in plan:
            if kind == "new":
                enterprise = item.save()
                Membership.objects.create(
                    association=member_import.association,
                    enterprise=enterprise,
                    status=MembershipStatus.APPROVED,
                    decided_by=member_import.uploaded_by,
                    decided_at=timezone.now(),
                    decision_reason=_("Imported from %(file)s") % {"file": member_import.original_name},
                )
                imported += 1
                email = row.get("email")
            else:
                enterprise, email = item, item.email
                if enterprise.udyam_number in members:
                    continue
            if email:
                invitation_create(
                    association=member_import.association,
                    email=email,
                    by=member_import.uploaded_by,
                    enterprise=enterprise,
                )
        audit(
            actor=member_import.uploaded_by,
            action="member_import.imported",
            target=member_import,
            association=member_import.association,
            rows=len(rows),
            imported=imported,
        )
    return _finish(member_import, errors=[], imported=imported)


def _finish(member_import: MemberImport, *, errors: list, imported: int = 0) -> MemberImport:
    member_import.errors = errors
    member_import.imported_count = imported
    member_import.processed_rows = member_import.total_rows
    member_import.status = ImportStatus.FAILED if errors else ImportStatus.DONE
    member_import.finished_at = timezone.now()
    member_import.save(update_fields=["errors", "imported_count", "processed_rows", "status", "finished_at"])
    return member_import
