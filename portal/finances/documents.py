"""Dues invoices and receipts as PDFs (the shared PortalPDF), with amounts in the Indian system and in words."""

from django.utils.translation import gettext as _

from portal.core.money import format_inr, to_rupees
from portal.core.pdf import PortalPDF

ONES = [
    "Zero",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fourteen",
    "Fifteen",
    "Sixteen",
    "Seventeen",
    "Eighteen",
    "Nineteen",
]
TENS = ["_", "_", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"]


def _below_hundred(n: int) -> str:
    if n < 20:
        return ONES[n]
    return TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else "")


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append(f"{ONES[hundreds]} Hundred")
    if rest:
        parts.append(_below_hundred(rest))
    return " ".join(parts)


def number_in_words(n: int) -> str:
    """Indian system: 1234567 → 'Twelve Lakh Thirty-Four Thousand Five Hundred Sixty-Seven'."""
    if n == 0:
        return "Zero"
    parts = []
    crores, n = divmod(n, 10_000_000)
    lakhs, n = divmod(n, 100_000)
    thousands, n = divmod(n, 1000)
    if crores:
        parts.append(f"{number_in_words(crores)} Crore")
    if lakhs:
        parts.append(f"{_below_hundred(lakhs)} Lakh")
    if thousands:
        parts.append(f"{_below_hundred(thousands)} Thousand")
    if n:
        parts.append(_below_thousand(n))
    return " ".join(parts)


def amount_in_words(value) -> str:
    """₹12,34,567.50 → 'Rupees Twelve Lakh Thirty-Four Thousand Five Hundred Sixty-Seven and Fifty Paise Only'."""
    amount = to_rupees(value)
    rupees = int(amount)
    paise = int((amount - rupees) * 100)
    text = f"Rupees {number_in_words(rupees)}"
    if paise:
        text += f" and {_below_hundred(paise)} Paise"
    return text + " Only"


def _association_block(pdf: PortalPDF, association) -> None:
    pdf.paragraph(association.name, bold=True, size=13)
    lines = [f"{association.address}, {association.district}, {association.state.name} {association.pin_code}"]
    lines.append(_("PAN: %(pan)s") % {"pan": association.pan})
    if association.gstin:
        lines.append(_("GSTIN: %(gstin)s") % {"gstin": association.gstin})
    pdf.paragraph("\n".join(lines), size=9)


def _member_rows(enterprise) -> list[tuple[str, str]]:
    rows = [(_("Member"), enterprise.name)]
    if enterprise.gstin:
        rows.append((_("Member's GSTIN"), enterprise.gstin))
    rows.append((_("Address"), f"{enterprise.address}, {enterprise.district} {enterprise.pin_code}"))
    return rows


def invoice_pdf(invoice, *, words: bool = True) -> bytes:
    association, enterprise = invoice.association, invoice.enterprise
    pdf = PortalPDF(title=_("Invoice %(number)s") % {"number": invoice.number}, issuer=association.name)
    _association_block(pdf, association)
    pdf.heading(_("Membership dues invoice"))
    pdf.key_values(
        [
            (_("Invoice number"), invoice.number),
            (_("Date"), invoice.issued_on.strftime("%d %b %Y")),
            (_("Due by"), invoice.due_on.strftime("%d %b %Y")),
            *_member_rows(enterprise),
        ]
    )
    pdf.data_table(
        [_("Description"), _("Amount")],
        [
            [
                _("Annual membership dues, financial year %(year)s (%(category)s)")
                % {"year": invoice.year_label, "category": invoice.category_name},
                format_inr(invoice.amount),
            ],
            [_("Total"), format_inr(invoice.amount)],
            [_("Paid so far"), format_inr(invoice.amount_paid)],
            [_("Balance due"), format_inr(invoice.balance)],
        ],
        widths=(3, 1),
        align_right=(1,),
    )
    if words:
        pdf.paragraph(_("Amount in words: %(words)s") % {"words": amount_in_words(invoice.amount)}, size=9)
    pdf.paragraph(_("Status: %(status)s") % {"status": invoice.get_status_display()}, size=9)
    return pdf.to_bytes()


def receipt_pdf(payment, *, words: bool = True) -> bytes:
    invoice = payment.invoice
    association, enterprise = invoice.association, invoice.enterprise
    pdf = PortalPDF(title=_("Receipt %(number)s") % {"number": payment.receipt_number}, issuer=association.name)
    _association_block(pdf, association)
    pdf.heading(_("Receipt"))
    rows = [
        (_("Receipt number"), payment.receipt_number),
        (_("Date received"), payment.paid_on.strftime("%d %b %Y")),
        *_member_rows(enterprise),
        (_("Against invoice"), invoice.number),
        (_("Amount received"), format_inr(payment.amount)),
        (_("Mode"), payment.get_mode_display()),
    ]
    if payment.reference:
        rows.append((_("Reference"), payment.reference))
    rows.append((_("Balance due on the invoice"), format_inr(invoice.balance)))
    pdf.key_values(rows)
    if words:
        pdf.paragraph(_("Amount in words: %(words)s") % {"words": amount_in_words(payment.amount)}, size=9)
    pdf.paragraph(
        _("Received with thanks towards annual membership dues for the financial year %(year)s.")
        % {"year": invoice.year_label},
        size=9,
    )
    return pdf.to_bytes()
