"""DIA support: an association's application under the three heads, SIDBI's maker–checker decision, the
sanction, its tranches and the utilisation certificates that account for them.

Money rows are never edited once decided: a sanction's amounts, a released tranche and a decided certificate
stay as they are; anything else is a new row (see services.py and docs/decisions).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.associations.roles import is_sidbi_staff

MONEY = {"max_digits": 14, "decimal_places": 2}


class Head(models.TextChoices):
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    HUMAN_RESOURCES = "human_resources", _("Trained human resources")
    INITIAL_ACTIVITIES = "initial_activities", _("Initial activities")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, with the officer")
    SENT_BACK = "sent_back", _("Sent back to the association")
    RECOMMENDED = "recommended", _("Recommended, with the sanctioning authority")
    APPROVED = "approved", _("Sanctioned")
    REJECTED = "rejected", _("Rejected")


EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.SENT_BACK})
DECIDED_STATUSES = frozenset({Status.APPROVED, Status.REJECTED})


def document_path(instance, filename: str) -> str:
    return f"support/documents/{uuid.uuid4().hex}"


def evidence_path(instance, filename: str) -> str:
    return f"support/evidence/{uuid.uuid4().hex}"


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The office's own applications (drafts too); SIDBI and platform admins see every submitted one;
        a cluster expert sees the submitted applications of the associations they advise."""
        from portal.associations.models import Association

        if not user.is_authenticated:
            return self.none()
        condition = Q(association__in=Association.objects.managed_by(user).values("pk"))
        if is_sidbi_staff(user):
            condition |= ~Q(status=Status.DRAFT)
        else:
            condition |= Q(association__in=Association.objects.advised_by(user).values("pk")) & ~Q(status=Status.DRAFT)
        return self.filter(condition)


class Application(models.Model):
    """An association's application for DIA support, made of budget lines under the three heads."""

    association = models.ForeignKey(
        "associations.Association", on_delete=models.PROTECT, related_name="support_applications"
    )
    title = models.CharField(_("title"), max_length=200)
    justification = models.TextField(
        _("justification"),
        max_length=10000,
        help_text=_("Why the association needs this support and what it will achieve."),
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recommended_at = models.DateTimeField(null=True, blank=True)
    recommendation_note = models.TextField(blank=True)
    proposed_conditions = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # The checker is never the maker, whatever roles a user has held.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True)
                | Q(recommended_by__isnull=True)
                | ~Q(decided_by=F("recommended_by")),
                name="support_approver_is_not_recommender",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("support:detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"DIA/SUP/{self.created_at:%Y}/{self.pk:05d}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class BudgetLine(models.Model):
    """One item asked for under a head; the officer's recommended amount is kept beside the requested one."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="lines")
    head = models.CharField(_("head"), max_length=20, choices=Head.choices)
    item = models.CharField(_("item"), max_length=200)
    amount_requested = models.DecimalField(_("amount requested (₹)"), **MONEY)
    own_contribution = models.DecimalField(_("association's own contribution (₹)"), default=0, **MONEY)
    years = models.PositiveSmallIntegerField(
        _("years"), default=1, help_text=_("For salary support: over how many years (1 to 5).")
    )
    amount_recommended = models.DecimalField(_("amount recommended (₹)"), null=True, blank=True, **MONEY)
    change_reason = models.CharField(_("reason for the change"), max_length=500, blank=True)

    class Meta:
        ordering = ["head", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_requested__gt=0), name="support_line_requested_positive"),
            models.CheckConstraint(condition=Q(own_contribution__gte=0), name="support_line_contribution_positive"),
            models.CheckConstraint(
                condition=Q(amount_recommended__isnull=True) | Q(amount_recommended__gte=0),
                name="support_line_recommended_positive",
            ),
            models.CheckConstraint(condition=Q(years__gte=1, years__lte=5), name="support_line_years_range"),
        ]

    def __str__(self) -> str:
        return f"{self.get_head_display()}: {self.item}"

    @property
    def is_changed(self) -> bool:
        return self.amount_recommended is not None and self.amount_recommended != self.amount_requested


class ApplicationDocument(models.Model):
    """A supporting document (quotation, job description, plan) uploaded with an application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("what it is"), max_length=200)
    file = models.FileField(upload_to=document_path)
    mime = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class StatusChange(models.Model):
    """One step in an application's history, with the reason given (shown to the association)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


class Sanction(models.Model):
    """What the sanctioning authority approved: amounts per head, conditions; ``released_total`` is kept in step
    with released tranches and the database refuses it above ``sanctioned_total``."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="sanction")
    association = models.ForeignKey("associations.Association", on_delete=models.PROTECT, related_name="sanctions")
    sanctioned_total = models.DecimalField(**MONEY)
    released_total = models.DecimalField(default=0, **MONEY)
    conditions = models.TextField(blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-approved_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(sanctioned_total__gt=0), name="support_sanction_positive"),
            models.CheckConstraint(condition=Q(released_total__gte=0), name="support_released_not_negative"),
            models.CheckConstraint(
                condition=Q(released_total__lte=F("sanctioned_total")), name="support_released_within_sanction"
            ),
        ]

    def __str__(self) -> str:
        return f"Sanction {self.reference}"

    @property
    def reference(self) -> str:
        return f"SIDBI/DIA/SAN/{self.approved_at:%Y}/{self.pk:05d}"

    @property
    def remaining(self):
        return self.sanctioned_total - self.released_total


