"""offerings_for(requirement): which offerings fit a financial requirement, and the reasons shown beside each."""

from decimal import Decimal

import pytest

from portal.catalogue import matching, services
from portal.core.models import Sector, State

from .conftest import add_offering, make_requirement

# member_a's enterprise: micro, Textiles and garments, Tamil Nadu. member_b's: micro, Engineering, Punjab.


def offerings_for(requirement):
    return matching.offerings_for(
        kind=requirement.kind, amount=requirement.amount, enterprise_id=requirement.enterprise_id
    )


def fitting(requirement) -> dict[str, list[str]]:
    return {offering.name: reasons for offering, reasons in offerings_for(requirement)}


def test_an_offering_that_fits_comes_with_every_reason(officer, member_a):
    add_offering(
        officer,
        name="Textile machinery loan",
        eligible_categories=["micro", "small"],
        purposes=["term_loan", "equipment_finance"],
        min_amount=Decimal("500000"),
        max_amount=Decimal("20000000"),
        sectors=["textiles"],
        states=["TN", "KA"],
    )

    assert fitting(make_requirement(member_a, amount=Decimal("2500000"))) == {
        "Textile machinery loan": [
            "Open to micro enterprises",
            "Covers ₹5,00,000 to ₹2,00,00,000; you need ₹25,00,000",
            "Meant for term loan",
            "Serves Textiles and garments",
            "Available in Tamil Nadu",
        ]
    }


def test_an_offering_open_to_all_says_so(officer, member_a):
    add_offering(officer, name="Open loan")

    assert fitting(make_requirement(member_a)) == {
        "Open loan": ["Open to micro, small and medium enterprises", "Available across India"]
    }


def test_one_sided_amount_ranges_are_described(officer, member_a):
    add_offering(officer, name="From five lakh", min_amount=Decimal("500000"))
    add_offering(officer, name="Up to fifty lakh", max_amount=Decimal("5000000"))

    result = fitting(make_requirement(member_a, amount=Decimal("2500000")))

    assert "Covers ₹5,00,000 and above; you need ₹25,00,000" in result["From five lakh"]
    assert "Covers up to ₹50,00,000; you need ₹25,00,000" in result["Up to fifty lakh"]


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        ({"eligible_categories": ["small", "medium"]}, "member_a is micro"),
        ({"purposes": ["working_capital"]}, "a term loan is wanted"),
        ({"min_amount": Decimal("5000000")}, "₹25 lakh is below the minimum"),
        ({"max_amount": Decimal("1000000")}, "₹25 lakh is above the maximum"),
        ({"sectors": ["engineering"]}, "member_a is in textiles"),
        ({"states": ["AS", "ML"]}, "member_a is in Tamil Nadu"),
    ],
)
def test_an_offering_whose_rule_the_requirement_breaks_is_left_out(officer, member_a, rule, why):
    add_offering(officer, name="Narrow offering", **rule)

    assert fitting(make_requirement(member_a)) == {}, why


def test_the_amount_range_is_inclusive(officer, member_a):
    add_offering(officer, name="Exact", min_amount=Decimal("2500000"), max_amount=Decimal("2500000"))

    assert "Exact" in fitting(make_requirement(member_a, amount=Decimal("2500000")))


def test_an_inactive_offering_never_fits(officer, member_a):
    offering = add_offering(officer, name="Withdrawn scheme")
    services.offering_set_active(offering=offering, active=False, by=officer)

    assert fitting(make_requirement(member_a)) == {}


def test_a_technical_requirement_fits_no_offering_and_costs_no_query(officer, member_a, django_assert_num_queries):
    add_offering(officer, name="Open loan")
    requirement = make_requirement(member_a, kind="testing", amount=None)

    with django_assert_num_queries(0):
        assert offerings_for(requirement) == []


def test_a_requirement_without_an_amount_still_sees_the_range(officer, member_a):
    add_offering(officer, name="Ranged", min_amount=Decimal("100000"), max_amount=Decimal("1000000"))

    assert "Covers ₹1,00,000 to ₹10,00,000" in fitting(make_requirement(member_a, amount=None))["Ranged"]


def test_the_most_specific_offerings_come_first(officer, member_b):
    add_offering(officer, name="A general loan")
    add_offering(officer, name="B Punjab engineering loan", sectors=["engineering"], states=["PB"])
    add_offering(officer, name="C Punjab loan", states=["PB"])

    names = [o.name for o, _reasons in offerings_for(make_requirement(member_b, kind="working_capital"))]

    assert names == ["B Punjab engineering loan", "C Punjab loan", "A general loan"]


def test_north_eastern_schemes_fit_only_north_eastern_enterprises(officer, member_a):
    from portal import testing

    add_offering(officer, name="North-East enterprise loan", states=["AS", "ML", "TR"])
    owner = testing.make_user()
    enterprise = testing.make_enterprise(owner=owner, state_code="AS", sector="food-processing", category="small")
    testing.make_membership(association=member_a.enterprise.memberships.first().association, enterprise=enterprise)
    owner.enterprise = enterprise

    assert fitting(make_requirement(owner))["North-East enterprise loan"][-1] == "Available in Assam"
    assert fitting(make_requirement(member_a)) == {}


def test_matching_takes_two_queries_whatever_the_catalogue_size(officer, member_a, django_assert_num_queries):
    for i in range(15):
        add_offering(officer, name=f"Loan {i}", sectors=["textiles"], states=["TN"], eligible_categories=["micro"])
    requirement = make_requirement(member_a)

    with django_assert_num_queries(2):
        result = offerings_for(requirement)

    assert len(result) == 15


def test_an_offering_listing_several_sectors_and_states_appears_once(officer, member_a):
    add_offering(
        officer,
        name="Broad loan",
        sectors=[s.slug for s in Sector.objects.all()],
        states=[s.code for s in State.objects.all()],
    )

    assert [o.name for o, _r in offerings_for(make_requirement(member_a))] == ["Broad loan"]
