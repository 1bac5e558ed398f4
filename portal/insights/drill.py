"""What "the associations behind a figure" means, for every figure that counts records or buckets.

Each drill key becomes a database condition on associations (``Exists`` for activity within the
period, annotations for the money buckets), used both to count the figure and to list the
associations behind it, so the two can never disagree.
"""

from decimal import Decimal

from django.db.models import DecimalField, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ZERO = Decimal("0.00")

SHARE_BUCKETS = [
    ("none", _("No income recorded")),
    ("lt25", _("Under 25%")),
    ("25to50", _("25% to 50%")),
    ("50to75", _("50% to 75%")),
    ("75plus", _("75% or more")),
]
COVERAGE_BUCKETS = [
    ("none", _("No running costs recorded")),
    ("lt25", _("Under 25% of costs")),
    ("25to50", _("25% to 50%")),
    ("50to100", _("50% to 100%")),
    ("100plus", _("Costs covered (100% or more)")),
]


def with_money(associations, bounds):
    """Annotate self-earned income, grants and running costs within the period (one sub-query each)."""
    from portal.finances.indicators import GRANTS, RUNNING, SELF_EARNED
    from portal.finances.models import LedgerEntry

    start, end = bounds
    window = LedgerEntry.objects.filter(association=OuterRef("pk"), on_date__gte=start, on_date__lte=end)

    def total(condition):
        summed = window.filter(condition).order_by().values("association").annotate(t=Sum("amount")).values("t")[:1]
        return Coalesce(Subquery(summed), Value(ZERO), output_field=DecimalField(max_digits=16, decimal_places=2))

    return associations.annotate(self_earned=total(SELF_EARNED), grants=total(GRANTS), running=total(RUNNING)).annotate(
        income_total=F("self_earned") + F("grants")
    )


def share_condition(bucket: str) -> Q:
    income = Q(income_total__gt=0)
    limits = {"lt25": (None, "0.25"), "25to50": ("0.25", "0.50"), "50to75": ("0.50", "0.75"), "75plus": ("0.75", None)}
    if bucket == "none":
        return Q(income_total__lte=0)
    low, high = limits[bucket]
    if low is not None:
        income &= Q(self_earned__gte=F("income_total") * Decimal(low))
    if high is not None:
        income &= Q(self_earned__lt=F("income_total") * Decimal(high))
    return income


def coverage_condition(bucket: str) -> Q:
    costs = Q(running__gt=0)
    limits = {"lt25": (None, "0.25"), "25to50": ("0.25", "0.50"), "50to100": ("0.50", "1"), "100plus": ("1", None)}
    if bucket == "none":
        return Q(running__lte=0)
    low, high = limits[bucket]
    if low is not None:
        costs &= Q(self_earned__gte=F("running") * Decimal(low))
    if high is not None:
        costs &= Q(self_earned__lt=F("running") * Decimal(high))
    return costs


def _period(field: str, bounds) -> Q:
    from portal.insights.figures import in_period

    return in_period(field, bounds)


def activity_condition(key: str, bounds):
    """Associations with at least one record of the kind in the period (None for an unknown key)."""
    from portal.desk.models import OPEN_STATUSES, Requirement, Status
    from portal.desk.selectors import overdue_q
    from portal.events.models import TRAINING_KINDS, Event, EventKind, EventStatus, Registration
    from portal.support.models import Sanction, Tranche, UCStatus, UtilisationCertificate

    mine = {"association": OuterRef("pk")}
    held = Q(status=EventStatus.PUBLISHED, ends_at__lte=timezone.now()) & _period("ends_at", bounds)
    conditions = {
        "requirements_posted": lambda: Requirement.objects.filter(_period("posted_at", bounds), **mine),
        "requirements_resolved": lambda: Requirement.objects.filter(
            _period("resolved_at", bounds), status__in=[Status.RESOLVED, Status.CLOSED], **mine
        ),
        "requirements_overdue": lambda: Requirement.objects.filter(overdue_q(), **mine),
        "requirements_open": lambda: Requirement.objects.filter(status__in=OPEN_STATUSES, **mine),
        "trainings_held": lambda: Event.objects.filter(held, kind__in=TRAINING_KINDS, owner=OuterRef("pk")),
        "webinars_held": lambda: Event.objects.filter(held, kind=EventKind.WEBINAR, owner=OuterRef("pk")),
        "accounted": lambda: UtilisationCertificate.objects.filter(
            _period("decided_at", bounds), status=UCStatus.ACCEPTED, tranche__sanction__association=OuterRef("pk")
        ),
        "events_held": lambda: Event.objects.filter(held, owner=OuterRef("pk")),
        "trained": lambda: Registration.objects.filter(
            _period("event__ends_at", bounds),
            attended_at__isnull=False,
            event__kind__in=TRAINING_KINDS,
            event__status=EventStatus.PUBLISHED,
            event__owner=OuterRef("pk"),
        ),
        "sanctioned": lambda: Sanction.objects.filter(_period("approved_at", bounds), **mine),
        "released": lambda: Tranche.objects.filter(
            _period("released_at", bounds), sanction__association=OuterRef("pk"), released_at__isnull=False
        ),
    }
    if key not in conditions:
        return None
    return Exists(conditions[key]())
