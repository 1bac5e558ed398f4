from decimal import Decimal

from django.utils import timezone

from portal.core.money import format_inr
from portal.finances import documents, services
from portal.testing import pdf_text


def test_amounts_in_words_use_lakh_and_crore():
    assert documents.amount_in_words(Decimal("1234567.50")) == (
        "Rupees Twelve Lakh Thirty-Four Thousand Five Hundred Sixty-Seven and Fifty Paise Only"
    )
    assert documents.amount_in_words(Decimal("10000000")) == "Rupees One Crore Only"
    assert documents.amount_in_words(Decimal("0.005")) == "Rupees Zero and One Paise Only"  # half up


def test_indian_grouping_and_rounding():
    assert format_inr(Decimal("1234567")) == "₹12,34,567.00"
    assert format_inr(Decimal("99999.995")) == "₹1,00,000.00"
    assert format_inr(Decimal("-1000.5")) == "-₹1,000.50"


def test_invoice_pdf_names_both_parties_with_pan_gstin_and_amounts(invoice_a):
    association = invoice_a.association
    text = pdf_text(documents.invoice_pdf(invoice_a))
    assert association.name in text
    assert association.pan in text and association.gstin in text
    assert invoice_a.enterprise.name in text and invoice_a.enterprise.gstin in text
    assert invoice_a.number in text
    assert "₹5,000.00" in text
    assert "Rupees Five Thousand Only" in text


def test_invoice_pdf_leaves_out_a_missing_gstin(invoice_a):
    invoice_a.association.gstin = ""
    text = pdf_text(documents.invoice_pdf(invoice_a, words=False))
    assert "GSTIN:" not in text
    assert "Rupees" not in text


def test_receipt_pdf_shows_the_payment_and_the_balance(invoice_a, bearer_a):
    payment = services.payment_record(
        invoice=invoice_a,
        amount=Decimal("1234.50"),
        paid_on=timezone.localdate(),
        mode="cheque",
        reference="CHQ 004512",
        by=bearer_a,
    )
    text = pdf_text(documents.receipt_pdf(payment))
    assert payment.receipt_number in text
    assert "₹1,234.50" in text and "₹3,765.50" in text
    assert "CHQ 004512" in text
    assert "One Thousand Two Hundred Thirty-Four and Fifty Paise" in text
