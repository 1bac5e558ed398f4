"""The demo catalogue: a dozen or so offerings of every kind, marked as demo data, created once."""

from decimal import Decimal

from portal.catalogue import matching
from portal.catalogue.demo import seed_offerings
from portal.catalogue.models import Offering, OfferingKind

from .conftest import make_requirement


def offerings_for(requirement):
    return matching.offerings_for(
        kind=requirement.kind, amount=requirement.amount, enterprise_id=requirement.enterprise_id
    )


def test_demo_offerings_cover_every_kind_and_are_marked_as_demo(db):
    offerings = seed_offerings()

    assert 12 <= len(offerings) <= 16
    assert {o.kind for o in offerings} == set(OfferingKind.values)
    assert all("Demo data" in o.details and o.active for o in offerings)
    assert Offering.objects.filter(states__code="AS").distinct().count() >= 2  # north-east schemes
    assert Offering.objects.filter(sectors__slug="textiles").exists()


def test_seeding_twice_creates_nothing_new(db):
    first = seed_offerings()

    second = seed_offerings()

    assert [o.pk for o in second] == [o.pk for o in first]
    assert Offering.objects.count() == len(first)


def test_a_micro_textile_units_loan_fits_several_demo_offerings(member_a):
    seed_offerings()

    names = [
        o.name
        for o, _r in offerings_for(make_requirement(member_a, kind="equipment_finance", amount=Decimal("2500000")))
    ]

    assert "Technology upgradation subsidy for textiles" in names
    assert "Equipment finance for machinery" in names
    assert "North-East enterprise loan" not in names  # member_a is in Tamil Nadu
