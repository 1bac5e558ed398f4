"""Member import: read a CSV or XLSX file, check every row, then import all of it or nothing."""

import csv
import io

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.associations.models import ImportStatus, MemberImport, Membership, MembershipStatus
from portal.core import spreadsheets
from portal.core.audit import audit
from portal.core.identifiers import normalise_udyam
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
    return [row for _number, row in read_numbered_rows(fileobj)]


def read_numbered_rows(fileobj) -> list[tuple[int, dict]]:
    """(row number as the spreadsheet shows it, row) pairs: blank rows are left out but still counted,
    so that the report points at the row the user sees."""
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
        bounds = spreadsheets.Bounds(
            max_rows=settings.MEMBER_IMPORT_MAX_ROWS,
            max_columns=len(COLUMNS) + 20,
            max_file_bytes=settings.UPLOAD_MAX_BYTES,
        )
        try:
            table = [[_cell(v) for v in row] for row in spreadsheets.read_rows(fileobj, bounds)]
        except spreadsheets.SpreadsheetRefused as exc:
            raise ImportFileError(str(exc)) from exc
    else:
        raise ImportFileError(_("Upload a CSV or Excel (.xlsx) file."))
    numbered = [(number, row) for number, row in enumerate(table, start=1) if any(_cell(v) for v in row)]
    if not numbered:
        raise ImportFileError(_("The file has no rows."))
    headers = [_header_key(h) for h in numbered[0][1]]
    missing = REQUIRED_COLUMNS - set(headers)
    if missing:
        raise ImportFileError(
            _("The first row must name the columns; missing: %(missing)s.") % {"missing": ", ".join(sorted(missing))}
        )
    rows = [
        (number, {headers[i]: _cell(v) for i, v in enumerate(row) if i < len(headers)}) for number, row in numbered[1:]
    ]
    if len(rows) > settings.MEMBER_IMPORT_MAX_ROWS:
        raise ImportFileError(
            _("The file has %(n)s rows; import at most %(max)s at a time.")
            % {"n": len(rows), "max": settings.MEMBER_IMPORT_MAX_ROWS}
        )
    return rows


def run_import(member_import: MemberImport) -> MemberImport:
    """Check every row; if all are good, create enterprises and memberships in one transaction."""
    member_import.status = ImportStatus.RUNNING
    member_import.save(update_fields=["status"])
    try:
        with member_import.file.open("rb") as fileobj:
            numbered_rows = read_numbered_rows(fileobj)
    except ImportFileError as exc:
        return _finish(member_import, errors=[{"row": None, "field": None, "message": str(exc)}])

    rows = [row for _number, row in numbered_rows]
    member_import.total_rows = len(rows)
    member_import.save(update_fields=["total_rows"])
    sectors, states = ImportRowForm.lookups()
    udyams = [normalise_udyam(r.get("udyam_number", "")) for r in rows]
    existing = {e.udyam_number: e for e in Enterprise.objects.filter(udyam_number__in=udyams)}
    members = set(
        Membership.objects.filter(association=member_import.association, enterprise__in=existing.values()).values_list(
            "enterprise__udyam_number", flat=True
        )
    )
    errors, seen, seen_gstins, plan = [], {}, {}, []
    for index, (number, row) in enumerate(numbered_rows):
        udyam = udyams[index]
        if index and index % 100 == 0:
            member_import.processed_rows = index
            member_import.save(update_fields=["processed_rows"])
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
            gstin = form.cleaned_data.get("gstin")
            if gstin and gstin in seen_gstins:
                # Two new rows with one GSTIN would break its unique constraint at save: say so here.
                errors.append(
                    {
                        "row": number,
                        "field": "gstin",
                        "message": _("Same GSTIN as row %(row)s.") % {"row": seen_gstins[gstin]},
                    }
                )
                continue
            if gstin:
                seen_gstins[gstin] = number
            plan.append(("new", form, row))
        else:
            for field, messages in form.errors.items():
                for message in messages:
                    errors.append({"row": number, "field": None if field == "__all__" else field, "message": message})
    if errors:
        return _finish(member_import, errors=errors)

    try:
        imported = _import_plan(member_import, plan, members, total=len(rows))
    except IntegrityError:
        # Someone added one of these enterprises between the check and the save: nothing was imported.
        message = _("An enterprise in this file was added to the portal meanwhile. Upload the file again.")
        return _finish(member_import, errors=[{"row": None, "field": None, "message": message}])
    return _finish(member_import, errors=[], imported=imported)


def _import_plan(member_import: MemberImport, plan: list, members: set, *, total: int) -> int:
    from portal.associations.services import invitation_create

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
            rows=total,
            imported=imported,
        )
    return imported


def _finish(member_import: MemberImport, *, errors: list, imported: int = 0) -> MemberImport:
    member_import.errors = errors
    member_import.imported_count = imported
    member_import.processed_rows = member_import.total_rows
    member_import.status = ImportStatus.FAILED if errors else ImportStatus.DONE
    member_import.finished_at = timezone.now()
    member_import.save(update_fields=["errors", "imported_count", "processed_rows", "status", "finished_at"])
    return member_import
