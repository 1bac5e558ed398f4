"""Writes for action plans: create, edit, submit, decide (the cluster expert) and report progress."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.associations.models import Association
from portal.associations.permissions import is_cluster_expert_for
from portal.associations.roles import office_users
from portal.core.audit import audit
from portal.core.errors import ActionRefused
from portal.core.i18n import Msg
from portal.core.money import to_rupees
from portal.core.uploads import validate_upload
from portal.notifications.services import notify
from portal.plans import permissions, states
from portal.plans.catalogue import SUGGESTIONS_BY_KEY
from portal.plans.models import (
    CURRENT,
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

EVIDENCE_KINDS = ("pdf", "image")
ACTIVITY_FIELDS = ("suggestion", "title", "owner_name", "starts_on", "ends_on", "budget", "status")
TARGET_FIELDS = ("indicator", "label", "baseline", "target")
KEY_INDICATORS = (
    Indicator.PAYING_MEMBERS,
    Indicator.SELF_EARNED_INCOME,
    Indicator.SERVICES_SOLD,
    Indicator.EVENTS_HELD,
)


def _check_period(association: Association, start: date, end: date, *, exclude_pk: int | None = None) -> None:
    if end <= start:
        raise ActionRefused(_("The period must end after it starts."))
    overlapping = ActionPlan.objects.filter(
        association=association, status__in=CURRENT, period_start__lte=end, period_end__gte=start
    )
    if exclude_pk:
        overlapping = overlapping.exclude(pk=exclude_pk)
    if overlapping.exists():
        raise ActionRefused(
            _("Your association already has a plan for (part of) this period: %(title)s.")
            % {"title": overlapping.first().title}
        )


def _lock_association(association: Association) -> Association:
    # Serialises plan writes of one association, so two plans for the same period cannot slip in side by side.
    return Association.objects.select_for_update().get(pk=association.pk)


def _other_app_value(read) -> Decimal | None:
    """A baseline read from another app's contract; None while that app is absent or not migrated yet.

    Baselines only pre-fill the form, so a missing app must never stop a plan being written. The savepoint keeps
    the surrounding transaction usable (PostgreSQL) if the read fails.
    """
    try:
        with transaction.atomic():
            return Decimal(read())
    except (ImportError, AttributeError, DatabaseError):
        return None


def _paying_members(association):
    from portal.finances.indicators import paying_members_count

    return paying_members_count(association)


def _self_earned(association):
    from portal.finances.indicators import indicators_for

    return to_rupees(indicators_for(association).self_earned_income)


def _events_held(association):
    from portal.events.selectors import events_held_count

    today = timezone.localdate()
    return events_held_count(association, since=today - timedelta(days=365))


def baselines(association: Association) -> dict[str, Decimal]:
    """Last year's value of each key indicator, where the app that owns it answers (0 otherwise)."""
    from portal.services.selectors import services_sold_count

    year_ago = timezone.localdate() - timedelta(days=365)
    values = {Indicator.SERVICES_SOLD: Decimal(services_sold_count(association, since=year_ago))}
    for indicator, read in (
        (Indicator.PAYING_MEMBERS, _paying_members),
        (Indicator.SELF_EARNED_INCOME, _self_earned),
        (Indicator.EVENTS_HELD, _events_held),
    ):
        value = _other_app_value(lambda read=read: read(association))
        values[indicator] = value if value is not None else Decimal("0")
    return {indicator: values[indicator] for indicator in KEY_INDICATORS}


