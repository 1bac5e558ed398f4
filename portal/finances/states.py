"""Which status may follow which, for dues invoices and book imports (see portal/core/transitions.py)."""

from django.utils.translation import gettext_lazy as _

from portal.core.transitions import state_machine
from portal.finances.models import ImportStatus, InvoiceStatus

# Each payment moves the invoice on; a second part-payment leaves it part-paid. Nothing is paid twice.
INVOICE = state_machine(
    "finances.Invoice",
    InvoiceStatus,
    {
        InvoiceStatus.UNPAID: {InvoiceStatus.PART_PAID, InvoiceStatus.PAID},
        InvoiceStatus.PART_PAID: {InvoiceStatus.PART_PAID, InvoiceStatus.PAID},
        InvoiceStatus.PAID: set(),
    },
    refusal=_("An invoice that is “%(from)s” cannot become “%(to)s”."),
)
# A book import waits for the worker, runs once, and ends imported (every row) or refused (none).
BOOK_IMPORT = state_machine(
    "finances.BookImport",
    ImportStatus,
    {
        ImportStatus.PENDING: {ImportStatus.RUNNING, ImportStatus.FAILED},
        ImportStatus.RUNNING: {ImportStatus.DONE, ImportStatus.FAILED},
        ImportStatus.DONE: set(),
        ImportStatus.FAILED: set(),
    },
    refusal=_("A book import that is “%(from)s” cannot become “%(to)s”."),
    audit_prefix="finances.book_import",
)
