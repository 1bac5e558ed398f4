"""The gatherer on crafted data: the portal's own rows plus stand-ins for the other apps' selectors."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from portal import testing
from portal.associations.models import MembershipStatus, Stage
from portal.desk.models import Requirement, Status
from portal.scheme import gather, services
from portal.scheme.models import Step


@dataclass
class FakeIndicators:
    self_earned_income: Decimal = Decimal("800000.00")
    grant_income: Decimal = Decimal("200000.00")
    reserves: Decimal = Decimal("150000.00")
    self_earned_share: Decimal | None = Decimal("80.00")


@pytest.fixture
def other_apps(monkeypatch):
    """Stand-ins for the figures of events, services, finances and support (as gather imported them); records
    the calls."""
    calls = {}

    def events_held_count(association, *, since=None, until=None):
        calls["events"] = (since, until)
        return 7

    monkeypatch.setattr(gather, "events_held_count", events_held_count)
    monkeypatch.setattr(gather, "services_sold_count", lambda association, since=None, until=None: 12)
    monkeypatch.setattr(gather, "indicators_for", lambda association, months=12, until=None: FakeIndicators())
    monkeypatch.setattr(gather, "paying_members_count", lambda association, months=12: 30)
    monkeypatch.setattr(gather, "retention_rate", lambda association: Decimal("69.9"))
    monkeypatch.setattr(gather, "support_totals", lambda association=None: {"sanctioned": Decimal(0)})
    return calls


def _members(association, n, status=MembershipStatus.APPROVED):
    for _ in range(n):
        testing.make_membership(association=association, enterprise=testing.make_enterprise(), status=status)


def test_gatherer_counts_the_portals_own_data(association_a, member_a, other_apps):
    _members(association_a, 4)
    _members(association_a, 2, status=MembershipStatus.REQUESTED)
    recent = testing.make_requirement(by=member_a)
    old = testing.make_requirement(by=member_a)
    open_one = testing.make_requirement(by=member_a)  # noqa: F841 - still open: not solved
    now = timezone.now()
    Requirement.objects.filter(pk=recent.pk).update(status=Status.CLOSED, resolved_at=now - datetime.timedelta(days=10))
    Requirement.objects.filter(pk=old.pk).update(status=Status.RESOLVED, resolved_at=now - datetime.timedelta(days=400))

    inputs = gather.gather_inputs(association_a)

    assert inputs.active_members == 5  # member_a and 4 more; requests do not count
    assert inputs.requirements_solved == 1  # the one solved over a year ago is outside the window
    assert inputs.events_held == 7
    assert inputs.services_sold == 12
    assert inputs.self_earned_share == Decimal("80.00")
    assert inputs.matrix_score is None  # no approved matrix yet
    since, until = other_apps["events"]
    assert (until - since).days == gather.WINDOW_DAYS
    assert until == timezone.localdate()


def test_gatherer_uses_the_latest_approved_matrix(advance, association_a, other_apps):
    advance(Step.DETAILED)
    inputs = gather.gather_inputs(association_a)
    assert inputs.matrix_score == association_a.matrices.get().score > 0


def test_a_failing_app_surfaces_instead_of_feeding_zeros_into_the_stage(association_a, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("half-built")

    monkeypatch.setattr(gather, "events_held_count", broken)
    with pytest.raises(RuntimeError, match="half-built"):
        gather.gather_inputs(association_a)


def test_matrix_values_from_portal_data(association_a, other_apps):
    association_a.website = "https://tiruppur.example.in"
    association_a.save(update_fields=["website"])
    _members(association_a, 10)
    values = gather.matrix_from_portal(association_a)
    assert values["website"] is True
    assert values["digital_member_database"] is True
    assert values["member_relationship_system"] is True
    assert values["paying_members"] is True  # 30 ≥ 25
    assert values["retention"] is False  # 69.9 % < 70 %
    assert values["own_revenue_reserves"] is True
    assert values["revenue_threshold"] is True  # ₹10 lakh ≥ ₹5 lakh
    assert values["services_offered"] is True
    assert values["linkage_sidbi"] is False


def test_matrix_answers_from_an_empty_book_with_no(association_a):
    values = gather.matrix_from_portal(association_a)
    assert values["website"] is False
    assert (values["paying_members"], values["services_offered"], values["own_revenue_reserves"]) == (
        False,
        False,
        False,
    )
    assert "retention" not in values  # nobody paid in the year before: no rate to judge


def test_stage_assess_from_gathered_inputs_places_the_cluster(association_a, officer, other_apps):
    assessment = services.stage_assess(association=association_a, by=officer)
    # 1 active member: short of establishment's 25, whatever the other numbers say.
    assert assessment.stage == Stage.INITIATION
    assert assessment.inputs["events_held"] == 7


def test_gatherer_against_the_real_apps(association_a, bearer_a):
    """With the other apps in place: their contracts answer, and the finances book feeds the share."""
    from django.utils import timezone as tz

    from portal.finances.services import ledger_record

    today = tz.localdate()
    ledger_record(
        association=association_a,
        direction="income",
        category="service_fees",
        amount=Decimal("300000"),
        on_date=today - datetime.timedelta(days=30),
        description="Testing services",
        by=bearer_a,
    )
    ledger_record(
        association=association_a,
        direction="income",
        category="grant_dia",
        amount=Decimal("100000"),
        on_date=today - datetime.timedelta(days=20),
        description="DIA tranche",
        by=bearer_a,
    )
    inputs = gather.gather_inputs(association_a)
    assert inputs.self_earned_share == Decimal("75.00")
    assert (inputs.events_held, inputs.services_sold) == (0, 0)
    values = gather.matrix_from_portal(association_a)
    assert values["services_offered"] is False
    assert values["linkage_sidbi"] is False
    assert not services.plan_approved(association_a)
