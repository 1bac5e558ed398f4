"""Strategic services: what an association sells to members and others, and the bookings for them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.associations.roles import managed_by


class ServiceKind(models.TextChoices):
    TESTING = "testing", _("Testing laboratory")
    COMMON_FACILITY = "common_facility", _("Common facility centre")
    TRAINING = "training", _("Training")
    MARKET_LINKAGE = "market_linkage", _("Market linkage")
    AGGREGATED_PURCHASE = "aggregated_purchase", _("Aggregated purchase")
    EXPORT_HELP = "export_help", _("Export help")
    COMPLIANCE_HELP = "compliance_help", _("Compliance help")
    OTHER = "other", _("Other")


class Unit(models.TextChoices):
    PER_TEST = "per_test", _("per test")
    PER_HOUR = "per_hour", _("per hour")
    PER_DAY = "per_day", _("per day")
    PER_PARTICIPANT = "per_participant", _("per participant")
    PER_ORDER = "per_order", _("per order")
    PER_CONSIGNMENT = "per_consignment", _("per consignment")
    PER_MONTH = "per_month", _("per month")
    PER_CASE = "per_case", _("per case")


class ServiceQuerySet(models.QuerySet):
    def published(self):
        """Published services of approved associations: the public catalogue (for logged-in users)."""
        from portal.associations.models import Status

        return self.filter(published=True, association__status=Status.APPROVED)

    def visible_to(self, user):
        """Logged-in users see the published catalogue; an association's office also sees its drafts."""
        from portal.associations.models import Association

        if not user.is_authenticated:
            return self.none()
        own = Association.objects.managed_by(user).values("pk")
        return self.filter(Q(pk__in=self.published().values("pk")) | Q(association__in=own))


class Service(models.Model):
    """A service an association sells, with one price for its members and one for everyone else."""

    association = models.ForeignKey("associations.Association", on_delete=models.PROTECT, related_name="services")
    kind = models.CharField(_("kind"), max_length=20, choices=ServiceKind.choices)
    title = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=4000)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    price_member = models.DecimalField(_("price for members (₹)"), max_digits=14, decimal_places=2)
    price_non_member = models.DecimalField(_("price for non-members (₹)"), max_digits=14, decimal_places=2)
    published = models.BooleanField(_("published"), default=False, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["association__name", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_member__gte=0) & Q(price_non_member__gte=0), name="services_prices_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("services:detail", args=[self.pk])

    def price_for(self, is_member: bool):
        return self.price_member if is_member else self.price_non_member


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


class BookingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The person who booked sees their booking; the association's office sees bookings of its services."""

        if not user.is_authenticated:
            return self.none()
        own = managed_by(user).values("pk")
        return self.filter(Q(booked_by=user) | Q(association__in=own))

    def delivered(self):
        return self.filter(status=BookingStatus.DELIVERED)


class Booking(models.Model):
    """A request for a service, from request to delivery (the fee goes into the association's book) and rating."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="bookings")
    # The tenant key, copied from the service so every query and constraint can use it directly.
    association = models.ForeignKey("associations.Association", on_delete=models.PROTECT, related_name="+")
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Decided when booking: member of the service's association or not, and the price that follows from it.
    is_member = models.BooleanField(default=False)
    price = models.DecimalField(max_digits=14, decimal_places=2)
    note = models.TextField(_("note to the association"), max_length=2000, blank=True)
    preferred_date = models.DateField(_("preferred date"), null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=BookingStatus.choices, default=BookingStatus.REQUESTED, db_index=True
    )
    decline_reason = models.TextField(blank=True)
    fee = models.DecimalField(_("fee charged (₹)"), max_digits=14, decimal_places=2, null=True, blank=True)
    fee_reason = models.CharField(_("why the fee differs"), max_length=300, blank=True)
    delivered_on = models.DateField(null=True, blank=True, db_index=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    rating_comment = models.TextField(blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["association", "status", "delivered_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="services_rating_1_to_5"
            ),
            models.CheckConstraint(
                condition=~Q(status="delivered") | Q(fee__isnull=False, delivered_on__isnull=False),
                name="services_delivered_has_fee",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(status="delivered"), name="services_rated_after_delivery"
            ),
            models.CheckConstraint(condition=Q(fee__isnull=True) | Q(fee__gte=0), name="services_fee_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.service} for {self.booked_by}"

    def get_absolute_url(self) -> str:
        return reverse("services:booking", args=[self.pk])

    @property
    def reference(self) -> str:
        """The reference of this booking's entry in the association's book."""
        return f"services.booking:{self.pk}"
