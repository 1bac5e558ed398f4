"""Writes to an association's book. Other apps record income through ``ledger_record`` (service fees,
event fees, DIA tranches); nothing ever updates or deletes a LedgerEntry."""

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core import spreadsheets
from portal.core.audit import audit
from portal.core.errors import ActionRefused
from portal.core.i18n import Msg
from portal.core.money import format_inr, to_rupees
from portal.core.transitions import transition
from portal.core.uploads import validate_upload
from portal.finances import states
from portal.finances.models import (
    BookImport,
    Direction,
    DuesCategory,
    DuesSchedule,
    ExpenseHead,
    ImportStatus,
    IncomeSource,
    Invoice,
    InvoiceStatus,
    LedgerEntry,
    OpeningBalance,
    Payment,
    PaymentMode,
    SustainabilityTarget,
    financial_year_label,
    financial_year_of,
)


@transaction.atomic
def ledger_record(
    *,
    association,
    direction: str,
    category: str,
    amount: Decimal,
    on_date: date,
    description: str,
    reference: str = "",
    by,
) -> LedgerEntry:
    """Add one income or expense line to the association's book (audited)."""
    amount = to_rupees(amount)
    if amount <= 0:
        raise ActionRefused(_("The amount must be more than zero."))
    valid = IncomeSource.values if direction == Direction.INCOME else ExpenseHead.values
    if direction not in Direction.values or category not in valid:
        raise ActionRefused(_("Choose a valid source or head for this entry."))
    entry = LedgerEntry.objects.create(
        association=association,
        direction=direction,
        category=category,
        amount=amount,
        on_date=on_date,
        description=description[:300],
        reference=reference,
        created_by=by if by is not None and by.is_authenticated else None,
    )
    audit(actor=by, action="finances.ledger_recorded", target=entry, association=association, amount=str(amount))
    return entry


@transaction.atomic
def ledger_correct(*, entry: LedgerEntry, amount: Decimal | None = None, reason: str, by) -> LedgerEntry:
    """Reverse all (or ``amount`` of) an entry with a new, negative entry that points at it."""
    if not reason.strip():
        raise ActionRefused(_("Say why the entry is being corrected."))
    entry = LedgerEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.corrects_id:
        raise ActionRefused(_("A correction cannot itself be corrected; record a new entry instead."))
    already = entry.corrections.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    remaining = entry.amount + already
    amount = remaining if amount is None else to_rupees(amount)
    if amount <= 0 or amount > remaining:
        raise ActionRefused(_("A correction can reverse at most %(left)s.") % {"left": format_inr(remaining)})
    correction = LedgerEntry.objects.create(
        association=entry.association,
        direction=entry.direction,
        category=entry.category,
        amount=-amount,
        on_date=entry.on_date,
        description=(_("Correction: %(reason)s") % {"reason": reason})[:300],
        reference=entry.reference,
        corrects=entry,
        created_by=by if by is not None and by.is_authenticated else None,
    )
    audit(actor=by, action="finances.ledger_corrected", target=correction, association=entry.association, reason=reason)
    return correction


# Opening balance and target ----------------------------------------------------------------------------------


@transaction.atomic
def opening_balance_set(*, association, amount: Decimal, as_of: date, by) -> OpeningBalance:
    """Declare (or re-declare) the balance the association's reserves start from."""
    amount = to_rupees(amount)
    balance, _created = OpeningBalance.objects.update_or_create(
        association=association, defaults={"amount": amount, "as_of": as_of, "declared_by": by}
    )
    audit(
        actor=by,
        action="finances.opening_balance_set",
        target=balance,
        association=association,
        amount=str(amount),
        as_of=as_of.isoformat(),
    )
    return balance


@transaction.atomic
def target_set(*, association, target_year: int, by) -> SustainabilityTarget:
    """Set the financial year by which the association means to cover its running costs without grants."""
    this_year = financial_year_of(timezone.localdate())
    if not this_year < target_year <= this_year + 15:
        raise ActionRefused(_("Choose a financial year after this one and within fifteen years."))
    target, _created = SustainabilityTarget.objects.update_or_create(
        association=association, defaults={"target_year": target_year, "set_by": by}
    )
    audit(actor=by, action="finances.target_set", target=target, association=association, target_year=target_year)
    return target


