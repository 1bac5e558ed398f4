"""Which status may follow which, for dues invoices (see portal/core/transitions.py)."""

from django.utils.translation import gettext_lazy as _

from portal.core.transitions import state_machine
from portal.finances.models import InvoiceStatus

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
