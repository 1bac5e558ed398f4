from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.i18n import Msg


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def awaiting_digest(self, frequency: str):
        return self.filter(digest=frequency)


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately")
    DAILY = "daily", _("In a daily digest")
    WEEKLY = "weekly", _("In a weekly digest")
    NEVER = "never", _("Never (only here in the portal)")


DIGEST_FREQUENCIES = (Frequency.DAILY, Frequency.WEEKLY)


class Notification(models.Model):
    """Something a user should know about: a new requirement on their desk, a message, an offer, an escalation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=500, blank=True)
    # The title and body as message ids and parameters (portal.core.i18n.Msg.as_data), rendered in the
    # reader's language when read; ``title``/``body`` keep the English text (older rows have only those).
    message = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Email state: when it was emailed (at once or in a digest); ``digest`` names the digest it waits for.
    emailed_at = models.DateTimeField(null=True, blank=True)
    digest = models.CharField(max_length=12, blank=True, default="")

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"]), models.Index(fields=["digest", "user"])]

    def __str__(self) -> str:
        return self.title

    def _rendered(self, part: str, stored: str) -> str:
        data = (self.message or {}).get(part)
        return str(Msg.from_data(data)) if data else stored

    @property
    def display_title(self) -> str:
        """The title in the active language (the reader's), or as stored for rows written before messages."""
        return self._rendered("title", self.title)

    @property
    def display_body(self) -> str:
        return self._rendered("body", self.body)


class BroadcastStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    DONE = "done", _("Sent")
    FAILED = "failed", _("Failed")


class Broadcast(models.Model):
    """One message to a large audience, delivered in batches by the worker, with its progress."""

    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=500, blank=True)
    recipient_ids = models.JSONField(default=list, blank=True)
    total = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=BroadcastStatus.choices, default=BroadcastStatus.QUEUED)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.sent}/{self.total})"

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(self.sent * 100 / self.total)


class NotificationPreference(models.Model):
    """How one user wants to hear about one group of notification kinds (no row: immediately, by email)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    group = models.CharField(_("kind of notification"), max_length=40)
    frequency = models.CharField(
        _("how often"), max_length=12, choices=Frequency.choices, default=Frequency.IMMEDIATELY
    )
    email = models.BooleanField(_("by email"), default=True)
    sms = models.BooleanField(_("by SMS"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "group"], name="notification_preference_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.group}: {self.frequency}"
