from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class State(models.Model):
    """A state or union territory of India; north-eastern ones are tracked apart by the scheme."""

    code = models.CharField(max_length=2, unique=True)
    name = models.CharField(max_length=80, unique=True)
    gst_code = models.CharField(max_length=2, unique=True)
    is_union_territory = models.BooleanField(default=False)
    is_north_east = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the reader's language (the names are in the catalogue: portal.core.reference_names)."""
        return gettext(self.name)


class Sector(models.Model):
    """An industry sector that associations serve and enterprises work in."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the reader's language (the names are in the catalogue: portal.core.reference_names)."""
        return gettext(self.name)


class AuditLogQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))


class AuditLog(models.Model):
    """One row per change that matters: who did what to which record, when and why. Never edited."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=80, db_index=True)
    target_type = models.CharField(max_length=80)
    target_id = models.CharField(max_length=40)
    target_repr = models.CharField(max_length=300)
    association = models.ForeignKey(
        "associations.Association", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("audit record")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit records are never edited; write a new one.")
        super().save(*args, **kwargs)