class SanctionHead(models.Model):
    """The amount sanctioned under one head."""

    sanction = models.ForeignKey(Sanction, on_delete=models.PROTECT, related_name="heads")
    head = models.CharField(max_length=20, choices=Head.choices)
    amount = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["head"]
        constraints = [
            models.UniqueConstraint(fields=["sanction", "head"], name="support_one_amount_per_head"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="support_head_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_head_display()}: {self.amount}"


class TrancheStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RELEASED = "released", _("Released")


class Tranche(models.Model):
    """A part of the sanction under one head, released by the authority once its milestone is reached."""

    sanction = models.ForeignKey(Sanction, on_delete=models.PROTECT, related_name="tranches")
    number = models.PositiveSmallIntegerField()
    head = models.CharField(_("head"), max_length=20, choices=Head.choices)
    amount = models.DecimalField(_("amount (₹)"), **MONEY)
    milestone = models.CharField(_("milestone"), max_length=300)
    status = models.CharField(max_length=10, choices=TrancheStatus.choices, default=TrancheStatus.PLANNED)
    planned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    planned_at = models.DateTimeField(default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)
    accounted = models.DecimalField(default=0, **MONEY)

    class Meta:
        ordering = ["sanction", "number"]
        constraints = [
            models.UniqueConstraint(fields=["sanction", "number"], name="support_tranche_number_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="support_tranche_positive"),
            models.CheckConstraint(
                condition=Q(accounted__gte=0) & Q(accounted__lte=F("amount")), name="support_tranche_accounted_range"
            ),
            models.CheckConstraint(
                condition=Q(status=TrancheStatus.PLANNED, released_by__isnull=True)
                | Q(status=TrancheStatus.RELEASED, released_by__isnull=False),
                name="support_tranche_release_recorded",
            ),
        ]

    def __str__(self) -> str:
        return f"Tranche {self.number} of {self.sanction_id}"

    @property
    def is_accounted(self) -> bool:
        return self.status == TrancheStatus.RELEASED and self.accounted >= self.amount

    @property
    def unaccounted(self):
        return self.amount - self.accounted


class UCStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    SENT_BACK = "sent_back", _("Sent back")


class UtilisationCertificate(models.Model):
    """The association's statement of how much of a released tranche it spent, with evidence."""

    tranche = models.ForeignKey(Tranche, on_delete=models.PROTECT, related_name="certificates")
    amount_utilised = models.DecimalField(_("amount utilised (₹)"), **MONEY)
    period_from = models.DateField(_("period from"))
    period_to = models.DateField(_("period to"))
    statement = models.TextField(_("what the money was spent on"), max_length=5000)
    declaration = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=UCStatus.choices, default=UCStatus.SUBMITTED)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_utilised__gt=0), name="support_uc_positive"),
            models.CheckConstraint(condition=Q(declaration=True), name="support_uc_declared"),
            models.CheckConstraint(condition=Q(period_from__lte=F("period_to")), name="support_uc_period_order"),
        ]

    def __str__(self) -> str:
        return f"Utilisation certificate {self.pk} for tranche {self.tranche_id}"


class Evidence(models.Model):
    """A bill, photograph or statement attached to a utilisation certificate."""

    certificate = models.ForeignKey(UtilisationCertificate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path)
    name = models.CharField(max_length=200)
    mime = models.CharField(max_length=100)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name