# Dues ----------------------------------------------------------------------------------------------------------


def default_prefix(association) -> str:
    """Initials of the association's name: Tiruppur Knitwear Manufacturers Association → TKMA."""
    initials = "".join(word[0] for word in re.findall(r"[A-Za-z]+", association.name) if word[0].isupper())
    return (initials or "DUES")[:8].upper()


@transaction.atomic
def dues_schedule_save(
    *, association, financial_year: int, invoice_prefix: str, due_days: int, categories: list[dict], by
) -> DuesSchedule:
    """Create or change a year's dues schedule: its categories (name, MSME category or default, amount).

    Once invoices are raised for the year the amounts are fixed: the invoices already say them.
    """
    if not categories:
        raise ActionRefused(_("Add at least one category with its annual dues."))
    if sum(1 for c in categories if c.get("is_default")) > 1:
        raise ActionRefused(_("Only one category can be the default."))
    msme = [c["msme_category"] for c in categories if c.get("msme_category")]
    if len(msme) != len(set(msme)):
        raise ActionRefused(_("Each MSME category can have only one amount."))
    names = [c["name"].strip().lower() for c in categories]
    if len(names) != len(set(names)):
        raise ActionRefused(_("Give each category a different name."))
    schedule = (
        DuesSchedule.objects.select_for_update().filter(association=association, financial_year=financial_year).first()
    )
    if schedule is not None and schedule.invoices.exists():
        raise ActionRefused(_("Invoices for this year are already raised; the schedule can no longer change."))
    if schedule is None:
        schedule = DuesSchedule(association=association, financial_year=financial_year, created_by=by)
    schedule.invoice_prefix = invoice_prefix.strip().upper()
    schedule.due_days = due_days
    schedule.save()
    schedule.categories.all().delete()
    DuesCategory.objects.bulk_create(
        [
            DuesCategory(
                schedule=schedule,
                name=c["name"].strip(),
                msme_category=c.get("msme_category") or "",
                is_default=bool(c.get("is_default")),
                amount=to_rupees(c["amount"]),
            )
            for c in categories
        ]
    )
    audit(
        actor=by,
        action="finances.dues_schedule_saved",
        target=schedule,
        association=association,
        categories=[{"name": c["name"], "amount": str(to_rupees(c["amount"]))} for c in categories],
    )
    return schedule


@transaction.atomic
def invoices_raise(*, schedule: DuesSchedule, by, issued_on: date | None = None, notify_members: bool = True) -> int:
    """Raise the year's dues invoice for every active member not yet invoiced; returns how many were raised.

    Safe to run again (new members get theirs; nobody gets two): the schedule row is locked while numbering,
    and a unique constraint on (association, enterprise, year) backs it.
    """
    from portal.associations.models import Membership
    from portal.enterprises.models import EnterpriseUser

    schedule = DuesSchedule.objects.select_for_update().select_related("association").get(pk=schedule.pk)
    association = schedule.association
    categories = list(schedule.categories.all())
    by_msme = {c.msme_category: c for c in categories if c.msme_category}
    default = next((c for c in categories if c.is_default), None)
    issued_on = issued_on or timezone.localdate()
    already = Invoice.objects.filter(association=association, financial_year=schedule.financial_year)
    members = (
        Membership.objects.active()
        .filter(association=association)
        .exclude(enterprise__in=already.values("enterprise"))
        .select_related("enterprise")
        .order_by("enterprise__name", "enterprise_id")
    )
    last = already.aggregate(n=Max("sequence"))["n"] or 0
    label = financial_year_label(schedule.financial_year)
    invoices = []
    for membership in members:
        category = by_msme.get(membership.enterprise.category, default)
        if category is None:
            continue
        last += 1
        invoices.append(
            Invoice(
                association=association,
                enterprise=membership.enterprise,
                schedule=schedule,
                financial_year=schedule.financial_year,
                sequence=last,
                number=f"{schedule.invoice_prefix}/{label}/{last:04d}",
                category_name=category.name,
                amount=category.amount,
                issued_on=issued_on,
                due_on=issued_on + timedelta(days=schedule.due_days),
                created_by=by,
            )
        )
    Invoice.objects.bulk_create(invoices)
    audit(
        actor=by,
        action="finances.invoices_raised",
        target=schedule,
        association=association,
        count=len(invoices),
    )
    if invoices and notify_members:
        from django.urls import reverse

        from portal.notifications.services import notify

        users = [
            person.user
            for person in EnterpriseUser.objects.filter(enterprise__in=[i.enterprise for i in invoices]).select_related(
                "user"
            )
        ]
        notify(
            users=users,
            kind="finances.invoice_raised",
            title=Msg("%(association)s: your membership dues for %(year)s", association=association.name, year=label),
            link=reverse("finances:my_invoices"),
        )
    return len(invoices)