@transaction.atomic
def plan_create(
    *,
    association: Association,
    title: str,
    period_start: date,
    period_end: date,
    objectives: str,
    suggestions: list[str] = (),
    by,
) -> ActionPlan:
    """A draft plan, with one activity for each suggested activity picked and the key indicators as targets."""
    if not permissions.can_write_plans(by, association):
        raise ActionRefused(_("Only office-bearers of an approved association write its action plan."))
    association = _lock_association(association)
    _check_period(association, period_start, period_end)
    try:
        with transaction.atomic():
            plan = ActionPlan.objects.create(
                association=association,
                title=title,
                period_start=period_start,
                period_end=period_end,
                objectives=objectives,
                created_by=by,
            )
    except IntegrityError as exc:
        raise ActionRefused(_("Your association already has a plan for this period.")) from exc
    owner = by.get_full_name()
    Activity.objects.bulk_create(
        Activity(
            plan=plan,
            suggestion=key,
            title=str(SUGGESTIONS_BY_KEY[key].title),
            owner_name=owner,
            starts_on=period_start,
            ends_on=period_end,
            order=index,
        )
        for index, key in enumerate(key for key in suggestions if key in SUGGESTIONS_BY_KEY)
    )
    Target.objects.bulk_create(
        Target(plan=plan, indicator=indicator, baseline=value, target=value)
        for indicator, value in baselines(association).items()
    )
    audit(actor=by, action="plans.created", target=plan, association=association)
    return plan


def _clean_activity(plan_start: date, plan_end: date, data: dict) -> dict:
    values = {field: data[field] for field in ACTIVITY_FIELDS if field in data}
    if values["ends_on"] < values["starts_on"]:
        raise ActionRefused(_("“%(title)s” must end after it starts.") % {"title": values["title"]})
    if values["starts_on"] < plan_start or values["ends_on"] > plan_end:
        raise ActionRefused(_("“%(title)s” must fall within the plan's period.") % {"title": values["title"]})
    values["budget"] = to_rupees(values.get("budget") or 0)
    if values["budget"] < 0:
        raise ActionRefused(_("A budget cannot be negative."))
    return values


@transaction.atomic
def plan_update(
    *, plan: ActionPlan, fields: dict, activities: list[dict] = (), targets: list[dict] = (), by
) -> ActionPlan:
    """Change the plan's dates, objectives, activities and targets while it is a draft or sent back.

    ``activities`` and ``targets`` are rows: ``{"id": pk or None, "delete": bool, <fields>}``.
    """
    _lock_association(plan.association)
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if not permissions.can_edit(by, plan):
        raise ActionRefused(
            _("This plan can no longer be changed: it is %(status)s.") % {"status": plan.get_status_display()}
        )
    for name in ("title", "period_start", "period_end", "objectives"):
        if name in fields:
            setattr(plan, name, fields[name])
    _check_period(plan.association, plan.period_start, plan.period_end, exclude_pk=plan.pk)
    plan.save(update_fields=["title", "period_start", "period_end", "objectives"])
    existing = {activity.pk: activity for activity in plan.activities.all()}
    next_order = max((activity.order for activity in existing.values()), default=-1) + 1
    for row in activities:
        current = existing.get(row.get("id")) if row.get("id") else None
        if row.get("delete"):
            if current is not None:
                current.delete()
            continue
        values = _clean_activity(plan.period_start, plan.period_end, row)
        if current is None:
            Activity.objects.create(plan=plan, order=next_order, **values)
            next_order += 1
        else:
            for name, value in values.items():
                setattr(current, name, value)
            current.save()
    # Activities not sent back in the rows keep their values but must still fit the (maybe new) period.
    for activity in plan.activities.all():
        if activity.starts_on < plan.period_start or activity.ends_on > plan.period_end:
            raise ActionRefused(_("“%(title)s” must fall within the plan's period.") % {"title": activity.title})
    current_targets = {target.pk: target for target in plan.targets.all()}
    for row in targets:
        current = current_targets.get(row.get("id")) if row.get("id") else None
        if row.get("delete"):
            if current is not None:
                current.delete()
            continue
        values = {field: row[field] for field in TARGET_FIELDS if field in row}
        values["label"] = values.get("label") or ""
        if values["indicator"] == Indicator.OTHER and not values["label"]:
            raise ActionRefused(_("Name the indicator when you choose “Other”."))
        if current is None:
            Target.objects.create(plan=plan, **values)
        else:
            for name, value in values.items():
                setattr(current, name, value)
            current.save()
    audit(actor=by, action="plans.updated", target=plan, association=plan.association)
    return plan


