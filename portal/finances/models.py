import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    INCOME = "income", _("Income")
    EXPENSE = "expense", _("Expense")


class IncomeSource(models.TextChoices):
    DUES = "dues", _("Membership dues")
    SERVICE_FEES = "service_fees", _("Service fees")
    EVENT_FEES = "event_fees", _("Event and training fees")
    SPONSORSHIP = "sponsorship", _("Sponsorship")
    ADVERTISING = "advertising", _("Advertising and publications")
    GRANT_DIA = "grant_dia", _("Grant: DIA support (SIDBI)")
    GRANT_OTHER = "grant_other", _("Grant: other")
    OTHER = "other_income", _("Other income")


# Grants are the income an association does not earn itself; everything else is self-earned.
GRANT_SOURCES = frozenset({IncomeSource.GRANT_DIA, IncomeSource.GRANT_OTHER})


class ExpenseHead(models.TextChoices):
    STAFF = "staff", _("Staff salaries")
    RENT = "rent", _("Rent and utilities")
    OFFICE = "office", _("Office and administration")
    EVENTS = "events", _("Events and trainings")
    SERVICES = "services", _("Cost of services delivered")
    TRAVEL = "travel", _("Travel")
    EQUIPMENT = "equipment", _("Equipment and infrastructure")
    OTHER = "other_expense", _("Other expenses")


# Capital spending is not a running cost: cost coverage divides by running costs only.
CAPITAL_HEADS = frozenset({ExpenseHead.EQUIPMENT})


class LedgerEntryQuerySet(models.QuerySet):
    def income(self):
        return self.filter(direction=Direction.INCOME)

    def expenses(self):
        return self.filter(direction=Direction.EXPENSE)

    def self_earned(self):
        return self.income().exclude(category__in=GRANT_SOURCES)


class LedgerEntry(models.Model):
    """One line of an association's book. Never edited or deleted: a correction is a new entry that reverses it."""

    association = models.ForeignKey("associations.Association", on_delete=models.PROTECT, related_name="ledger")
    direction = models.CharField(max_length=7, choices=Direction.choices)
    # An IncomeSource value for income, an ExpenseHead value for expenses.
    category = models.CharField(_("source or head"), max_length=20, db_index=True)
    amount = models.DecimalField(_("amount (₹)"), max_digits=14, decimal_places=2)
    on_date = models.DateField(_("date"), db_index=True)
    description = models.CharField(_("description"), max_length=300)
    # Where the entry came from, e.g. "services.booking:12", "support.tranche:3", "import:2026-04.xlsx".
    reference = models.CharField(max_length=80, blank=True, db_index=True)
    corrects = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-on_date", "-pk"]
        indexes = [models.Index(fields=["association", "on_date"])]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=Decimal("0")), name="ledger_amount_not_zero"),
            # Only a correction may be negative (it reverses all or part of an earlier entry).
            models.CheckConstraint(
                condition=Q(amount__gt=Decimal("0")) | Q(corrects__isnull=False),
                name="ledger_negative_only_corrections",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on_date} {self.get_direction_display()} {self.category} {self.amount}"


# Membership dues ---------------------------------------------------------------------------------------------


