"""Pooled demand: an association gathers its members' quantities to buy, test or exhibit together at scale."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.associations.roles import is_sidbi_staff, managed_by

# Quantities are kept to three decimals (kg, metres, litres); a billion units catches extra zeros.
MIN_QUANTITY = Decimal("0.001")
MAX_QUANTITY = Decimal("1000000000")
# A negotiated price per unit: paise to ₹10 crore (a stall share, a testing contract, a tonne of yarn).
MIN_PRICE = Decimal("0.01")
MAX_PRICE = Decimal("100000000")
# How far ahead a closing date may be set; beyond a year a pool is not a pool.
MAX_OPEN_DAYS = 366


class Category(models.TextChoices):
    RAW_MATERIAL = "raw_material", _("Bulk raw-material purchase")
    TESTING = "testing", _("Common testing contract")
    TRADE_FAIR = "trade_fair", _("Joint stall at a trade fair")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    OPEN = "open", _("Open for commitments")
    CLOSED = "closed", _("Closed: being negotiated")
    NEGOTIATED = "negotiated", _("Outcome recorded")
    CANCELLED = "cancelled", _("Cancelled")


class PooledDemandQuerySet(models.QuerySet):
    def visible_to(self, user):
        """SIDBI sees all; an approved association's office and its approved members see its pooled demands."""
        from portal.associations.models import Association, MembershipStatus
        from portal.associations.models import Status as AssociationStatus

        if not user.is_authenticated:
            return self.none()
        if is_sidbi_staff(user):
            return self
        approved = Association.objects.filter(status=AssociationStatus.APPROVED)
        # Subqueries rather than joins: no duplicate rows, so no DISTINCT and stable pagination.
        return self.filter(
            Q(association__in=managed_by(user).values("pk"))
            | Q(
                association__in=approved.filter(
                    memberships__status=MembershipStatus.APPROVED, memberships__enterprise__people__user=user
                ).values("pk")
            )
        )

    def accepting(self, now=None):
        """Open and before the closing time: members may still commit."""
        return self.filter(status=Status.OPEN, closes_at__gt=now or timezone.now())

    def due_to_close(self, now=None):
        return self.filter(status=Status.OPEN, closes_at__lte=now or timezone.now())

    def with_totals(self):
        return self.annotate(
            committed_total=Sum("commitments__quantity", default=Decimal(0)),
            commitment_count=models.Count("commitments"),
        )


class PooledDemand(models.Model):
    """An association's call for members to commit quantities of one thing, to negotiate it at scale."""

    association = models.ForeignKey("associations.Association", on_delete=models.PROTECT, related_name="pooled_demands")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    category = models.CharField(_("kind of pool"), max_length=20, choices=Category.choices, default=Category.OTHER)
    unit = models.CharField(_("unit"), max_length=40)
    target_quantity = models.DecimalField(
        _("target quantity"),
        max_digits=13,
        decimal_places=3,
        validators=[MinValueValidator(MIN_QUANTITY), MaxValueValidator(MAX_QUANTITY)],
    )
    closes_at = models.DateTimeField(_("closes at"), db_index=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True)

    negotiated_price = models.DecimalField(
        _("negotiated price per unit (₹)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_PRICE), MaxValueValidator(MAX_PRICE)],
    )
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)
    outcome_notes = models.TextField(_("notes for members"), max_length=4000, blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PooledDemandQuerySet.as_manager()

    class Meta:
        ordering = ["closes_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(target_quantity__gt=0), name="pooled_demand_target_positive"),
            models.CheckConstraint(
                condition=Q(negotiated_price__isnull=True) | Q(negotiated_price__gt=0),
                name="pooled_demand_price_positive",
            ),
        ]
        indexes = [models.Index(fields=["association", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pooling:detail", args=[self.pk])

    def is_accepting(self, now=None) -> bool:
        """Members may commit or withdraw: open, and the closing time has not passed."""
        return self.status == Status.OPEN and self.closes_at > (now or timezone.now())

    @property
    def has_outcome(self) -> bool:
        return self.status == Status.NEGOTIATED

    def total_committed(self) -> Decimal:
        """The running total; list pages annotate it instead (``with_totals``)."""
        total = getattr(self, "committed_total", None)
        if total is None:
            total = self.commitments.aggregate(total=Sum("quantity", default=Decimal(0)))["total"]
        # Databases differ in the scale of a decimal sum (SQLite: 1500, PostgreSQL: 1500.000).
        return Decimal(total).quantize(MIN_QUANTITY)

    def percent_of_target(self) -> int:
        total = self.total_committed()
        return min(999, int(total * 100 / self.target_quantity)) if self.target_quantity else 0


class Commitment(models.Model):
    """One member enterprise's quantity in a pooled demand; committing again changes it."""

    pooled_demand = models.ForeignKey(PooledDemand, on_delete=models.CASCADE, related_name="commitments")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="pooled_commitments"
    )
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=13,
        decimal_places=3,
        validators=[MinValueValidator(MIN_QUANTITY), MaxValueValidator(MAX_QUANTITY)],
    )
    # Null when the person has since left; the enterprise's own contact details then stand in.
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pooled_demand", "enterprise"], name="commitment_unique_per_enterprise"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="commitment_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} – {self.quantity} for {self.pooled_demand}"
