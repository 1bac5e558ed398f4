from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from portal.finances.services import ledger_record
from portal.insights.figures import national_figures
from portal.insights.filters import Filters


def book(association, by, direction, category, amount, days_ago=30):
    ledger_record(
        association=association,
        direction=direction,
        category=category,
        amount=Decimal(amount),
        on_date=timezone.localdate() - timedelta(days=days_ago),
        description="test",
        by=by,
    )


def values(figures, section):
    return {f.key: f.value for f in figures.sections[section]}


def test_associations_spread_by_self_earned_share_and_cost_coverage(scheme_data, association_a, association_b, officer):
    # A: earns 80,000, grants 20,000 → share 80%; running costs 1,00,000 → coverage 80%.
    book(association_a, officer, "income", "dues", "80000")
    book(association_a, officer, "income", "grant_dia", "20000")
    book(association_a, officer, "expense", "staff", "100000")
    book(association_a, officer, "expense", "equipment", "500000")  # capital: not a running cost
    # B: earns 10,000, grants 90,000 → share 10%; costs 5,000 → coverage 200%.
    book(association_b, officer, "income", "service_fees", "10000")
    book(association_b, officer, "income", "grant_other", "90000")
    book(association_b, officer, "expense", "rent", "5000")
    book(association_b, officer, "income", "dues", "999999", days_ago=800)  # outside the period
    # The north-eastern association has no book: "none" in both.

    figures = national_figures(Filters())
    assert values(figures, "share") == {
        "share_none": 1,
        "share_lt25": 1,
        "share_25to50": 0,
        "share_50to75": 0,
        "share_75plus": 1,
    }
    assert values(figures, "coverage") == {
        "coverage_none": 1,
        "coverage_lt25": 0,
        "coverage_25to50": 0,
        "coverage_50to100": 1,
        "coverage_100plus": 1,
    }


def test_drill_down_lists_the_associations_in_a_money_bucket(
    scheme_data, association_a, association_b, officer, client_for
):
    book(association_b, officer, "income", "service_fees", "10000")
    book(association_b, officer, "expense", "rent", "5000")
    response = client_for(officer).get(reverse("insights:drilldown"), {"coverage": "100plus"})
    assert [a.name for a in response.context["page"]] == [association_b.name]


def test_drill_down_by_activity_lists_associations_with_requirements_posted(
    scheme_data, association_a, officer, client_for
):
    response = client_for(officer).get(reverse("insights:drilldown"), {"activity": "requirements_posted"})
    assert [a.name for a in response.context["page"]] == [association_a.name]
    response = client_for(officer).get(reverse("insights:drilldown"), {"activity": "nonsense"})
    assert len(response.context["page"]) == 3  # an unknown key is ignored, not an error
