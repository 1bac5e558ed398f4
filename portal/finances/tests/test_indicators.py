from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from portal.finances import indicators, services
from portal.finances.indicators import indicators_for, months_back, paying_members_count, retention_rate
from portal.finances.models import OpeningBalance

from .conftest import add_member, make_schedule, record

UNTIL = date(2026, 3, 31)


def test_months_back_gives_the_first_day_of_the_window():
    assert months_back(date(2026, 3, 31), 12) == date(2025, 4, 1)
    assert months_back(date(2026, 3, 31), 1) == date(2026, 3, 1)
    assert months_back(date(2024, 3, 31), 1) == date(2024, 3, 1)  # 29 Feb + 1 day


@pytest.fixture
def book(association_a, bearer_a):
    """A year with ₹6,00,000 self-earned, ₹4,00,000 grants, ₹8,00,000 running costs and ₹1,00,000 capital."""
    for category, amount in (("dues", "200000"), ("sponsorship", "150000"), ("event_fees", "250000")):
        record(association_a, by=bearer_a, category=category, amount=amount, on_date=date(2025, 6, 1))
    record(association_a, by=bearer_a, category="grant_other", amount="400000", on_date=date(2025, 7, 1))
    record(association_a, by=bearer_a, direction="expense", category="staff", amount="600000", on_date=date(2025, 8, 1))
    record(association_a, by=bearer_a, direction="expense", category="rent", amount="200000", on_date=date(2025, 9, 1))
    record(
        association_a, by=bearer_a, direction="expense", category="equipment", amount="100000", on_date=date(2025, 9, 2)
    )
    # Outside the window: counts for reserves, not for the year's figures.
    record(association_a, by=bearer_a, category="sponsorship", amount="50000", on_date=date(2025, 3, 31))
    return association_a


def test_indicators_of_a_year_of_entries(book):
    result = indicators_for(book, until=UNTIL)
    assert result.self_earned_income == Decimal("600000.00")
    assert result.grant_income == Decimal("400000.00")
    assert result.running_costs == Decimal("800000.00")  # equipment is capital, left out
    assert result.capital_spending == Decimal("100000.00")
    assert result.self_earned_share == Decimal("60.0")
    assert result.grant_dependence == Decimal("40.0")
    assert result.cost_coverage == Decimal("0.75")
    assert result.cost_coverage_percent == Decimal("75.0")
    # No opening balance: reserves are all income less all expenses to date.
    assert result.reserves == Decimal("150000.00")
    assert result.months_of_reserves == Decimal("2.3")  # 1,50,000 ÷ (8,00,000 ÷ 12)


def test_reserves_start_from_the_declared_opening_balance(book, bearer_a):
    services.opening_balance_set(association=book, amount=Decimal("500000"), as_of=date(2025, 4, 1), by=bearer_a)
    result = indicators_for(book, until=UNTIL)
    # The March 2025 sponsorship is before the opening balance date, so it is already inside it.
    assert result.reserves == Decimal("600000.00")
    assert result.months_of_reserves == Decimal("9.0")
    assert OpeningBalance.objects.get(association=book).amount == Decimal("500000.00")


def test_corrections_reduce_the_figures(book, bearer_a):
    entry = book.ledger.get(category="event_fees")
    services.ledger_correct(entry=entry, amount=Decimal("50000"), reason="Refund", by=bearer_a)
    assert indicators_for(book, until=UNTIL).self_earned_income == Decimal("550000.00")


def test_an_empty_book_has_no_ratios(association_a):
    result = indicators_for(association_a, until=UNTIL)
    assert result.self_earned_share is None
    assert result.cost_coverage is None
    assert result.months_of_reserves is None
    assert result.reserves == Decimal("0.00")


def test_other_associations_entries_do_not_count(book, association_b, bearer_b):
    record(association_b, by=bearer_b, category="grant_dia", amount="999999", on_date=date(2025, 6, 1))
    assert indicators_for(book, until=UNTIL).grant_income == Decimal("400000.00")
    assert indicators_for(association_b, until=UNTIL).grant_dependence == Decimal("100.0")


def test_indicators_run_in_a_fixed_number_of_queries(book, django_assert_num_queries):
    with django_assert_num_queries(2):  # the opening balance and one aggregate
        indicators_for(book, until=UNTIL)


def test_yearly_figures_group_by_financial_year(book):
    years = indicators.yearly_figures(book, until=UNTIL)
    assert set(years) == {2024, 2025}  # 31 March 2025 belongs to 2024-25
    assert years[2025]["cost_coverage"] == Decimal("0.75")
    assert years[2024]["grant_dependence"] == Decimal("0.0")


def test_indicators_by_association_for_a_list(book, association_b):
    figures = indicators.indicators_by_association([book.pk, association_b.pk], until=UNTIL)
    assert figures[book.pk]["cost_coverage_percent"] == Decimal("75.0")
    assert association_b.pk not in figures


def _pay(invoice, by, days_ago):
    return services.payment_record(
        invoice=invoice,
        amount=invoice.balance,
        paid_on=timezone.localdate() - timedelta(days=days_ago),
        mode="upi",
        by=by,
    )


def test_paying_members_and_retention(association_a, bearer_a):
    today = timezone.localdate()
    members = [add_member(association_a) for _ in range(4)]
    from portal.finances.models import financial_year_of

    this_year = financial_year_of(today)
    last = make_schedule(association_a, by=bearer_a, year=this_year - 1, prefix="OLD")
    services.invoices_raise(schedule=last, by=bearer_a, issued_on=today - timedelta(days=500))
    now = make_schedule(association_a, by=bearer_a, year=this_year)
    services.invoices_raise(schedule=now, by=bearer_a)
    # Three members paid 13-18 months ago; two of them paid again in the last twelve months, and a fourth joined in.
    for member in members[:3]:
        _pay(member.enterprise.dues_invoices.get(financial_year=this_year - 1), bearer_a, days_ago=420)
    for member in (members[0], members[1], members[3]):
        _pay(member.enterprise.dues_invoices.get(financial_year=this_year), bearer_a, days_ago=0)
    assert paying_members_count(association_a) == 3
    assert paying_members_count(association_a, months=24) == 4
    assert retention_rate(association_a) == Decimal("66.7")


def test_retention_is_unknown_without_last_years_payers(association_a):
    assert retention_rate(association_a) is None
    assert paying_members_count(association_a) == 0
