from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.privacy.notice import PURPOSES


class ConsentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class Consent(models.Model):
    """A person's consent to one purpose under one version of the privacy notice; withdrawn, never deleted."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=30, choices=[(p.code, p.label) for p in PURPOSES])
    notice_version = models.CharField(_("notice version"), max_length=20)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["purpose", "-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "purpose"], condition=Q(withdrawn_at__isnull=True), name="privacy_one_active_consent"
            )
        ]

    def __str__(self) -> str:
        return f"user #{self.user_id} {self.purpose} ({self.notice_version})"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Being prepared")
    READY = "ready", _("Ready to download")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


class DataExport(models.Model):
    """A download of everything the portal holds about one person, prepared by the worker."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports")
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(upload_to="privacy/exports/", blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"export #{self.pk} of user #{self.user_id} ({self.status})"


class GrievanceStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class GrievanceQuerySet(models.QuerySet):
    def overdue(self, now=None):
        return self.filter(status=GrievanceStatus.OPEN, due_at__lt=now or timezone.now())


class Grievance(models.Model):
    """A complaint or request about personal data, addressed to the grievance officer, answered within the target."""

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="grievances"
    )
    name = models.CharField(_("your name"), max_length=150)
    email = models.EmailField(_("your email"))
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("what happened and what you would like done"), max_length=5000)
    status = models.CharField(max_length=10, choices=GrievanceStatus.choices, default=GrievanceStatus.OPEN)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    due_at = models.DateTimeField(db_index=True)
    response = models.TextField(_("answer"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    objects = GrievanceQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "id"]
        permissions = [("handle_grievance", "Can answer data-protection grievances")]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_overdue(self) -> bool:
        return self.status == GrievanceStatus.OPEN and self.due_at < timezone.now()


class Breach(models.Model):
    """One personal-data breach, as the DPDP Rules and CERT-In require it to be recorded and reported."""

    detected_at = models.DateTimeField(_("detected at"))
    nature = models.TextField(_("nature of the breach"))
    data_affected = models.TextField(_("personal data affected"))
    people_affected = models.PositiveIntegerField(_("people affected (estimate)"), default=0)
    reported_to_board_at = models.DateTimeField(_("reported to the Data Protection Board"), null=True, blank=True)
    reported_to_cert_in_at = models.DateTimeField(_("reported to CERT-In"), null=True, blank=True)
    people_notified_at = models.DateTimeField(_("affected people notified"), null=True, blank=True)
    measures = models.TextField(_("measures taken"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-detected_at"]
        verbose_name = _("breach")
        verbose_name_plural = _("breach register")

    def __str__(self) -> str:
        return f"{self.detected_at:%Y-%m-%d} {self.nature[:60]}"


class UserSession(models.Model):
    """A session someone is logged in with, so they can see it and end it (works with any session engine)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracked_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"session of user #{self.user_id}"
