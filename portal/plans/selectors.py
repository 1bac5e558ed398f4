"""Reads for action plans, including the contract other apps use (scheme stages, dashboards)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from portal.plans.models import ActionPlan, Activity, ActivityStatus, PlanStatus, ProgressReport


def current_approved_plan(association, *, today: date | None = None) -> ActionPlan | None:
    """The approved plan running today, else the next approved one to start; a plan whose period ended is not current."""
    today = today or timezone.localdate()
    return (
        ActionPlan.objects.filter(association=association, status=PlanStatus.APPROVED, period_end__gte=today)
        .order_by("period_start", "pk")
        .first()
    )


def has_approved_plan(association) -> bool:
    """Contract: the association has a current approved action plan (see current_approved_plan)."""
    return current_approved_plan(association) is not None


@dataclass
class Totals:
    done: int
    total: int
    percent: int
    budget: Decimal
    spent: Decimal
    spent_percent: int
    time_percent: int


def plan_totals(plan: ActionPlan, *, activities=None, today: date | None = None) -> Totals:
    """Done vs total activities (dropped ones left out), budget vs spent, and how much of the period has passed."""
    today = today or timezone.localdate()
    activities = list(activities if activities is not None else plan.activities.all())
    live = [activity for activity in activities if activity.status != ActivityStatus.DROPPED]
    done = sum(1 for activity in live if activity.status == ActivityStatus.DONE)
    budget = sum((activity.budget for activity in live), Decimal("0.00"))
    spent = ProgressReport.objects.filter(activity__plan=plan).aggregate(total=Sum("amount_spent"))["total"]
    spent = spent or Decimal("0.00")
    days = (plan.period_end - plan.period_start).days or 1
    elapsed = min(max((today - plan.period_start).days, 0), days)
    return Totals(
        done=done,
        total=len(live),
        percent=done * 100 // len(live) if live else 0,
        budget=budget,
        spent=spent,
        spent_percent=int(spent * 100 / budget) if budget else 0,
        time_percent=elapsed * 100 // days,
    )


def plan_progress(association) -> dict | None:
    """Contract: progress of the current approved plan, or None when there is none."""
    plan = current_approved_plan(association)
    if plan is None:
        return None
    totals = plan_totals(plan)
    return {
        "plan": plan,
        "done": totals.done,
        "total": totals.total,
        "percent": totals.percent,
        "budget": totals.budget,
        "spent": totals.spent,
    }


def spent_by_activity(plan: ActionPlan) -> dict[int, Decimal]:
    rows = Activity.objects.filter(plan=plan).annotate(spent=Sum("reports__amount_spent")).values_list("pk", "spent")
    return {pk: spent or Decimal("0.00") for pk, spent in rows}