@transaction.atomic
def plan_submit(*, plan: ActionPlan, by) -> ActionPlan:
    """Send the plan to the association's cluster expert for review."""
    plan = ActionPlan.objects.select_for_update().select_related("association").get(pk=plan.pk)
    if not permissions.can_write_plans(by, plan.association):
        raise ActionRefused(_("Only office-bearers of the association submit its plan."))
    states.check_transition(plan.status, PlanStatus.SUBMITTED)
    if not plan.activities.exists():
        raise ActionRefused(_("Add at least one activity before submitting the plan."))
    if not plan.targets.exists():
        raise ActionRefused(_("Set at least one target before submitting the plan."))
    expert = plan.association.cluster_expert
    if expert is None or not expert.is_active:
        raise ActionRefused(_("No cluster expert is assigned to your association yet; SIDBI assigns one."))
    plan.status = PlanStatus.SUBMITTED
    plan.submitted_at = timezone.now()
    plan.save(update_fields=["status", "submitted_at"])
    PlanEvent.objects.create(plan=plan, action=Decision.SUBMITTED, by=by)
    notify(
        users=[expert],
        kind="plans.submitted",
        title=Msg(
            "%(association)s submitted its action plan: %(title)s", association=plan.association.name, title=plan.title
        ),
        link=plan.get_absolute_url(),
    )
    audit(actor=by, action="plans.submitted", target=plan, association=plan.association)
    return plan


DECISIONS = {
    Decision.APPROVED: PlanStatus.APPROVED,
    Decision.SENT_BACK: PlanStatus.SENT_BACK,
    Decision.REJECTED: PlanStatus.REJECTED,
}


@transaction.atomic
def plan_decide(*, plan: ActionPlan, decision: str, comments: str = "", by) -> ActionPlan:
    """The cluster expert approves the plan, sends it back with comments, or rejects it (with reasons)."""
    plan = ActionPlan.objects.select_for_update().select_related("association").get(pk=plan.pk)
    if decision not in DECISIONS:
        raise ActionRefused(_("Choose approve, send back or reject."))
    if not is_cluster_expert_for(by, plan.association):
        raise ActionRefused(_("Only the association's assigned cluster expert decides its plan."))
    states.check_transition(plan.status, DECISIONS[decision])
    comments = comments.strip()
    if decision != Decision.APPROVED and not comments:
        raise ActionRefused(_("Say what the association should change (or why the plan is rejected)."))
    plan.status = DECISIONS[decision]
    plan.decided_at = timezone.now()
    plan.save(update_fields=["status", "decided_at"])
    PlanEvent.objects.create(plan=plan, action=decision, comments=comments, by=by)
    notify(
        users=office_users(plan.association, admins_only=True),
        kind="plans.decided",
        title=Msg("Your action plan “%(title)s”: %(decision)s", title=plan.title, decision=Decision(decision).label),
        link=plan.get_absolute_url(),
        body=comments,
    )
    audit(actor=by, action=f"plans.{decision}", target=plan, association=plan.association, comments=comments)
    return plan


@transaction.atomic
def activity_report(
    *, activity: Activity, notes: str, amount_spent: Decimal, status: str, evidence=None, by
) -> ProgressReport:
    """Report progress on an activity of an approved plan: notes, money spent, evidence and its new status."""
    activity = Activity.objects.select_for_update().select_related("plan__association").get(pk=activity.pk)
    plan = activity.plan
    if not permissions.can_report_progress(by, plan):
        raise ActionRefused(_("Progress is reported by the association's office on an approved plan."))
    if status not in ActivityStatus.values:
        raise ActionRefused(_("Choose a valid status."))
    if not notes.strip():
        raise ActionRefused(_("Say what happened."))
    amount_spent = to_rupees(amount_spent or 0)
    if amount_spent < 0:
        raise ActionRefused(_("The amount spent cannot be negative."))
    report = ProgressReport(activity=activity, notes=notes, amount_spent=amount_spent, status_after=status, by=by)
    if evidence:
        try:
            validate_upload(evidence, kinds=EVIDENCE_KINDS)
        except ValidationError as exc:
            raise ActionRefused(exc.messages[0]) from exc
        report.evidence.save("evidence", evidence, save=False)
    report.save()
    if activity.status != status:
        activity.status = status
        activity.save(update_fields=["status"])
    audit(
        actor=by,
        action="plans.progress_reported",
        target=activity,
        association=plan.association,
        status=status,
        amount_spent=str(amount_spent),
    )
    return report
