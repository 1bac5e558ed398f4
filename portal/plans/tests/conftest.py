"""Fixtures for action plans (the shared cast is in the root conftest.py)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from portal.plans import services
from portal.plans.models import ActionPlan


def period(years_from_now: int = 0) -> tuple[date, date]:
    """A one-year period that contains today (shifted by whole years)."""
    today = timezone.localdate()
    start = today - timedelta(days=100) + timedelta(days=365 * years_from_now)
    return start, start + timedelta(days=364)


def make_plan(association, by, *, suggestions=("testing", "training"), years_from_now: int = 0, **fields) -> ActionPlan:
    start, end = period(years_from_now)
    plan = services.plan_create(
        association=association,
        title=fields.pop("title", "Earning our way 2026"),
        period_start=start,
        period_end=end,
        objectives="Sell testing and training to members.",
        suggestions=list(suggestions),
        by=by,
    )
    for activity in plan.activities.all():
        activity.budget = Decimal("100000.00")
        activity.save(update_fields=["budget"])
    return plan


def submitted_plan(association, by, **kwargs) -> ActionPlan:
    return services.plan_submit(plan=make_plan(association, by, **kwargs), by=by)


def approved_plan(association, by, expert, **kwargs) -> ActionPlan:
    plan = submitted_plan(association, by, **kwargs)
    return services.plan_decide(plan=plan, decision="approved", by=expert)


@pytest.fixture
def plan_a(association_a, bearer_a, cluster_expert):
    return make_plan(association_a, bearer_a)