def financial_year_of(day) -> int:
    """The Indian financial year (April to March) a date falls in, named by the year it starts: 2026 = 2026-27."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


class OpeningBalance(models.Model):
    """The cash and bank balance an association declares at a date; reserves start from it."""

    association = models.OneToOneField(
        "associations.Association", on_delete=models.PROTECT, related_name="opening_balance"
    )
    amount = models.DecimalField(_("opening balance (₹)"), max_digits=14, decimal_places=2)
    as_of = models.DateField(_("as of"))
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    declared_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.association}: {self.amount} on {self.as_of}"


class SustainabilityTarget(models.Model):
    """The financial year by which the association means to cover its running costs without grants."""

    association = models.OneToOneField(
        "associations.Association", on_delete=models.PROTECT, related_name="sustainability_target"
    )
    # The financial year by its starting year: 2029 means FY 2029-30.
    target_year = models.PositiveSmallIntegerField(_("target financial year"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.association}: FY {financial_year_label(self.target_year)}"


class DuesSchedule(models.Model):
    """An association's annual membership dues for one financial year, by member category."""

    association = models.ForeignKey("associations.Association", on_delete=models.PROTECT, related_name="dues_schedules")
    financial_year = models.PositiveSmallIntegerField(_("financial year"))
    invoice_prefix = models.CharField(
        _("invoice number prefix"),
        max_length=12,
        help_text=_("Letters and digits, e.g. TKMA: invoices are numbered TKMA/2026-27/0001."),
    )
    due_days = models.PositiveSmallIntegerField(_("days to pay"), default=30)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-financial_year"]
        constraints = [
            models.UniqueConstraint(fields=["association", "financial_year"], name="dues_schedule_once_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.association}: dues {self.label}"

    @property
    def label(self) -> str:
        return financial_year_label(self.financial_year)


class DuesCategory(models.Model):
    """One category of member in a dues schedule (micro, small, medium or the association's own) and its amount."""

    schedule = models.ForeignKey(DuesSchedule, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("category"), max_length=80)
    # Enterprises of this MSME category pay this amount; blank for a category matched by default.
    msme_category = models.CharField(
        _("for MSME category"),
        max_length=10,
        blank=True,
        choices=[("micro", _("Micro")), ("small", _("Small")), ("medium", _("Medium"))],
    )
    is_default = models.BooleanField(
        _("default category"), default=False, help_text=_("Members of no other category pay this.")
    )
    amount = models.DecimalField(_("annual dues (₹)"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["amount", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=Decimal("0")), name="dues_category_amount_positive"),
            models.UniqueConstraint(fields=["schedule", "name"], name="dues_category_name_unique"),
            models.UniqueConstraint(
                fields=["schedule", "msme_category"], condition=~Q(msme_category=""), name="dues_category_msme_unique"
            ),
            models.UniqueConstraint(
                fields=["schedule"], condition=Q(is_default=True), name="dues_category_one_default"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount}"


class InvoiceStatus(models.TextChoices):
    UNPAID = "unpaid", _("Unpaid")
    PART_PAID = "part_paid", _("Part-paid")
    PAID = "paid", _("Paid")


class InvoiceQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=InvoiceStatus.PAID)

    def of_member(self, user):
        """Invoices addressed to the enterprises the user acts for."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(enterprise__in=user.enterprise_roles.values("enterprise"))

    def of_office(self, user):
        """Invoices of the approved associations the user works for (office-bearer or staff)."""
        from portal.associations.models import Association

        if not user.is_authenticated:
            return self.none()
        return self.filter(association__in=Association.objects.managed_by(user).values("pk"))

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(pk__in=self.of_member(user).values("pk")) | Q(pk__in=self.of_office(user).values("pk")))


class Invoice(models.Model):
    """A member enterprise's dues invoice for one financial year, numbered per association per year."""

    association = models.ForeignKey("associations.Association", on_delete=models.PROTECT, related_name="invoices")
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.PROTECT, related_name="dues_invoices")
    schedule = models.ForeignKey(DuesSchedule, on_delete=models.PROTECT, related_name="invoices")
    financial_year = models.PositiveSmallIntegerField(_("financial year"))
    sequence = models.PositiveIntegerField()
    number = models.CharField(_("invoice number"), max_length=40)
    category_name = models.CharField(_("category"), max_length=80)
    amount = models.DecimalField(_("amount (₹)"), max_digits=14, decimal_places=2)
    amount_paid = models.DecimalField(_("paid (₹)"), max_digits=14, decimal_places=2, default=Decimal("0"))
    status = models.CharField(max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.UNPAID, db_index=True)
    issued_on = models.DateField(_("issued on"))
    due_on = models.DateField(_("due on"))
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        ordering = ["-financial_year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "financial_year", "sequence"], name="invoice_sequence_unique"
            ),
            models.UniqueConstraint(fields=["association", "number"], name="invoice_number_unique"),
            # One dues invoice per member per year: raising the year's invoices twice adds nothing.
            models.UniqueConstraint(
                fields=["association", "enterprise", "financial_year"], name="invoice_once_per_member_year"
            ),
            models.CheckConstraint(condition=Q(amount__gt=Decimal("0")), name="invoice_amount_positive"),
            models.CheckConstraint(
                condition=Q(amount_paid__gte=Decimal("0")) & Q(amount_paid__lte=models.F("amount")),
                name="invoice_paid_within_amount",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("finances:invoice", args=[self.pk])

    @property
    def balance(self) -> Decimal:
        return self.amount - self.amount_paid

    @property
    def year_label(self) -> str:
        return financial_year_label(self.financial_year)


class PaymentMode(models.TextChoices):
    BANK = "bank", _("Bank transfer (NEFT/RTGS/IMPS)")
    UPI = "upi", _("UPI")
    CHEQUE = "cheque", _("Cheque or demand draft")
    CASH = "cash", _("Cash")
    CARD = "card", _("Card")
    OTHER = "other", _("Other")


class Payment(models.Model):
    """Money received against a dues invoice; recorded in the book as income from dues, with a receipt."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    association = models.ForeignKey("associations.Association", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(_("amount (₹)"), max_digits=14, decimal_places=2)
    paid_on = models.DateField(_("paid on"), db_index=True)
    mode = models.CharField(_("mode"), max_length=10, choices=PaymentMode.choices)
    reference = models.CharField(_("reference (UTR, cheque number)"), max_length=80, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=40)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["paid_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=Decimal("0")), name="payment_amount_positive"),
            models.UniqueConstraint(fields=["association", "receipt_number"], name="receipt_number_unique"),
        ]

    def __str__(self) -> str:
        return self.receipt_number

    @property
    def ledger_reference(self) -> str:
        return f"finances.payment:{self.pk}"


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be processed")
    RUNNING = "running", _("Processing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Not imported: see the errors")


def book_import_path(instance, filename: str) -> str:
    return f"finances/imports/{secrets.token_hex(8)}/{filename[-80:]}"


class BookImport(models.Model):
    """A spreadsheet of book entries uploaded by an association and imported by the worker, all rows or none;
    the entries point back to it."""

    association = models.ForeignKey("associations.Association", on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to=book_import_path, blank=True)
    original_name = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    imported_count = models.PositiveIntegerField(default=0)
    # [{"row": <row number as the spreadsheet shows it, or None for the file as a whole>, "message": ...}]
    errors = models.JSONField(default=list, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("finances:book_import_status", args=[self.association.slug, self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in {ImportStatus.DONE, ImportStatus.FAILED}
