"""Collect what the portal knows about an association: stage-rule inputs and matrix parameters.

Other apps own most of the numbers (events, services, finances, support); they are imported lazily
and a missing app or function counts as "not known" (zero or None), so this module works while they
are being built and on a portal that runs without them.
"""

import importlib
import logging
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from portal.scheme import matrix
from portal.scheme.stages import StageInputs

log = logging.getLogger(__name__)
WINDOW_DAYS = 365


def optional(module: str, name: str):
    """``module.name`` if that app provides it, else None."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def _call(module: str, name: str, *args, default=None, **kwargs):
    function = optional(module, name)
    if function is None:
        return default
    try:
        return function(*args, **kwargs)
    except Exception:  # another app's bug must not break the scheme pages or the nightly job
        log.exception("scheme: %s.%s failed", module, name)
        return default


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
    from portal.associations.models import Membership

    return Membership.objects.active().filter(association=association).count()


def requirements_solved(association, *, since=None, until=None) -> int:
    from portal.desk.models import Requirement, Status

    queryset = Requirement.objects.filter(association=association, status__in=[Status.RESOLVED, Status.CLOSED])
    if since is not None:
        queryset = queryset.filter(resolved_at__gte=since)
    if until is not None:
        queryset = queryset.filter(resolved_at__lt=until)
    return queryset.count()


def latest_matrix(association):
    from portal.scheme.models import SustainabilityMatrix

    return (
        SustainabilityMatrix.objects.filter(association=association, approved_at__isnull=False)
        .order_by("-approved_at", "-id")
        .first()
    )


def gather_inputs(association, *, until: date | None = None) -> StageInputs:
    """The stage rule's inputs for one association, from the portal's data (last 12 months for activity)."""
    since, end, since_dt, until_dt = _window(until)
    approved = latest_matrix(association)
    indicators = _call("portal.finances.indicators", "indicators_for", association, months=12, until=end)
    share = getattr(indicators, "self_earned_share", None)
    return StageInputs(
        matrix_score=approved.score if approved else None,
        active_members=active_members(association),
        services_sold=int(
            _call(
                "portal.services.selectors",
                "services_sold_count",
                association,
                since=since_dt,
                until=until_dt,
                default=0,
            )
        ),
        events_held=int(
            _call("portal.events.selectors", "events_held_count", association, since=since, until=end, default=0)
        ),
        requirements_solved=requirements_solved(association, since=since_dt, until=until_dt),
        self_earned_share=None if share is None else Decimal(share),
    )


def matrix_from_portal(association) -> dict[str, bool]:
    """Matrix parameters the portal can answer from its own data; unknown ones are left out."""
    from portal.associations.models import Status

    values: dict[str, bool] = {}
    values["website"] = bool(association.website)
    values["digital_member_database"] = active_members(association) >= matrix.MIN_PORTAL_MEMBERS
    values["member_relationship_system"] = association.status == Status.APPROVED and association.staff.exists()
    paying = _call("portal.finances.indicators", "paying_members_count", association, months=12)
    if paying is not None:
        values["paying_members"] = int(paying) >= matrix.MIN_PAYING_MEMBERS
    retention = _call("portal.finances.indicators", "retention_rate", association)
    if retention is not None:
        values["retention"] = Decimal(retention) >= matrix.MIN_RETENTION_PERCENT
    indicators = _call("portal.finances.indicators", "indicators_for", association, months=12)
    if indicators is not None:
        own = getattr(indicators, "self_earned_income", None) or Decimal(0)
        reserves = getattr(indicators, "reserves", None) or Decimal(0)
        grants = getattr(indicators, "grant_income", None) or Decimal(0)
        values["own_revenue_reserves"] = own > 0 and reserves > 0
        values["revenue_threshold"] = own + grants >= matrix.REVENUE_THRESHOLD
    sold = _call("portal.services.selectors", "services_sold_count", association)
    if sold is not None:
        values["services_offered"] = int(sold) > 0
    totals = _call("portal.support.selectors", "support_totals", association=association)
    from portal.scheme.selectors import is_in_scheme

    sanctioned = _sum_sanctioned(totals)
    values["linkage_sidbi"] = is_in_scheme(association) or sanctioned > 0
    return values


def _sum_sanctioned(totals) -> Decimal:
    """support_totals may give one figure or one per head; add up what is there."""
    if not isinstance(totals, dict):
        return Decimal(0)
    value = totals.get("sanctioned", 0)
    if isinstance(value, dict):
        return sum((Decimal(v or 0) for v in value.values()), Decimal(0))
    try:
        return Decimal(value or 0)
    except (TypeError, ArithmeticError, ValueError):
        return Decimal(0)