@transaction.atomic
def payment_record(*, invoice: Invoice, amount: Decimal, paid_on: date, mode: str, reference: str = "", by) -> Payment:
    """Record money received against an invoice: a receipt, the invoice's status, and dues income in the book."""
    amount = to_rupees(amount)
    invoice = Invoice.objects.select_for_update().select_related("schedule", "association").get(pk=invoice.pk)
    if amount <= 0:
        raise ActionRefused(_("The amount must be more than zero."))
    if amount > invoice.balance:
        raise ActionRefused(
            _("The amount is more than what is due on this invoice (%(due)s).") % {"due": format_inr(invoice.balance)}
        )
    if paid_on > timezone.localdate():
        raise ActionRefused(_("The payment date cannot be in the future."))
    if mode not in PaymentMode.values:
        raise ActionRefused(_("Choose how the money was paid."))
    # Receipts are numbered per association per year under the schedule's lock, like invoices.
    schedule = DuesSchedule.objects.select_for_update().get(pk=invoice.schedule_id)
    count = Payment.objects.filter(invoice__schedule=schedule).count()
    payment = Payment.objects.create(
        invoice=invoice,
        association=invoice.association,
        amount=amount,
        paid_on=paid_on,
        mode=mode,
        reference=reference.strip(),
        receipt_number=f"{schedule.invoice_prefix}/{schedule.label}/R{count + 1:04d}",
        recorded_by=by,
    )
    invoice.amount_paid += amount
    to_status = InvoiceStatus.PAID if invoice.amount_paid >= invoice.amount else InvoiceStatus.PART_PAID
    states.INVOICE.check(invoice.status, to_status)
    invoice.status = to_status
    invoice.save(update_fields=["amount_paid", "status"])
    ledger_record(
        association=invoice.association,
        direction=Direction.INCOME,
        category=IncomeSource.DUES,
        amount=amount,
        on_date=paid_on,
        description=_("Membership dues: %(number)s, %(enterprise)s")
        % {"number": invoice.number, "enterprise": invoice.enterprise.name},
        reference=payment.ledger_reference,
        by=by,
    )
    audit(
        actor=by,
        action="finances.payment_recorded",
        target=payment,
        association=invoice.association,
        invoice=invoice.number,
        amount=str(amount),
    )
    return payment


def dues_send_reminders(*, now=None, every_days: int = 7) -> int:
    """Remind members of open invoices past their due date; an invoice is reminded at most once in ``every_days``.

    The claim on an invoice is a conditional UPDATE, so two runs at once (or a rerun) never remind twice.
    """
    from django.urls import reverse

    from portal.enterprises.models import EnterpriseUser
    from portal.notifications.services import notify

    now = now or timezone.now()
    cutoff = now - timedelta(days=every_days)
    due = Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lte=cutoff)
    candidates = (
        Invoice.objects.open()
        .filter(due, due_on__lt=timezone.localdate(now), association__status="approved")
        .select_related("association")
        .order_by("pk")
    )
    sent = 0
    for invoice in candidates.iterator(chunk_size=500):
        with transaction.atomic():
            if not Invoice.objects.filter(due, pk=invoice.pk).update(last_reminded_at=now):
                continue
            users = [
                p.user
                for p in EnterpriseUser.objects.filter(enterprise_id=invoice.enterprise_id).select_related("user")
            ]
            notify(
                users=users,
                kind="finances.dues_reminder",
                title=Msg(
                    "%(association)s: %(due)s of membership dues is due (invoice %(number)s)",
                    association=invoice.association.name,
                    due=format_inr(invoice.balance),
                    number=invoice.number,
                ),
                link=reverse("finances:invoice", args=[invoice.pk]),
            )
            sent += 1
    return sent


