from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.providers.needs import MAX_AMOUNT, Kind


class OfferingKind(models.TextChoices):
    LOAN = "loan", _("Loan")
    SCHEME = "scheme", _("Scheme")
    GUARANTEE = "guarantee", _("Credit guarantee")
    SUBSIDY = "subsidy", _("Subsidy or grant")


class OfferingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def visible_to(self, user):
        """Active offerings for everyone; SIDBI staff who keep the catalogue also see inactive ones."""
        from portal.catalogue.permissions import can_keep_catalogue

        return self.all() if can_keep_catalogue(user) else self.active()


class Offering(models.Model):
    """A loan, scheme, guarantee or subsidy that MSMEs can use, with who is eligible; kept by SIDBI staff."""

    name = models.CharField(_("name"), max_length=200)
    offered_by = models.CharField(
        _("offered by"), max_length=200, help_text=_("For example SIDBI, a bank, or Government of India (MoMSME)")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=OfferingKind.choices)
    summary = models.CharField(_("summary"), max_length=300, help_text=_("One or two lines for the list."))
    details = models.TextField(_("details"), max_length=8000, blank=True)
    eligible_categories = models.JSONField(
        _("MSME categories eligible"),
        default=list,
        blank=True,
        help_text=_("Values of Enterprise.Category (micro, small, medium); empty means all."),
    )
    sectors = models.ManyToManyField(
        "core.Sector", blank=True, related_name="offerings", verbose_name=_("sectors (none = all)")
    )
    states = models.ManyToManyField(
        "core.State", blank=True, related_name="offerings", verbose_name=_("states (none = all of India)")
    )
    min_amount = models.DecimalField(
        _("smallest amount (₹)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_AMOUNT)],
    )
    max_amount = models.DecimalField(
        _("largest amount (₹)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_AMOUNT)],
    )
    purposes = models.JSONField(
        _("financial needs it serves"),
        default=list,
        blank=True,
        help_text=_("Values of the financial kinds of requirement; empty means any financial need."),
    )
    interest = models.CharField(_("interest or cost"), max_length=300, blank=True)
    terms = models.TextField(_("terms: tenure, collateral, margin"), max_length=4000, blank=True)
    link = models.URLField(_("link for more information"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = OfferingQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["name", "offered_by"], name="offering_name_by_unique"),
            models.CheckConstraint(
                condition=models.Q(min_amount__isnull=True)
                | models.Q(max_amount__isnull=True)
                | models.Q(min_amount__lte=models.F("max_amount")),
                name="offering_amount_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.offered_by})"

    def get_absolute_url(self) -> str:
        return reverse("catalogue:detail", args=[self.pk])

    def category_labels(self) -> list[str]:
        from portal.enterprises.models import Category

        return [Category(value).label for value in self.eligible_categories or [] if value in Category.values]

    def purpose_labels(self) -> list[str]:
        return [Kind(value).label for value in self.purposes or [] if value in Kind.values]
