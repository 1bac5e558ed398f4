import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.providers.needs import (  # noqa: F401  (re-exported: the desk's vocabulary)
    FINANCIAL_KINDS,
    MAX_AMOUNT,
    OPEN_STATUSES,
    SOLVED_STATUSES,
    TECHNICAL_KINDS,
    Category,
    Kind,
    Status,
    category_of,
)


class Urgency(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical: business at risk")


class Visibility(models.TextChoices):
    ASSOCIATION = "association", _("My association and SIDBI only")
    PROVIDERS = "providers", _("Also open to registered providers")


# Escalation levels: 1 = overdue, the holder and the association's office are told; 2 = SIDBI sees it.
ESCALATED_TO_ASSOCIATION = 1
ESCALATED_TO_SIDBI = 2


class Holder(models.TextChoices):
    """Who must act next on a posted requirement."""

    ASSOCIATION = "association", _("Association desk")
    PROVIDER = "provider", _("Provider")
    SIDBI = "sidbi", _("SIDBI")


class RequirementQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def visible_to(self, user):
        """The one place that says who sees which requirement (see docs/permissions.md)."""
        from portal.desk.permissions import requirement_filter_for

        return self.filter(requirement_filter_for(user)).distinct()


class Requirement(models.Model):
    """A member enterprise's financial or technical need, from draft to resolution."""

    reference = models.CharField(max_length=24, unique=True, null=True, blank=True)
    association = models.ForeignKey("associations.Association", on_delete=models.PROTECT, related_name="requirements")
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.PROTECT, related_name="requirements")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    kind = models.CharField(_("kind of need"), max_length=24, choices=Kind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=8000)
    # The language the member wrote in (kept as written; the page marks it with lang="...").
    language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    visibility = models.CharField(
        _("who may see it"), max_length=12, choices=Visibility.choices, default=Visibility.ASSOCIATION
    )

    # Financial needs
    amount = models.DecimalField(
        _("amount needed (₹)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_AMOUNT)],
    )
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    tenure_months = models.PositiveSmallIntegerField(
        _("tenure wanted (months)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(360)]
    )
    collateral = models.CharField(_("collateral available"), max_length=300, blank=True)
    existing_borrowing = models.DecimalField(
        _("existing borrowing (₹)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_AMOUNT)],
    )
    latest_turnover = models.DecimalField(
        _("latest annual turnover (₹)"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_AMOUNT * 10)],
    )
    # Technical needs
    needed_by = models.DateField(_("needed by"), null=True, blank=True)

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    holder = models.CharField(max_length=12, choices=Holder.choices, default=Holder.ASSOCIATION, db_index=True)
    assigned_provider = models.ForeignKey(
        "providers.Provider", null=True, blank=True, on_delete=models.PROTECT, related_name="requirements"
    )
    accepted_offer = models.OneToOneField(
        "desk.Offer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    escalation_level = models.PositiveSmallIntegerField(default=0)
    escalated_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    posted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # When the service-level clock started: at posting, and again when the member reopens it.
    clock_started_at = models.DateTimeField(null=True, blank=True)
    first_response_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_comment = models.TextField(blank=True, max_length=2000)

    objects = RequirementQuerySet.as_manager()

    class Meta:
        ordering = ["-posted_at", "-created_at", "-id"]
        indexes = [
            models.Index(fields=["association", "status"]),
            models.Index(fields=["assigned_provider", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference or _('Draft')}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("desk:detail", args=[self.pk])

    @property
    def category(self) -> str:
        return category_of(self.kind)

    @property
    def is_financial(self) -> bool:
        return self.kind in FINANCIAL_KINDS

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Transition(models.Model):
    """One step of a requirement's state machine: who moved it, when, from which status to which, and why."""

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]


class Message(models.Model):
    """A message in a requirement's conversation; internal notes are never shown to the member."""

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"), max_length=8000)
    internal = models.BooleanField(_("internal note (the member does not see it)"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


def attachment_path(instance, filename: str) -> str:
    return f"desk/{instance.requirement_id}/{secrets.token_hex(8)}/{filename[-80:]}"


class Attachment(models.Model):
    """A file on a requirement or one of its messages (checked by real type and size)."""

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class OfferKind(models.TextChoices):
    LOAN = "loan", _("Loan offer")
    SERVICE = "service", _("Service quote")


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Offer(models.Model):
    """A provider's answer with terms: a loan offer or a service quote."""

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="offers")
    provider = models.ForeignKey("providers.Provider", on_delete=models.PROTECT, related_name="offers")
    kind = models.CharField(max_length=10, choices=OfferKind.choices)
    # Loan offers
    amount = models.DecimalField(
        _("amount (₹)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_AMOUNT)],
    )
    interest_rate = models.DecimalField(
        _("interest rate (% a year)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(36)],
    )
    tenure_months = models.PositiveSmallIntegerField(
        _("tenure (months)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(360)]
    )
    conditions = models.TextField(_("conditions"), blank=True, max_length=4000)
    # Service quotes
    price = models.DecimalField(
        _("price (₹)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_AMOUNT)],
    )
    timeline = models.CharField(_("timeline"), max_length=200, blank=True)
    scope = models.TextField(_("scope of work"), blank=True, max_length=4000)

    status = models.CharField(max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.provider} on {self.requirement.reference}"


class ServiceLevel(models.Model):
    """Target times for one kind of requirement, set by platform admins."""

    kind = models.CharField(max_length=24, choices=Kind.choices, unique=True)
    first_response_hours = models.PositiveIntegerField(default=48, validators=[MinValueValidator(1)])
    resolution_days = models.PositiveIntegerField(default=30, validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: reply in {self.first_response_hours} h, solve in {self.resolution_days} d"

    @property
    def first_response(self) -> timedelta:
        return timedelta(hours=self.first_response_hours)

    @property
    def resolution(self) -> timedelta:
        return timedelta(days=self.resolution_days)


class RoutingRule(models.Model):
    """Pre-assigns newly posted requirements that match to a provider (blank criteria match anything)."""

    kind = models.CharField(max_length=24, choices=Kind.choices, blank=True)
    sector = models.ForeignKey("core.Sector", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    state = models.ForeignKey("core.State", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    provider = models.ForeignKey("providers.Provider", on_delete=models.CASCADE, related_name="routing_rules")
    priority = models.PositiveSmallIntegerField(default=100, help_text=_("Lower numbers are tried first."))
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["priority", "id"]

    def __str__(self) -> str:
        parts = [self.get_kind_display() if self.kind else "any kind", str(self.sector or "any sector")]
        parts.append(str(self.state or "any state"))
        return f"{', '.join(parts)} → {self.provider}"


class ReferenceCounter(models.Model):
    """The last reference number used in a year (DIA-REQ-2026-000123), taken under a row lock."""

    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)
