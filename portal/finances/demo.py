"""Demo finances: opening balances, dues schedules and invoices (some paid), and 24 months of books.

The associations spread from grant-dependent (own income covers about a tenth of running costs) to
self-sustaining (well over 100 %), so the scheme's stage rule spreads them over the four stages. Tiruppur is
healthy and improving; Ludhiana lives on grants. Service fees and DIA tranches are left to the services and
support demos (their own references); this one books dues, sponsorship, event fees, advertising, other
grants and expenses. Bulk inserts only; no notifications, no audit rows: sample data, not events.
"""

import random
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from portal.associations.models import Association, Membership
from portal.finances.models import (
    Direction,
    DuesCategory,
    DuesSchedule,
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
from portal.finances.services import default_prefix

TIRUPPUR = "tiruppur-knitwear-manufacturers-association"
LUDHIANA = "ludhiana-engineering-manufacturers-association"
MONTHS = 24
REFERENCE = "finances.demo"
# Shares of running costs by head, and of self-earned income (other than dues) by source.
HEADS = (("staff", 0.45), ("rent", 0.15), ("office", 0.10), ("events", 0.12), ("travel", 0.08), ("other_expense", 0.10))
SOURCES = (("event_fees", 0.40), ("sponsorship", 0.30), ("advertising", 0.15), ("other_income", 0.15))
DESCRIPTIONS = {
    "staff": "Salaries: secretary and accountant",
    "rent": "Office rent and electricity",
    "office": "Stationery, internet and audit fees",
    "events": "Hall, catering and trainers for member programmes",
    "travel": "Travel to buyer meets and SIDBI reviews",
    "other_expense": "Bank charges and sundry expenses",
    "equipment": "Common facility equipment",
    "event_fees": "Training and seminar fees",
    "sponsorship": "Sponsorship of the annual trade fair",
    "advertising": "Advertisements in the member directory and newsletter",
    "other_income": "Interest on deposits and hall rent",
    "grant_other": "State government cluster development grant",
}


def rupees(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP).quantize(Decimal("0.01"))


def month_starts(today: date, months: int) -> list[date]:
    starts, year, month = [], today.year, today.month
    for _ in range(months):
        starts.insert(0, date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return starts


def _profile(association, rng: random.Random) -> tuple[float, float]:
    """Cost coverage at the start and at the end of the 24 months."""
    if association.slug == TIRUPPUR:
        return 0.85, 1.35
    if association.slug == LUDHIANA:
        return 0.08, 0.12
    start = rng.uniform(0.05, 1.5)
    return start, max(0.03, start + rng.uniform(-0.1, 0.3))


def seed(*, rng: random.Random) -> None:
    if OpeningBalance.objects.exists() or DuesSchedule.objects.exists():
        return
    today = timezone.localdate()
    this_year = financial_year_of(today)
    months = month_starts(today, MONTHS)
    associations = list(Association.objects.approved().order_by("pk"))
    members = {}
    for membership in Membership.objects.active().select_related("enterprise").order_by("enterprise__name", "pk"):
        members.setdefault(membership.association_id, []).append(membership.enterprise)

    plans = {}
    balances, targets = [], []
    for association in associations:
        start, end = _profile(association, rng)
        monthly_cost = rng.randrange(40_000, 300_000, 500)
        plans[association.pk] = (start, end, monthly_cost)
        balances.append(
            OpeningBalance(
                association=association,
                amount=rupees(monthly_cost * (9 if association.slug == TIRUPPUR else rng.uniform(0.5, 8))),
                as_of=months[0],
            )
        )
        if association.slug in (TIRUPPUR, LUDHIANA) or rng.random() < 0.4:
            years_ahead = (
                1 if association.slug == TIRUPPUR else 5 if association.slug == LUDHIANA else rng.randint(1, 6)
            )
            targets.append(SustainabilityTarget(association=association, target_year=this_year + years_ahead))
    OpeningBalance.objects.bulk_create(balances)
    SustainabilityTarget.objects.bulk_create(targets)

    dues_by_month = _dues(associations, members, plans, rng, today, this_year)
    _book(associations, plans, dues_by_month, months, rng, today)


def _dues(associations, members, plans, rng, today, this_year) -> dict:
    """Schedules for last year and this year, invoices for active members, payments and their book entries."""
    schedules = []
    for association in associations:
        for year in (this_year - 1, this_year):
            schedules.append(
                DuesSchedule(association=association, financial_year=year, invoice_prefix=default_prefix(association))
            )
    DuesSchedule.objects.bulk_create(schedules)
    categories, invoices = [], []
    for schedule in schedules:
        association = next(a for a in associations if a.pk == schedule.association_id)
        scale = Decimal(rng.choice((1, 1, 2, 3)))
        amounts = {"micro": 2000 * scale, "small": 5000 * scale, "medium": 10000 * scale}
        for code, amount in amounts.items():
            categories.append(
                DuesCategory(schedule=schedule, name=code.capitalize(), msme_category=code, amount=rupees(amount))
            )
        issued = date(schedule.financial_year, 4, 10)
        issued = min(issued, today)
        label = financial_year_label(schedule.financial_year)
        for sequence, enterprise in enumerate(members.get(association.pk, []), start=1):
            invoices.append(
                Invoice(
                    association=association,
                    enterprise=enterprise,
                    schedule=schedule,
                    financial_year=schedule.financial_year,
                    sequence=sequence,
                    number=f"{schedule.invoice_prefix}/{label}/{sequence:04d}",
                    category_name=enterprise.category.capitalize(),
                    amount=rupees(amounts.get(enterprise.category, amounts["micro"])),
                    issued_on=issued,
                    due_on=issued + timedelta(days=30),
                    last_reminded_at=timezone.now() if rng.random() < 0.3 else None,
                )
            )
    DuesCategory.objects.bulk_create(categories)

    payments, receipts = [], {}
    for invoice in invoices:
        start, end, _cost = plans[invoice.association.pk]
        health = min(1.0, (start + end) / 2)
        chance = 0.35 + 0.55 * health if invoice.financial_year < this_year else 0.2 + 0.5 * health
        if rng.random() > chance:
            continue
        latest = (today - invoice.issued_on).days
        paid_on = invoice.issued_on + timedelta(days=rng.randint(0, max(0, min(latest, 150))))
        amount = invoice.amount if rng.random() < 0.85 else rupees(invoice.amount / 2)
        invoice.amount_paid = amount
        invoice.status = InvoiceStatus.PAID if amount == invoice.amount else InvoiceStatus.PART_PAID
        receipts[invoice.schedule] = receipts.get(invoice.schedule, 0) + 1
        payments.append(
            Payment(
                invoice=invoice,
                association=invoice.association,
                amount=amount,
                paid_on=paid_on,
                mode=rng.choice(PaymentMode.values[:4]),
                reference=f"UTR{rng.randint(10**9, 10**10 - 1)}",
                receipt_number=f"{invoice.schedule.invoice_prefix}/{invoice.schedule.label}/R{receipts[invoice.schedule]:04d}",
            )
        )
    Invoice.objects.bulk_create(invoices, batch_size=1000)
    # Keep each payment's invoice at hand: setting invoice_id after the invoices are saved drops the cached
    # object, and reading payment.invoice would then cost a query per payment.
    paid_invoices = [payment.invoice for payment in payments]
    for payment, invoice in zip(payments, paid_invoices, strict=True):
        payment.invoice_id = invoice.pk
    Payment.objects.bulk_create(payments, batch_size=1000)

    entries, dues_by_month = [], {}
    for payment, invoice in zip(payments, paid_invoices, strict=True):
        entries.append(
            LedgerEntry(
                association=invoice.association,
                direction=Direction.INCOME,
                category="dues",
                amount=payment.amount,
                on_date=payment.paid_on,
                description=f"Membership dues: {invoice.number}, {invoice.enterprise.name}"[:300],
                reference=f"finances.payment:{payment.pk}",
            )
        )
        key = (invoice.association.pk, payment.paid_on.replace(day=1))
        dues_by_month[key] = dues_by_month.get(key, Decimal(0)) + payment.amount
    LedgerEntry.objects.bulk_create(entries, batch_size=2000)
    return dues_by_month


def _book(associations, plans, dues_by_month, months, rng, today) -> None:
    """Running costs by head, self-earned income by source and other grants, month by month."""
    entries = []
    for association in associations:
        start, end, monthly_cost = plans[association.pk]
        for index, month in enumerate(months):
            last_day = today.day if month == months[-1] else 28
            running = monthly_cost * rng.uniform(0.85, 1.15)
            for head, share in HEADS:
                entries.append(
                    _entry(association, Direction.EXPENSE, head, running * share, _day(rng, month, last_day))
                )
            if rng.random() < 0.05:
                entries.append(
                    _entry(
                        association,
                        Direction.EXPENSE,
                        "equipment",
                        monthly_cost * rng.uniform(0.5, 2),
                        _day(rng, month, last_day),
                    )
                )
            coverage = start + (end - start) * index / (len(months) - 1) + rng.uniform(-0.05, 0.05)
            earned = max(0.0, coverage * running - float(dues_by_month.get((association.pk, month), 0)))
            for source, share in SOURCES:
                amount = earned * share * rng.uniform(0.7, 1.3)
                if amount >= 100:
                    entries.append(_entry(association, Direction.INCOME, source, amount, _day(rng, month, last_day)))
            gap = (1.05 - coverage) * running
            if gap > 100:
                entries.append(
                    _entry(
                        association,
                        Direction.INCOME,
                        "grant_other",
                        gap * rng.uniform(0.8, 1.1),
                        _day(rng, month, last_day),
                    )
                )
    LedgerEntry.objects.bulk_create(entries, batch_size=2000)


def _day(rng, month: date, last_day: int) -> date:
    return month.replace(day=rng.randint(1, last_day))


def _entry(association, direction, category, amount, on_date) -> LedgerEntry:
    return LedgerEntry(
        association=association,
        direction=direction,
        category=category,
        amount=rupees(amount),
        on_date=on_date,
        description=DESCRIPTIONS[category],
        reference=REFERENCE,
    )
