"""The DIA scheme: an association's appraisal (steps, decisions, matrix) and its cluster stage over time."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.associations.models import Stage
from portal.associations.roles import is_sidbi_staff, managed_by


class Step(models.TextChoices):
    ELIGIBILITY = "eligibility", _("Eligibility check")
    IN_PRINCIPLE = "in_principle", _("In-principle approval")
    MATRIX = "matrix", _("Sustainability matrix")
    MATRIX_REVIEW = "matrix_review", _("Matrix review by the cluster expert")
    DETAILED = "detailed", _("Detailed appraisal: recommendation")
    SANCTION = "sanction", _("Detailed appraisal: sanction")
    IN_SCHEME = "in_scheme", _("In the scheme")
    REJECTED = "rejected", _("Not taken into the scheme")


OPEN_STEPS = {Step.ELIGIBILITY, Step.IN_PRINCIPLE, Step.MATRIX, Step.MATRIX_REVIEW, Step.DETAILED, Step.SANCTION}


class Decision(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RECOMMENDED = "recommended", _("Recommended for sanction")
    SENT_BACK = "sent_back", _("Sent back with comments")
    REJECTED = "rejected", _("Rejected")


class AppraisalQuerySet(models.QuerySet):
    def open(self):
        return self.filter(step__in=OPEN_STEPS)

    def visible_to(self, user):
        """SIDBI and admins see all; a cluster expert their associations'; an association's office its own."""

        if not user.is_authenticated:
            return self.none()
        if is_sidbi_staff(user):
            return self
        offices = managed_by(user).values("pk")
        return self.filter(Q(association__in=offices) | Q(association__cluster_expert=user))


class Appraisal(models.Model):
    """An association's way into the DIA scheme, step by step, from eligibility to sanction."""

    association = models.ForeignKey("associations.Association", on_delete=models.PROTECT, related_name="appraisals")
    step = models.CharField(max_length=20, choices=Step.choices, default=Step.ELIGIBILITY, db_index=True)
    eligibility = models.JSONField(default=dict, blank=True)
    eligibility_score = models.PositiveSmallIntegerField(default=0)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sanctioned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    step_since = models.DateTimeField(default=timezone.now)
    in_scheme_since = models.DateTimeField(null=True, blank=True)

    objects = AppraisalQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["association"],
                condition=~Q(step="rejected"),
                name="scheme_one_live_appraisal",
            ),
            # Maker–checker: the one who recommends is never the one who sanctions.
            models.CheckConstraint(
                condition=Q(recommended_by__isnull=True)
                | Q(sanctioned_by__isnull=True)
                | ~Q(recommended_by=models.F("sanctioned_by")),
                name="scheme_maker_is_not_checker",
            ),
        ]

    def __str__(self) -> str:
        return f"DIA appraisal of {self.association}"

    def get_absolute_url(self) -> str:
        return reverse("scheme:association", args=[self.association.slug])

    @property
    def is_open(self) -> bool:
        return self.step in OPEN_STEPS


class StepDecision(models.Model):
    """One immutable row of an appraisal's stage history: who decided what at which step, and why."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="decisions")
    step = models.CharField(max_length=20, choices=Step.choices)
    decision = models.CharField(max_length=12, choices=Decision.choices)
    to_step = models.CharField(max_length=20, choices=Step.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comments = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_step_display()}: {self.get_decision_display()}"

    def save(self, *args, **kwargs):
        # Decisions are history: written once, never changed.
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValueError("A step decision cannot be changed once recorded.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A step decision cannot be deleted.")


class SustainabilityMatrix(models.Model):
    """The association's answers to the 22 sustainability parameters, with what the portal's data says."""

    association = models.ForeignKey("associations.Association", on_delete=models.CASCADE, related_name="matrices")
    appraisal = models.OneToOneField(Appraisal, on_delete=models.CASCADE, related_name="matrix")
    answers = models.JSONField(default=dict, blank=True)
    portal_values = models.JSONField(default=dict, blank=True)
    score = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    tier = models.CharField(max_length=12, default="weak")
    updated_at = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name_plural = "sustainability matrices"

    def __str__(self) -> str:
        return f"Sustainability matrix of {self.association}"


class StageAssessment(models.Model):
    """The cluster's development stage on one date, with the inputs and dimension scores behind it."""

    association = models.ForeignKey(
        "associations.Association", on_delete=models.CASCADE, related_name="stage_assessments"
    )
    assessed_on = models.DateField(default=timezone.localdate, db_index=True)
    stage = models.CharField(max_length=20, choices=Stage.choices)
    inputs = models.JSONField(default=dict)
    dimension_scores = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["assessed_on", "id"]
        indexes = [models.Index(fields=["association", "assessed_on"])]

    def __str__(self) -> str:
        return f"{self.association}: {self.get_stage_display()} on {self.assessed_on}"
