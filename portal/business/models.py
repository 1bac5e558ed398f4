"""Member-to-member business: what enterprises make and can make, connections, leads, interests and messages."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MESSAGE_MAX_LENGTH = 2000


class Product(models.Model):
    """Something an enterprise makes or a service it offers, listed in the business directory."""

    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="catalogue")
    name = models.CharField(_("product"), max_length=120)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    sector = models.ForeignKey(
        "core.Sector", on_delete=models.PROTECT, related_name="+", verbose_name=_("sector"), null=True, blank=True
    )
    hs_code = models.CharField(
        _("HS code (optional)"),
        max_length=10,
        blank=True,
        help_text=_("The Harmonised System code used in customs and GST, 4 to 8 digits."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["enterprise", "name"], name="business_product_name_once")]

    def __str__(self) -> str:
        return self.name


class Capacity(models.Model):
    """An enterprise's production capacity: how much a month, in what unit, whether some is spare, which machines."""

    enterprise = models.OneToOneField("enterprises.Enterprise", on_delete=models.CASCADE, related_name="capacity")
    monthly_capacity = models.DecimalField(_("monthly capacity"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("For example pieces, kg, tonnes, metres."))
    spare_available = models.BooleanField(_("spare capacity available"), default=False)
    machines = models.TextField(_("machines"), max_length=2000, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "capacities"
        constraints = [
            models.CheckConstraint(condition=Q(monthly_capacity__gte=0), name="business_capacity_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.monthly_capacity.normalize():f} {self.unit} a month"


class ConnectionStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Connected")
    DECLINED = "declined", _("Declined")


class ConnectionQuerySet(models.QuerySet):
    def involving(self, enterprise_ids):
        return self.filter(Q(requester_id__in=enterprise_ids) | Q(target_id__in=enterprise_ids))

    def accepted(self):
        return self.filter(status=ConnectionStatus.ACCEPTED)

    def between(self, first, second):
        return self.filter(
            Q(requester=first, target=second) | Q(requester=second, target=first),
        )


class Connection(models.Model):
    """Two enterprises that know each other: asked by one, accepted (or declined) by the other.

    One row per pair of enterprises, whichever asked first; once accepted, each sees the other's contact details
    and their people may message each other.
    """

    requester = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="+")
    note = models.TextField(_("note"), max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=ConnectionStatus.choices, default=ConnectionStatus.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = ConnectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(requester=F("target")), name="business_connection_not_self"),
            models.UniqueConstraint(
                Least("requester", "target"), Greatest("requester", "target"), name="business_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} – {self.target} ({self.status})"

    def other(self, enterprise_id: int) -> int:
        return self.target_id if self.requester_id == enterprise_id else self.requester_id


class LeadKind(models.TextChoices):
    SUPPLIER = "supplier", _("Looking for a supplier of")
    CAPACITY = "capacity", _("Capacity available for")
    PARTNER = "partner", _("Seeking a partner for")


class LeadQuerySet(models.QuerySet):
    def live(self, today=None):
        """Leads that have not expired (a lead is live through its expiry date)."""
        return self.filter(expires_on__gte=today or timezone.localdate(), closed_at__isnull=True)


class Lead(models.Model):
    """A business lead a member enterprise posts for fellow members: a need, spare capacity or a partnership."""

    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="leads")
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    kind = models.CharField(_("kind of lead"), max_length=10, choices=LeadKind.choices)
    title = models.CharField(_("what"), max_length=160, help_text=_("For example: 30/1 combed cotton yarn."))
    sector = models.ForeignKey("core.Sector", on_delete=models.PROTECT, related_name="+", verbose_name=_("sector"))
    state = models.ForeignKey("core.State", on_delete=models.PROTECT, related_name="+", verbose_name=_("state"))
    district = models.CharField(_("district"), max_length=80, blank=True)
    description = models.TextField(_("description"), max_length=4000)
    expires_on = models.DateField(_("expires on"), db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = LeadQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["kind", "expires_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("business:lead", args=[self.pk])

    def is_live(self, today=None) -> bool:
        return self.closed_at is None and self.expires_on >= (today or timezone.localdate())


class InterestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the poster")
    ACCEPTED = "accepted", _("Accepted")


class Interest(models.Model):
    """Another member enterprise's interest in a lead, with a message to the poster."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="interests")
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    message = models.TextField(_("message to the poster"), max_length=2000)
    status = models.CharField(max_length=10, choices=InterestStatus.choices, default=InterestStatus.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["lead", "enterprise"], name="business_interest_once")]

    def __str__(self) -> str:
        return f"{self.enterprise} in {self.lead}"


class ConversationQuerySet(models.QuerySet):
    def of_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(user_low=user) | Q(user_high=user))


class Conversation(models.Model):
    """A private message thread between two people of connected enterprises (one per pair of people)."""

    user_low = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    user_high = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="conversations")
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["-last_message_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(user_low__lt=F("user_high")), name="business_conversation_ordered"),
            models.UniqueConstraint(fields=["user_low", "user_high"], name="business_conversation_once"),
        ]

    def __str__(self) -> str:
        return f"Conversation {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("business:thread", args=[self.pk])

    def other_user_id(self, user) -> int:
        return self.user_high_id if self.user_low_id == user.pk else self.user_low_id

    def has_participant(self, user) -> bool:
        return user.is_authenticated and user.pk in (self.user_low_id, self.user_high_id)


class Message(models.Model):
    """One message in a conversation; ``read_at`` is when the other person first saw it."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["conversation", "read_at"])]

    def __str__(self) -> str:
        return f"Message {self.pk}"


class Block(models.Model):
    """A person blocks another: the blocked person can no longer message them."""

    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="business_block_once"),
            models.CheckConstraint(condition=~Q(blocker=F("blocked")), name="business_block_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


class Report(models.Model):
    """A person reports a message to the platform admins (abuse, spam, fraud)."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("what is wrong with this message"), max_length=1000)
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(_("what was done"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["message", "reporter"], name="business_report_once")]

    def __str__(self) -> str:
        return f"Report {self.pk} on message {self.message_id}"