# Import ------------------------------------------------------------------------------------------------------

IMPORT_COLUMNS = ("date", "type", "source/head", "amount", "description")
MAX_IMPORT_ROWS = 5000
PROGRESS_EVERY = 100


def _category_lookup(direction: str) -> dict[str, str]:
    choices = IncomeSource if direction == Direction.INCOME else ExpenseHead
    lookup = {}
    for value, label in choices.choices:
        lookup[value.lower()] = value
        lookup[str(label).lower()] = value
    return lookup


def _parse_date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _parse_amount(value) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    # openpyxl reads numbers as float or int; str() gives the shortest exact text, never float arithmetic.
    text = str(value).strip().replace(",", "").replace("₹", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None
    if not amount.is_finite():
        return None
    return to_rupees(amount)


def _import_bounds() -> spreadsheets.Bounds:
    return spreadsheets.Bounds(max_rows=MAX_IMPORT_ROWS, max_columns=30, max_file_bytes=settings.UPLOAD_MAX_BYTES)


def parse_book_rows(
    uploaded, *, progress: Callable[[int, int], None] | None = None
) -> tuple[list[dict], list[tuple[int, str]]]:
    """Read and check every row of an .xlsx; returns (rows ready for ledger_record, errors by row number).

    ``progress(checked, total)`` is called every ``PROGRESS_EVERY`` rows, so that a job page can show how far
    the check has gone."""
    try:
        table = spreadsheets.read_rows(uploaded, _import_bounds())
    except spreadsheets.SpreadsheetRefused as exc:
        return [], [(0, str(exc))]
    total = max(len(table) - 1, 0)
    rows_iter = iter(table)
    header = next(rows_iter, None)
    wanted = list(IMPORT_COLUMNS)
    if header is None or [str(h or "").strip().lower() for h in header[:5]] != wanted:
        return [], [(1, _("The first row must be the headings: %(columns)s.") % {"columns": ", ".join(wanted)})]
    today = timezone.localdate()
    rows, errors = [], []
    for number, values in enumerate(rows_iter, start=2):
        if progress is not None and number > 2 and (number - 2) % PROGRESS_EVERY == 0:
            progress(number - 2, total)
        values = list(values[:5]) + [None] * (5 - len(values[:5]))
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        if len(rows) + len(errors) >= MAX_IMPORT_ROWS:
            errors.append((number, _("Too many rows: import at most %(n)s at a time.") % {"n": MAX_IMPORT_ROWS}))
            break
        raw_date, raw_type, raw_category, raw_amount, raw_description = values
        problems = []
        on_date = _parse_date(raw_date)
        if on_date is None:
            problems.append(_("the date is missing or not a date (use YYYY-MM-DD or DD/MM/YYYY)"))
        elif on_date > today:
            problems.append(_("the date is in the future"))
        direction = str(raw_type or "").strip().lower()
        category = None
        if direction not in Direction.values:
            problems.append(_("the type must be “income” or “expense”"))
        else:
            category = _category_lookup(direction).get(str(raw_category or "").strip().lower())
            if category is None:
                problems.append(_("“%(value)s” is not a known source or head") % {"value": raw_category or ""})
        amount = _parse_amount(raw_amount)
        if amount is None:
            problems.append(_("the amount is missing or not a number"))
        elif amount <= 0:
            problems.append(_("the amount must be more than zero"))
        elif amount >= Decimal("1000000000000"):
            problems.append(_("the amount is too large"))
        description = str(raw_description or "").strip()
        if not description:
            problems.append(_("the description is missing"))
        elif len(description) > 300:
            problems.append(_("the description is longer than 300 characters"))
        if problems:
            errors.append((number, "; ".join(str(p) for p in problems).capitalize() + "."))
        else:
            rows.append(
                {
                    "direction": direction,
                    "category": category,
                    "amount": amount,
                    "on_date": on_date,
                    "description": description,
                }
            )
    if not rows and not errors:
        errors.append((2, _("The file has no entries under the headings.")))
    return rows, errors


@transaction.atomic
def book_import_start(*, association, uploaded, by) -> BookImport:
    """Store a spreadsheet of book entries and queue its import for the worker.

    Only the cheap checks run here (type and size, then the workbook's zip directory and declared size): the
    rows are read and checked by the worker, in ``book_import_run``."""
    from portal.finances.tasks import process_book_import

    try:
        validate_upload(uploaded, kinds=("xlsx",))
        spreadsheets.inspect(uploaded, _import_bounds())
    except ValidationError as exc:
        raise ActionRefused(exc.messages[0]) from exc
    except spreadsheets.SpreadsheetRefused as exc:
        raise ActionRefused(str(exc)) from exc
    uploaded.seek(0)
    job = BookImport.objects.create(
        association=association, file=uploaded, original_name=uploaded.name[-200:], uploaded_by=by
    )
    transaction.on_commit(lambda: process_book_import.enqueue(import_id=job.pk))
    return job


def book_import_run(job: BookImport) -> BookImport:
    """Check every row of a stored spreadsheet; record all of them in the book in one transaction, or none.

    Any wrong row refuses the whole file: the job ends "failed" with the errors by row and no entry is saved.
    Raises ActionRefused if the job is no longer waiting (it was already run)."""
    association, by = job.association, job.uploaded_by
    with transaction.atomic():
        job = BookImport.objects.select_for_update().get(pk=job.pk)
        transition(job, ImportStatus.RUNNING, by=by, association=association)

    def progress(checked: int, total: int) -> None:
        BookImport.objects.filter(pk=job.pk).update(processed_rows=checked, total_rows=total)

    with job.file.open("rb") as fileobj:
        rows, errors = parse_book_rows(fileobj, progress=progress)
    total = len(rows) + len(errors)
    if errors:
        return book_import_fail(
            job, errors=[{"row": row or None, "message": str(message)} for row, message in errors], total=total
        )
    try:
        with transaction.atomic():
            for row in rows:
                ledger_record(association=association, reference=f"finances.import:{job.pk}", by=by, **row)
            transition(
                job,
                ImportStatus.DONE,
                by=by,
                fields={
                    "total_rows": total,
                    "processed_rows": total,
                    "imported_count": len(rows),
                    "errors": [],
                    "finished_at": timezone.now(),
                },
                # The row the synchronous import wrote: auditors search for this action.
                action="finances.book_imported",
                association=association,
                rows=len(rows),
            )
    except ActionRefused as exc:
        job.refresh_from_db()
        return book_import_fail(job, errors=[{"row": None, "message": exc.message}], total=total)
    return job


def book_import_fail(job: BookImport, *, errors: list[dict], total: int | None = None) -> BookImport:
    """End a waiting or running import as refused, with its errors; nothing of it is in the book."""
    total = job.total_rows if total is None else total
    with transaction.atomic():
        transition(
            job,
            ImportStatus.FAILED,
            by=job.uploaded_by,
            fields={
                "errors": errors,
                "total_rows": total,
                "processed_rows": total,
                "imported_count": 0,
                "finished_at": timezone.now(),
            },
            association=job.association,
            error_count=len(errors),
        )
    return job


def import_template() -> bytes:
    """An .xlsx with the headings, two example rows and the valid sources and heads on a second sheet."""
    from portal.core.exports import Sheet, workbook_bytes

    examples = [
        [date(2026, 4, 5), "income", IncomeSource.SPONSORSHIP.value, 25000, "Trade fair sponsorship"],
        [date(2026, 4, 30), "expense", ExpenseHead.RENT.value, Decimal("18500.50"), "Office rent, April"],
    ]
    codes = [["income", value, str(label)] for value, label in IncomeSource.choices]
    codes += [["expense", value, str(label)] for value, label in ExpenseHead.choices]
    return workbook_bytes(
        [
            Sheet(
                rows=examples,
                headers=list(IMPORT_COLUMNS),
                title="Entries",
                widths=(24,) * 5,
                number_formats={0: "yyyy-mm-dd"},
            ),
            Sheet(rows=codes, headers=["type", "source/head", "meaning"], title="Sources and heads"),
        ]
    )
