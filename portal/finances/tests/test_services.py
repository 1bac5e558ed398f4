from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.core.errors import ActionRefused
from portal.core.models import AuditLog
from portal.finances import services
from portal.finances.models import Invoice, InvoiceStatus, LedgerEntry, Payment
from portal.notifications.models import Notification

from .conftest import add_member, make_schedule, record

# The book ------------------------------------------------------------------------------------------------------


def test_ledger_record_rounds_to_paise_half_up(association_a, bearer_a):
    entry = record(association_a, by=bearer_a, amount="100.005")
    assert entry.amount == Decimal("100.01")
    assert AuditLog.objects.filter(action="finances.ledger_recorded", target_id=str(entry.pk)).exists()


def test_ledger_record_refuses_a_head_of_the_other_direction(association_a, bearer_a):
    with pytest.raises(ActionRefused):
        record(association_a, by=bearer_a, direction="income", category="rent")
    assert not LedgerEntry.objects.exists()


def test_a_correction_reverses_an_entry_and_cannot_exceed_it(association_a, bearer_a):
    entry = record(association_a, by=bearer_a, amount="1000")
    services.ledger_correct(entry=entry, amount=Decimal("400"), reason="Part refund", by=bearer_a)
    with pytest.raises(ActionRefused, match="₹600.00"):
        services.ledger_correct(entry=entry, amount=Decimal("600.01"), reason="Too much", by=bearer_a)
    rest = services.ledger_correct(entry=entry, reason="Rest", by=bearer_a)
    assert rest.amount == Decimal("-600.00")
    assert LedgerEntry.objects.filter(association=association_a).count() == 3
    with pytest.raises(ActionRefused):
        services.ledger_correct(entry=rest, reason="Correcting a correction", by=bearer_a)


