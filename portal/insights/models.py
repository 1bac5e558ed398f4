from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


def report_path(instance, filename: str) -> str:
    return f"insights/reports/{instance.month:%Y-%m}/{filename}"


class SchemeReport(models.Model):
    """The monthly report of the DIA scheme as a PDF, prepared in the background."""

    month = models.DateField(_("month"), help_text=_("First day of the month the report covers."))
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    file = models.FileField(upload_to=report_path, blank=True)
    error = models.CharField(max_length=300, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-month", "-requested_at"]

    def __str__(self) -> str:
        return f"DIA scheme report {self.month:%B %Y}"
