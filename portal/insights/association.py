"""An association's own dashboard: its members, requirements, events, services, money, stage and plan.

Each figure comes from the app that owns the records, through that app's selector, so the rules for
"an event held" or "self-earned income" live in one place.
"""

from datetime import timedelta

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.associations.models import Membership, MembershipStatus, Stage
from portal.core.charts import Chart, Series
from portal.insights.figures import Figure, days, median_duration

STAGE_ORDER = [value for value, _label in Stage.choices]


def month_starts(count: int, today=None) -> list:
    today = today or timezone.localdate()
    first = today.replace(day=1)
    months = []
    for _index in range(count):
        months.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def member_growth(association, months: int = 12):
    """Members joined per month for the last ``months`` months, and the running total (2 queries)."""
    starts = month_starts(months)
    active = Membership.objects.filter(association=association, status=MembershipStatus.APPROVED)
    since = timezone.make_aware(timezone.datetime.combine(starts[0], timezone.datetime.min.time()))
    before = active.filter(decided_at__lt=since).count()
    joined = dict(
        active.filter(decided_at__gte=since)
        .annotate(month=TruncMonth("decided_at"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    joined = {(key.date() if hasattr(key, "date") else key): n for key, n in joined.items()}
    per_month = [joined.get(start, 0) for start in starts]
    running, totals = before, []
    for n in per_month:
        running += n
        totals.append(running)
    return starts, per_month, totals


def association_figures(association) -> dict:
    from portal.desk.models import OPEN_STATUSES, Requirement, Status
    from portal.desk.selectors import overdue_q
    from portal.events.selectors import events_held_count, people_trained_count
    from portal.finances.indicators import indicators_for
    from portal.plans.selectors import plan_progress
    from portal.services.selectors import service_income, services_sold_count

    now = timezone.now()
    since = now - timedelta(days=365)
    starts, joined, totals = member_growth(association)
    labels = [start.strftime("%b %Y") for start in starts]

    requirements = Requirement.objects.filter(association=association)
    counts = requirements.aggregate(
        posted=Count("pk", filter=models_q(posted_at__gte=since)),
        resolved=Count("pk", filter=models_q(resolved_at__gte=since, status__in=[Status.RESOLVED, Status.CLOSED])),
        open=Count("pk", filter=models_q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=overdue_q()),
    )
    resolution = days(median_duration(requirements.filter(resolved_at__gte=since), "posted_at", "resolved_at"))
    first_response = days(median_duration(requirements.filter(posted_at__gte=since), "posted_at", "first_response_at"))
    indicators = indicators_for(association)
    stage_index = STAGE_ORDER.index(association.stage) if association.stage in STAGE_ORDER else 0
    next_stage = Stage(STAGE_ORDER[stage_index + 1]).label if stage_index + 1 < len(STAGE_ORDER) else None
    shortfalls = stage_shortfalls(association)

    return {
        "members": [
            Figure("members", _("Members on the portal"), totals[-1] if totals else 0),
            Figure("joined", _("Joined in the last 12 months"), sum(joined)),
        ],
        "requirements": [
            Figure("posted", _("Requirements posted (12 months)"), counts["posted"]),
            Figure("resolved", _("Resolved (12 months)"), counts["resolved"]),
            Figure("open", _("Open now"), counts["open"]),
            Figure("overdue", _("Overdue now"), counts["overdue"]),
            Figure("first_response", _("Median time to first response"), first_response, unit=_("days")),
            Figure("resolution", _("Median time to resolution"), resolution, unit=_("days")),
        ],
        "activity": [
            Figure("events", _("Events held (12 months)"), events_held_count(association, since=since)),
            Figure(
                "trained", _("People trained (12 months)"), people_trained_count(association=association, since=since)
            ),
            Figure("services", _("Services sold (12 months)"), services_sold_count(association, since=since)),
            Figure(
                "service_income",
                _("Income from services (12 months)"),
                service_income(association, since=since),
                unit="₹",
            ),
        ],
        "money": [
            Figure("self_earned", _("Self-earned income (12 months)"), indicators.self_earned_income, unit="₹"),
            Figure("share", _("Self-earned share of income"), indicators.self_earned_share, unit="%"),
            Figure("coverage", _("Cost coverage (self-earned ÷ running costs)"), indicators.cost_coverage, unit="×"),
            Figure("reserves", _("Months of reserves"), indicators.months_of_reserves, unit=_("months")),
        ],
        "stage": {
            "current": association.get_stage_display(),
            "index": stage_index + 1,
            "next": next_stage,
            "shortfalls": shortfalls,
        },
        "plan": plan_progress(association),
        "charts": [
            Chart(
                kind="bar",
                title=_("Members: joined each month and the total"),
                labels=labels,
                series=[Series(_("Joined"), joined), Series(_("Total members"), totals, kind="line")],
                summary=_("%(total)s members now; %(joined)s joined in the last 12 months.")
                % {"total": totals[-1] if totals else 0, "joined": sum(joined)},
            )
        ],
    }


def stage_shortfalls(association) -> list:
    """What the association lacks for the next stage, by the scheme's rule, from its latest assessment."""
    from portal.scheme import stages
    from portal.scheme.models import StageAssessment

    target = stages.next_stage(association.stage)
    latest = StageAssessment.objects.filter(association=association).order_by("-assessed_on", "-pk").first()
    if target is None or latest is None:
        return []
    return stages.shortfalls(stages.StageInputs.from_snapshot(latest.inputs), target)


def models_q(**lookups):
    from django.db.models import Q

    return Q(**lookups)
