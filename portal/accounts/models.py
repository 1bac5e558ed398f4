from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("Users need an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class SidbiRole(models.TextChoices):
    NONE = "", _("Not SIDBI staff")
    OFFICER = "officer", _("SIDBI scheme officer")
    AUTHORITY = "authority", _("SIDBI sanctioning authority")
    CLUSTER_EXPERT = "cluster_expert", _("Cluster expert")


class User(AbstractUser):
    """A person who logs in. Logs in by email; roles come from sidbi_role and from memberships."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("mobile number"), max_length=13, blank=True)
    # The language the portal speaks to this person on every device, and writes their emails, PDFs and
    # notifications in; empty until they choose (the browser's language is used meanwhile).
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True, default="")
    sidbi_role = models.CharField(
        _("SIDBI role"), max_length=20, choices=SidbiRole.choices, blank=True, default=SidbiRole.NONE
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        # Forms (the admin's included) run this before the unique check, so Member@x.in cannot become a second account.
        super().clean()
        self.email = (self.email or "").lower()

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return (self.full_name or self.email).split(" ")[0]

    @property
    def is_platform_admin(self) -> bool:
        return self.is_active and self.is_superuser

    @property
    def is_sidbi(self) -> bool:
        """SIDBI officers and sanctioning authorities (cluster experts are field experts, not SIDBI)."""
        return self.is_active and self.sidbi_role in {SidbiRole.OFFICER, SidbiRole.AUTHORITY}

    @property
    def needs_two_factor(self) -> bool:
        """SIDBI staff and platform administrators must log in with a TOTP code."""
        return self.is_active and (self.is_staff or self.is_superuser or bool(self.sidbi_role))
