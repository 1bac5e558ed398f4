"""The book's rules that other apps rely on: entries are positive, never edited, corrected by reversal."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from portal.core.errors import ActionRefused
from portal.core.models import AuditLog
from portal.finances.models import LedgerEntry
from portal.finances.services import ledger_correct, ledger_record


def record(association, by, amount="1000.00", **extra):
    fields = {"direction": "income", "category": "service_fees", "on_date": date(2026, 4, 1), "description": "Test"}
    fields.update(extra)
    return ledger_record(association=association, amount=Decimal(amount), by=by, **fields)


def test_recording_rounds_to_paise_and_writes_an_audit_row(association_a, bearer_a):
    entry = record(association_a, bearer_a, "1234.565")
    assert entry.amount == Decimal("1234.57")
    assert AuditLog.objects.filter(action="finances.ledger_recorded", target_id=str(entry.pk)).exists()


@pytest.mark.parametrize("amount", ["0", "-5"])
def test_zero_or_negative_amounts_are_refused(association_a, bearer_a, amount):
    with pytest.raises(ActionRefused):
        record(association_a, bearer_a, amount)
    assert not LedgerEntry.objects.exists()


def test_a_category_of_the_wrong_direction_is_refused(association_a, bearer_a):
    with pytest.raises(ActionRefused):
        record(association_a, bearer_a, direction="expense", category="service_fees")


def test_a_correction_is_a_new_negative_entry_and_cannot_exceed_what_is_left(association_a, bearer_a):
    entry = record(association_a, bearer_a, "1000")
    first = ledger_correct(entry=entry, amount=Decimal("400"), reason="Typed 1000 for 600", by=bearer_a)
    assert first.amount == Decimal("-400.00") and first.corrects == entry
    entry.refresh_from_db()
    assert entry.amount == Decimal("1000.00")  # the original is untouched
    with pytest.raises(ActionRefused):
        ledger_correct(entry=entry, amount=Decimal("600.01"), reason="Too much", by=bearer_a)
    with pytest.raises(ActionRefused):
        ledger_correct(entry=first, reason="Correcting a correction", by=bearer_a)
    rest = ledger_correct(entry=entry, reason="Void", by=bearer_a)
    assert rest.amount == Decimal("-600.00")


def test_a_correction_needs_a_reason(association_a, bearer_a):
    entry = record(association_a, bearer_a)
    with pytest.raises(ActionRefused):
        ledger_correct(entry=entry, reason="  ", by=bearer_a)


def test_the_database_refuses_a_negative_entry_that_corrects_nothing(association_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(
            association=association_a,
            direction="income",
            category="dues",
            amount=Decimal("-1"),
            on_date=date(2026, 4, 1),
            description="x",
        )