def test_the_database_refuses_a_negative_entry_that_corrects_nothing(association_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(
            association=association_a,
            direction="income",
            category="dues",
            amount=Decimal("-1"),
            on_date=date(2026, 1, 1),
            description="x",
        )


# Dues schedules and invoices ---------------------------------------------------------------------------------


def test_raising_invoices_numbers_them_per_association_and_year_and_is_idempotent(association_a, bearer_a):
    micro = add_member(association_a, category="micro", name="Alpha Knits")
    small = add_member(association_a, category="small", name="Beta Knits")
    medium = add_member(association_a, category="medium", name="Gamma Knits")
    schedule = make_schedule(association_a, by=bearer_a, year=2026)
    assert services.invoices_raise(schedule=schedule, by=bearer_a, issued_on=date(2026, 4, 2)) == 3
    assert services.invoices_raise(schedule=schedule, by=bearer_a) == 0
    invoices = {i.enterprise_id: i for i in Invoice.objects.filter(association=association_a)}
    assert [invoices[m.enterprise.pk].number for m in (micro, small, medium)] == [
        "TKMA/2026-27/0001",
        "TKMA/2026-27/0002",
        "TKMA/2026-27/0003",
    ]
    assert invoices[micro.enterprise.pk].amount == Decimal("5000.00")
    assert invoices[small.enterprise.pk].amount == Decimal("12500.50")
    assert invoices[medium.enterprise.pk].category_name == "Ordinary"  # the default category
    assert invoices[micro.enterprise.pk].due_on == date(2026, 5, 2)
    # A member who joins later gets the next number; nobody gets two.
    late = add_member(association_a, name="Delta Knits")
    assert services.invoices_raise(schedule=schedule, by=bearer_a) == 1
    assert late.enterprise.dues_invoices.get().number == "TKMA/2026-27/0004"
    assert Notification.objects.filter(kind="finances.invoice_raised", user=late).exists()


def test_invoices_skip_members_of_no_category_and_former_members(association_a, bearer_a):
    add_member(association_a, category="medium")
    departed = add_member(association_a)
    departed.enterprise.memberships.update(status="declined")
    schedule = services.dues_schedule_save(
        association=association_a,
        financial_year=2026,
        invoice_prefix="tkma",
        due_days=0,
        categories=[{"name": "Micro", "msme_category": "micro", "amount": "100"}],
        by=bearer_a,
    )
    assert schedule.invoice_prefix == "TKMA"
    assert services.invoices_raise(schedule=schedule, by=bearer_a) == 0


def test_one_invoice_per_member_per_year_is_a_database_rule(invoice_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Invoice.objects.create(
            association=invoice_a.association,
            enterprise=invoice_a.enterprise,
            schedule=invoice_a.schedule,
            financial_year=invoice_a.financial_year,
            sequence=99,
            number="X/99",
            category_name="x",
            amount=Decimal("1"),
            issued_on=invoice_a.issued_on,
            due_on=invoice_a.due_on,
        )


def test_the_schedule_is_fixed_once_invoices_are_raised(invoice_a, bearer_a):
    with pytest.raises(ActionRefused):
        make_schedule(invoice_a.association, by=bearer_a, year=invoice_a.financial_year)


def test_a_schedule_needs_distinct_categories(association_a, bearer_a):
    with pytest.raises(ActionRefused):
        services.dues_schedule_save(
            association=association_a,
            financial_year=2026,
            invoice_prefix="T",
            due_days=30,
            categories=[
                {"name": "A", "msme_category": "micro", "amount": "1"},
                {"name": "B", "msme_category": "micro", "amount": "2"},
            ],
            by=bearer_a,
        )


def test_default_prefix_is_the_initials_of_the_name(association_a):
    association_a.name = "Tiruppur Knitwear Manufacturers Association"
    assert services.default_prefix(association_a) == "TKMA"


# Payments ------------------------------------------------------------------------------------------------------


def test_payments_make_an_invoice_part_paid_then_paid_and_record_dues_income(invoice_a, bearer_a):
    today = timezone.localdate()
    first = services.payment_record(invoice=invoice_a, amount=Decimal("2000"), paid_on=today, mode="upi", by=bearer_a)
    invoice_a.refresh_from_db()
    assert invoice_a.status == InvoiceStatus.PART_PAID
    assert invoice_a.balance == Decimal("3000.00")
    services.payment_record(invoice=invoice_a, amount=Decimal("3000"), paid_on=today, mode="cash", by=bearer_a)
    invoice_a.refresh_from_db()
    assert invoice_a.status == InvoiceStatus.PAID
    label = invoice_a.year_label
    assert list(Payment.objects.values_list("receipt_number", flat=True)) == [
        f"TKMA/{label}/R0001",
        f"TKMA/{label}/R0002",
    ]
    entry = LedgerEntry.objects.get(reference=f"finances.payment:{first.pk}")
    assert (entry.direction, entry.category, entry.amount) == ("income", "dues", Decimal("2000.00"))
    assert sum(LedgerEntry.objects.filter(category="dues").values_list("amount", flat=True)) == Decimal("5000.00")


def test_a_payment_cannot_exceed_the_balance(invoice_a, bearer_a):
    with pytest.raises(ActionRefused, match="₹5,000.00"):
        services.payment_record(
            invoice=invoice_a, amount=Decimal("5000.01"), paid_on=timezone.localdate(), mode="upi", by=bearer_a
        )
    assert not Payment.objects.exists()
    assert not LedgerEntry.objects.exists()


def test_a_payment_cannot_be_dated_in_the_future(invoice_a, bearer_a):
    with pytest.raises(ActionRefused):
        services.payment_record(
            invoice=invoice_a,
            amount=Decimal("1"),
            paid_on=timezone.localdate() + timedelta(days=1),
            mode="upi",
            by=bearer_a,
        )


def test_payment_amounts_round_half_up_to_paise(invoice_a, bearer_a):
    payment = services.payment_record(
        invoice=invoice_a, amount=Decimal("1234.565"), paid_on=timezone.localdate(), mode="upi", by=bearer_a
    )
    assert payment.amount == Decimal("1234.57")
    invoice_a.refresh_from_db()
    assert invoice_a.amount_paid + invoice_a.balance == invoice_a.amount == Decimal("5000.00")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_concurrent_payments_never_overpay_an_invoice(association_a, bearer_a, member_a):
    import threading

    from django.db import connection

    schedule = make_schedule(association_a, by=bearer_a)
    services.invoices_raise(schedule=schedule, by=bearer_a, notify_members=False)
    invoice = Invoice.objects.get()
    outcomes = []

    def pay():
        try:
            services.payment_record(
                invoice=invoice, amount=Decimal("2000"), paid_on=timezone.localdate(), mode="upi", by=bearer_a
            )
            outcomes.append("ok")
        except ActionRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=pay) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    invoice.refresh_from_db()
    assert outcomes.count("ok") == 2
    assert invoice.amount_paid == Decimal("4000.00")
    assert len(set(Payment.objects.values_list("receipt_number", flat=True))) == 2


# Reminders -----------------------------------------------------------------------------------------------------


def test_reminders_go_once_a_week_per_overdue_invoice(invoice_a, member_a):
    Invoice.objects.filter(pk=invoice_a.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    now = timezone.now()
    assert services.dues_send_reminders(now=now) == 1
    assert services.dues_send_reminders(now=now + timedelta(days=3)) == 0
    assert services.dues_send_reminders(now=now + timedelta(days=7)) == 1
    reminders = Notification.objects.filter(kind="finances.dues_reminder", user=member_a)
    assert reminders.count() == 2
    assert invoice_a.number in reminders.first().title


def test_no_reminder_before_the_due_date_or_once_paid(invoice_a, bearer_a):
    assert services.dues_send_reminders() == 0
    services.payment_record(
        invoice=invoice_a, amount=invoice_a.amount, paid_on=timezone.localdate(), mode="upi", by=bearer_a
    )
    Invoice.objects.filter(pk=invoice_a.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    assert services.dues_send_reminders() == 0


def test_the_reminder_command_runs(invoice_a, capsys):
    from django.core.management import call_command

    Invoice.objects.filter(pk=invoice_a.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    call_command("send_dues_reminders")
    call_command("send_dues_reminders")
    assert Notification.objects.filter(kind="finances.dues_reminder").count() == 1
