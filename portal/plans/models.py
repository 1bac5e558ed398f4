"""Action plans: what an association means to do in a period to pay its own way, and how it is going."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.associations.roles import is_sidbi_staff, managed_by
from portal.plans.catalogue import SUGGESTION_CHOICES


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SENT_BACK = "sent_back", _("Sent back")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


# The association may change the plan's structure (dates, objectives, activities, targets) only in these.
EDITABLE = frozenset({PlanStatus.DRAFT, PlanStatus.SENT_BACK})
# A rejected plan no longer holds its period: the association may write a new one for it.
CURRENT = frozenset(set(PlanStatus.values) - {PlanStatus.REJECTED})


class ActionPlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Its association's office sees every plan; the assigned cluster expert and SIDBI see plans once submitted."""
        from portal.associations.models import Association

        if not user.is_authenticated:
            return self.none()
        if is_sidbi_staff(user):
            return self.exclude(status=PlanStatus.DRAFT)
        own = managed_by(user).values("pk")
        advised = Association.objects.advised_by(user).values("pk")
        return self.filter(Q(association__in=own) | (Q(association__in=advised) & ~Q(status=PlanStatus.DRAFT)))


class ActionPlan(models.Model):
    """An association's plan for a period: objectives, activities with budgets, and indicator targets."""

    association = models.ForeignKey("associations.Association", on_delete=models.PROTECT, related_name="action_plans")
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    objectives = models.TextField(_("objectives"), max_length=6000)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gt=F("period_start")), name="plans_period_order"),
            models.UniqueConstraint(
                fields=["association", "period_start", "period_end"],
                condition=~Q(status="rejected"),
                name="plans_one_current_per_period",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Activity(models.Model):
    """One thing the plan will do, with an owner, dates and a budget; its spending comes from progress reports."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="activities")
    suggestion = models.CharField(_("based on"), max_length=30, choices=SUGGESTION_CHOICES, blank=True)
    title = models.CharField(_("activity"), max_length=200)
    owner_name = models.CharField(_("who leads it"), max_length=120)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    budget = models.DecimalField(_("budget (₹)"), max_digits=14, decimal_places=2, default=0)
    status = models.CharField(
        _("status"), max_length=12, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "starts_on", "id"]
        verbose_name_plural = "activities"
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="plans_activity_dates"),
            models.CheckConstraint(condition=Q(budget__gte=0), name="plans_activity_budget_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class Indicator(models.TextChoices):
    PAYING_MEMBERS = "paying_members", _("Paying members")
    SELF_EARNED_INCOME = "self_earned_income", _("Self-earned income (₹)")
    SERVICES_SOLD = "services_sold", _("Services sold")
    EVENTS_HELD = "events_held", _("Events held")
    PEOPLE_TRAINED = "people_trained", _("People trained")
    OTHER = "other", _("Other")


class Target(models.Model):
    """A key indicator the plan means to move: where it stands (baseline) and where it should be (target)."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="targets")
    indicator = models.CharField(_("indicator"), max_length=20, choices=Indicator.choices)
    label = models.CharField(_("name (for other indicators)"), max_length=120, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, default=0)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.label if self.indicator == Indicator.OTHER and self.label else str(self.get_indicator_display())


class Decision(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    SENT_BACK = "sent_back", _("Sent back with comments")
    REJECTED = "rejected", _("Rejected")


class PlanEvent(models.Model):
    """One step of the plan's review history: a submission or the expert's decision, with comments."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=Decision.choices)
    comments = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.plan_id})"


def evidence_path(instance, filename: str) -> str:
    return f"plans/evidence/{uuid.uuid4().hex}"


class ProgressReport(models.Model):
    """The association's report on an activity: what happened, money spent, evidence, and the status after."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="reports")
    notes = models.TextField(_("what happened"), max_length=4000)
    amount_spent = models.DecimalField(_("amount spent (₹)"), max_digits=14, decimal_places=2, default=0)
    status_after = models.CharField(_("status now"), max_length=12, choices=ActivityStatus.choices)
    evidence = models.FileField(_("evidence (PDF or image)"), upload_to=evidence_path, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(amount_spent__gte=0), name="plans_spent_positive")]

    def __str__(self) -> str:
        return f"Report on {self.activity_id}"
