from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.identifiers import validate_gstin, validate_pan, validate_pin, validate_udyam


class Category(models.TextChoices):
    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")


class SharedField(models.TextChoices):
    """Parts of a profile an enterprise may show to fellow members of its associations."""

    PRODUCTS = "products", _("Products")
    SIZE = "size", _("MSME category and employees")
    LOCATION = "location", _("District and state")
    ADDRESS = "address", _("Full address")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    WEBSITE = "website", _("Website")
    UDYAM = "udyam", _("Udyam number")


def default_shared_fields() -> list[str]:
    return [SharedField.PRODUCTS, SharedField.SIZE, SharedField.LOCATION]


class EnterpriseQuerySet(models.QuerySet):
    def of_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(people__user=user)

    def owned_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(people__user=user, people__role=EnterpriseRole.OWNER)


class Enterprise(models.Model):
    """A member enterprise (MSME) with its Udyam registration; may belong to several associations."""

    name = models.CharField(_("enterprise name"), max_length=200)
    udyam_number = models.CharField(
        _("Udyam Registration Number"), max_length=19, unique=True, validators=[validate_udyam]
    )
    gstin = models.CharField(_("GSTIN"), max_length=15, blank=True, validators=[validate_gstin])
    pan = models.CharField(_("PAN"), max_length=10, validators=[validate_pan], db_index=True)
    category = models.CharField(_("MSME category"), max_length=10, choices=Category.choices)
    sector = models.ForeignKey("core.Sector", on_delete=models.PROTECT, related_name="enterprises")
    products = models.TextField(_("products and services"), max_length=2000, blank=True)
    employees = models.PositiveIntegerField(_("number of employees"))
    address = models.TextField(_("address"), max_length=500)
    district = models.CharField(_("district"), max_length=80)
    state = models.ForeignKey("core.State", on_delete=models.PROTECT, related_name="enterprises")
    pin_code = models.CharField(_("PIN code"), max_length=6, validators=[validate_pin])
    phone = models.CharField(_("mobile number"), max_length=13, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    shared_fields = models.JSONField(_("shown to fellow members"), default=default_shared_fields, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["gstin"], condition=~Q(gstin=""), name="enterprise_gstin_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprises:detail", args=[self.pk])

    def shared_profile(self) -> list[tuple[str, str]]:
        """What fellow members may see, as (label, value) pairs, in the enterprise's own choice."""
        shown = set(self.shared_fields or [])
        values = {
            SharedField.PRODUCTS: self.products,
            SharedField.SIZE: f"{self.get_category_display()}, {self.employees} employees",
            SharedField.LOCATION: f"{self.district}, {self.state.name}",
            SharedField.ADDRESS: f"{self.address} {self.pin_code}",
            SharedField.PHONE: self.phone,
            SharedField.EMAIL: self.email,
            SharedField.WEBSITE: self.website,
            SharedField.UDYAM: self.udyam_number,
        }
        return [(field.label, values[field]) for field in SharedField if field in shown and values[field]]


class EnterpriseRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    STAFF = "staff", _("Staff")


class EnterpriseUser(models.Model):
    """A user who acts for an enterprise, as its owner or as staff."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="people")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enterprise_roles")
    role = models.CharField(max_length=10, choices=EnterpriseRole.choices, default=EnterpriseRole.STAFF)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enterprise", "user"], name="enterprise_user_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} of {self.enterprise}"
