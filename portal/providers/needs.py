"""What members need and how far a need has got: the vocabulary of requirements.

It lives here, below the desk, because a provider declares the kinds of need it helps with and is
judged by the needs it solved, and the catalogue lists offerings by kind; the desk (which holds the
requirements themselves) sits above all three and re-exports these names from ``portal.desk.models``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_AMOUNT = 10_000_000_000  # ₹1,000 crore: above any MSME requirement; catches extra zeros.


class Category(models.TextChoices):
    FINANCIAL = "financial", _("Financial")
    TECHNICAL = "technical", _("Technical")


class Kind(models.TextChoices):
    # Financial
    TERM_LOAN = "term_loan", _("Term loan")
    WORKING_CAPITAL = "working_capital", _("Working capital")
    EQUIPMENT_FINANCE = "equipment_finance", _("Equipment finance")
    INVOICE_DISCOUNTING = "invoice_discounting", _("Invoice discounting / receivables")
    OTHER_FINANCE = "other_finance", _("Other financial need")
    # Technical
    TECHNOLOGY = "technology", _("Technology upgradation")
    TESTING = "testing", _("Testing and certification")
    QUALITY_ZED = "quality_zed", _("Quality and ZED")
    SKILLING = "skilling", _("Skilling")
    MARKET_ACCESS = "market_access", _("Market access and export")
    COMPLIANCE = "compliance", _("Compliance and legal")
    ENERGY = "energy", _("Energy efficiency")
    DIGITAL = "digital", _("Digitalisation")
    OTHER_TECHNICAL = "other_technical", _("Other technical need")


FINANCIAL_KINDS = {
    Kind.TERM_LOAN,
    Kind.WORKING_CAPITAL,
    Kind.EQUIPMENT_FINANCE,
    Kind.INVOICE_DISCOUNTING,
    Kind.OTHER_FINANCE,
}
TECHNICAL_KINDS = set(Kind) - FINANCIAL_KINDS


def category_of(kind: str) -> str:
    return Category.FINANCIAL if kind in FINANCIAL_KINDS else Category.TECHNICAL


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    POSTED = "posted", _("Posted")
    IN_TRIAGE = "in_triage", _("In triage")
    ASSIGNED = "assigned", _("Assigned")
    OFFER_MADE = "offer_made", _("Offer made")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = {Status.POSTED, Status.IN_TRIAGE, Status.ASSIGNED, Status.OFFER_MADE, Status.REOPENED}
SOLVED_STATUSES = {Status.RESOLVED, Status.CLOSED}
