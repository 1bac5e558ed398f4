"""Demo action plans in every state for many associations: Tiruppur's is approved and under way (with
progress), Ludhiana's waits for its cluster expert. Deterministic, idempotent, no notifications."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from portal.accounts.models import SidbiRole, User
from portal.associations.models import Association, AssociationStaff
from portal.plans.catalogue import SUGGESTED_ACTIVITIES
from portal.plans.models import (
    ActionPlan,
    Activity,
    ActivityStatus,
    Decision,
    Indicator,
    PlanEvent,
    PlanStatus,
    ProgressReport,
    Target,
)

TIRUPPUR = "tiruppur-knitwear-manufacturers-association"
LUDHIANA = "ludhiana-engineering-manufacturers-association"
EXPERT_EMAIL = "expert@demo.diaportal.in"
CYCLE = [PlanStatus.APPROVED, PlanStatus.SUBMITTED, PlanStatus.DRAFT, PlanStatus.SENT_BACK, PlanStatus.REJECTED]


def _expert() -> User:
    expert = User.objects.filter(email=EXPERT_EMAIL).first()
    if expert is None:
        expert = User.objects.create_user(
            EXPERT_EMAIL, None, full_name="Dr. Meena Raghavan", sidbi_role=SidbiRole.CLUSTER_EXPERT
        )
        expert.set_unusable_password()
        expert.save(update_fields=["password"])
    return expert


def _aware(day: date):
    return timezone.make_aware(datetime.combine(day, time(11)))


def seed(*, rng: random.Random) -> None:
    if ActionPlan.objects.exists():
        return
    today = timezone.localdate()
    start = date(today.year if today.month >= 4 else today.year - 1, 4, 1)  # the Indian financial year
    end = date(start.year + 1, 3, 31)
    named = list(Association.objects.approved().filter(slug__in=[TIRUPPUR, LUDHIANA]).order_by("slug"))
    others = list(Association.objects.approved().exclude(slug__in=[TIRUPPUR, LUDHIANA]).order_by("pk"))
    associations = named + rng.sample(others, min(40, len(others)))
    expert = _expert()
    # Associations without a cluster expert get the demo one, so every submitted plan has a reviewer.
    Association.objects.filter(pk__in=[a.pk for a in associations], cluster_expert__isnull=True).update(
        cluster_expert=expert
    )
    experts = dict(Association.objects.filter(pk__in=[a.pk for a in associations]).values_list("pk", "cluster_expert"))
    bearers = dict(AssociationStaff.objects.filter(role="admin").values_list("association", "user"))
    plans = []
    for index, association in enumerate(associations):
        status = {TIRUPPUR: PlanStatus.APPROVED, LUDHIANA: PlanStatus.SUBMITTED}.get(association.slug, CYCLE[index % 5])
        plans.append(
            ActionPlan(
                association=association,
                title=f"Self-reliance plan {start.year}–{str(end.year)[2:]}",
                period_start=start,
                period_end=end,
                objectives=(
                    "Cover our running costs from services members value, reduce dependence on grants, "
                    "and grow the number of members paying dues on time."
                ),
                status=status,
                # Most demo associations have no log-in of their own: their plan is written by whoever registered them.
                created_by_id=bearers.get(association.pk, association.created_by_id),
                created_at=_aware(start - timedelta(days=30)),
                submitted_at=None if status == PlanStatus.DRAFT else _aware(start - timedelta(days=20)),
                decided_at=_aware(start - timedelta(days=10))
                if status in (PlanStatus.APPROVED, PlanStatus.SENT_BACK, PlanStatus.REJECTED)
                else None,
            )
        )
    ActionPlan.objects.bulk_create(plans)
    plans = list(ActionPlan.objects.select_related("association").order_by("pk"))
    activities, targets, events = [], [], []
    for plan in plans:
        tiruppur = plan.association.slug == TIRUPPUR
        picks = SUGGESTED_ACTIVITIES[:5] if tiruppur else rng.sample(SUGGESTED_ACTIVITIES, rng.randint(3, 5))
        for order, suggestion in enumerate(picks):
            first = start + timedelta(days=rng.randint(0, 120))
            last = min(first + timedelta(days=rng.randint(60, 240)), end)
            status = ActivityStatus.PLANNED
            if plan.status == PlanStatus.APPROVED:
                if last < today:
                    status = rng.choice([ActivityStatus.DONE, ActivityStatus.DONE, ActivityStatus.IN_PROGRESS])
                elif first <= today:
                    status = ActivityStatus.IN_PROGRESS
            activities.append(
                Activity(
                    plan=plan,
                    suggestion=suggestion.key,
                    title=str(suggestion.title),
                    owner_name=rng.choice(["Secretary", "Treasurer", "Joint secretary", "Office manager"]),
                    starts_on=first,
                    ends_on=last,
                    budget=Decimal(rng.randrange(50_000, 800_000, 5_000)),
                    status=status,
                    order=order,
                )
            )
        for indicator, baseline, goal in (
            (Indicator.PAYING_MEMBERS, rng.randint(40, 300), None),
            (Indicator.SELF_EARNED_INCOME, rng.randrange(200_000, 3_000_000, 10_000), None),
            (Indicator.SERVICES_SOLD, rng.randint(0, 150), None),
            (Indicator.EVENTS_HELD, rng.randint(2, 12), None),
        ):
            goal = int(baseline * rng.choice([1.2, 1.3, 1.5, 2])) + 1
            targets.append(Target(plan=plan, indicator=indicator, baseline=Decimal(baseline), target=Decimal(goal)))
        bearer, reviewer = plan.created_by_id, experts.get(plan.association_id)
        if plan.status != PlanStatus.DRAFT:
            events.append(PlanEvent(plan=plan, action=Decision.SUBMITTED, by_id=bearer, at=plan.submitted_at))
        if plan.status == PlanStatus.SENT_BACK:
            events.append(
                PlanEvent(
                    plan=plan,
                    action=Decision.SENT_BACK,
                    comments="Budget the common facility centre's running costs and add a target for paying members.",
                    by_id=reviewer,
                    at=plan.decided_at,
                )
            )
        elif plan.status == PlanStatus.REJECTED:
            events.append(
                PlanEvent(
                    plan=plan,
                    action=Decision.REJECTED,
                    comments="The activities do not earn income; please start again from the suggestions.",
                    by_id=reviewer,
                    at=plan.decided_at,
                )
            )
        elif plan.status == PlanStatus.APPROVED:
            if tiruppur:  # one round of comments before approval
                events.append(
                    PlanEvent(
                        plan=plan,
                        action=Decision.SENT_BACK,
                        comments="Add the yarn pool's service charge to the income target.",
                        by_id=reviewer,
                        at=plan.decided_at - timedelta(days=5),
                    )
                )
                events.append(
                    PlanEvent(
                        plan=plan, action=Decision.SUBMITTED, by_id=bearer, at=plan.decided_at - timedelta(days=2)
                    )
                )
            events.append(
                PlanEvent(
                    plan=plan, action=Decision.APPROVED, comments="A sound plan.", by_id=reviewer, at=plan.decided_at
                )
            )
    Activity.objects.bulk_create(activities)
    Target.objects.bulk_create(targets)
    PlanEvent.objects.bulk_create(events)
    reports = []
    for activity in (
        Activity.objects.filter(plan__status=PlanStatus.APPROVED)
        .exclude(status=ActivityStatus.PLANNED)
        .select_related("plan")
    ):
        share = (
            Decimal("0.9") if activity.status == ActivityStatus.DONE else Decimal(rng.choice(["0.2", "0.35", "0.5"]))
        )
        steps = 2 if activity.status == ActivityStatus.DONE else 1
        for step in range(steps):
            on = min(activity.starts_on + timedelta(days=30 * (step + 1)), today)
            reports.append(
                ProgressReport(
                    activity=activity,
                    notes="Work under way; members informed through the newsletter."
                    if step == 0
                    else "Completed; first paying users served.",
                    amount_spent=(activity.budget * share / steps).quantize(Decimal("1")),
                    status_after=ActivityStatus.IN_PROGRESS if step < steps - 1 else activity.status,
                    by_id=activity.plan.created_by_id,
                    at=_aware(on),
                )
            )
    ProgressReport.objects.bulk_create(reports)
