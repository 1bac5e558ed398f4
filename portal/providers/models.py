from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.providers.needs import SOLVED_STATUSES, Kind


class ProviderKind(models.TextChoices):
    BANK = "bank", _("Bank or NBFC")
    INSTITUTION = "institution", _("Technical institution")
    CONSULTANT = "consultant", _("Consultant")
    LAB = "lab", _("Testing laboratory")
    AGENCY = "agency", _("Government agency")


class ProviderStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting SIDBI approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ProviderQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=ProviderStatus.APPROVED)

    def visible_to(self, user):
        """Approved providers for everyone; a pending or rejected one only to its own people and SIDBI."""
        from portal.providers.permissions import can_see_unapproved

        if can_see_unapproved(user):
            return self.all()
        if not user.is_authenticated:
            return self.approved()
        mine = ProviderUser.objects.filter(user=user).values("provider_id")
        return self.filter(models.Q(status=ProviderStatus.APPROVED) | models.Q(pk__in=mine))

    def with_track_record(self):
        """Annotate ``solved_count`` and ``average_rating`` from resolved and closed requirements, in the same query."""
        solved = models.Q(requirements__status__in=SOLVED_STATUSES)
        return self.annotate(
            solved_count=models.Count("requirements", filter=solved),
            average_rating=models.Avg("requirements__rating", filter=solved),
        )


class Provider(models.Model):
    """An organisation that answers members' requirements: a bank, institution, consultant, lab or agency."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ProviderKind.choices)
    status = models.CharField(max_length=10, choices=ProviderStatus.choices, default=ProviderStatus.PENDING)
    sectors = models.ManyToManyField("core.Sector", blank=True, related_name="providers")
    states = models.ManyToManyField("core.State", blank=True, related_name="providers")
    website = models.URLField(blank=True)
    description = models.TextField(_("what you offer"), blank=True, max_length=4000)
    help_kinds = models.JSONField(
        _("kinds of requirement you help with"),
        default=list,
        blank=True,
        help_text=_("Values of portal.desk.models.Kind"),
    )
    city = models.CharField(_("city"), max_length=80, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("phone"), max_length=13, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProviderQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("providers:detail", args=[self.pk])

    @property
    def is_approved(self) -> bool:
        return self.status == ProviderStatus.APPROVED

    def help_kind_labels(self) -> list[str]:
        return [Kind(value).label for value in self.help_kinds or [] if value in Kind.values]


class ProviderUser(models.Model):
    """A user who acts for a provider organisation."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="people")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_roles")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "user"], name="provider_user_unique")]

    def __str__(self) -> str:
        return f"{self.user} at {self.provider}"
