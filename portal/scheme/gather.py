"""Collect what the portal knows about an association: stage-rule inputs and matrix parameters.

Other apps own most of the numbers (events, services, finances, support); the scheme sits above them
and calls their selectors directly, so a renamed function or a failing query surfaces as an error
instead of a silent zero in the cluster's stage.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from portal.associations.models import Membership
from portal.associations.models import Status as AssociationStatus
from portal.desk.models import SOLVED_STATUSES, Requirement
from portal.events.selectors import events_held_count
from portal.finances.indicators import indicators_for, paying_members_count, retention_rate
from portal.scheme import matrix
from portal.scheme.models import SustainabilityMatrix
from portal.scheme.selectors import is_in_scheme
from portal.scheme.stages import StageInputs
from portal.services.selectors import services_sold_count
from portal.support.selectors import support_totals

WINDOW_DAYS = 365


def _window(until: date | None) -> tuple:
    """(first day, last day) of the 12 months up to ``until`` (dates, both included) and the same as
    aware datetimes [start, end) for timestamp fields."""
    end = until or timezone.localdate()
    since = end - timedelta(days=WINDOW_DAYS)
    tz = timezone.get_current_timezone()
    since_dt = timezone.make_aware(datetime.combine(since, time.min), tz)
    until_dt = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz)
    return since, end, since_dt, until_dt


def active_members(association) -> int:
    return Membership.objects.active().filter(association=association).count()


def requirements_solved(association, *, since=None, until=None) -> int:
    queryset = Requirement.objects.filter(association=association, status__in=SOLVED_STATUSES)
    if since is not None:
        queryset = queryset.filter(resolved_at__gte=since)
    if until is not None:
        queryset = queryset.filter(resolved_at__lt=until)
    return queryset.count()


def latest_matrix(association):
    return (
        SustainabilityMatrix.objects.filter(association=association, approved_at__isnull=False)
        .order_by("-approved_at", "-id")
        .first()
    )


def gather_inputs(association, *, until: date | None = None) -> StageInputs:
    """The stage rule's inputs for one association, from the portal's data (last 12 months for activity)."""
    since, end, since_dt, until_dt = _window(until)
    approved = latest_matrix(association)
    share = indicators_for(association, months=12, until=end).self_earned_share
    return StageInputs(
        matrix_score=approved.score if approved else None,
        active_members=active_members(association),
        services_sold=services_sold_count(association, since=since_dt, until=until_dt),
        events_held=events_held_count(association, since=since, until=end),
        requirements_solved=requirements_solved(association, since=since_dt, until=until_dt),
        self_earned_share=None if share is None else Decimal(share),
    )


def matrix_from_portal(association) -> dict[str, bool]:
    """Matrix parameters the portal can answer from its own data; unknown ones are left out."""
    values: dict[str, bool] = {}
    values["website"] = bool(association.website)
    values["digital_member_database"] = active_members(association) >= matrix.MIN_PORTAL_MEMBERS
    values["member_relationship_system"] = (
        association.status == AssociationStatus.APPROVED and association.staff.exists()
    )
    values["paying_members"] = paying_members_count(association, months=12) >= matrix.MIN_PAYING_MEMBERS
    retention = retention_rate(association)
    if retention is not None:
        values["retention"] = retention >= matrix.MIN_RETENTION_PERCENT
    indicators = indicators_for(association, months=12)
    own, reserves, grants = indicators.self_earned_income, indicators.reserves, indicators.grant_income
    values["own_revenue_reserves"] = own > 0 and reserves > 0
    values["revenue_threshold"] = own + grants >= matrix.REVENUE_THRESHOLD
    values["services_offered"] = services_sold_count(association) > 0
    sanctioned = support_totals(association)["sanctioned"]
    values["linkage_sidbi"] = is_in_scheme(association) or sanctioned > 0
    return values
