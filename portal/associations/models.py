import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.identifiers import validate_gstin, validate_pan, validate_pin


class LegalForm(models.TextChoices):
    SOCIETY = "society", _("Registered society")
    TRUST = "trust", _("Trust")
    SECTION8 = "section8", _("Section 8 company")
    COOPERATIVE = "cooperative", _("Cooperative")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, awaiting review")
    INFO_REQUESTED = "info_requested", _("More information requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Stage(models.TextChoices):
    INITIATION = "initiation", _("Initiation")
    ESTABLISHMENT = "establishment", _("Establishment")
    OPERATIONALISATION = "operationalisation", _("Operationalisation")
    TRANSFORMATION = "transformation", _("Transformation")


def certificate_path(instance, filename: str) -> str:
    return f"associations/certificates/{secrets.token_hex(8)}/{filename[-80:]}"


class AssociationQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Status.APPROVED)

    def visible_to(self, user):
        """Everyone sees approved associations; applicants see their own; SIDBI sees all."""
        from portal.associations.roles import is_sidbi_staff  # roles builds on these models

        if is_sidbi_staff(user):
            return self
        if user.is_authenticated:
            return self.filter(Q(status=Status.APPROVED) | Q(staff__user=user)).distinct()
        return self.approved()

    def advised_by(self, user):
        """Associations the user is the assigned cluster expert of (DIA scheme field expert)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(cluster_expert=user)

    def managed_by(self, user, *, admins_only: bool = False):
        """Associations in which the user holds office (or, admins_only, is an office-bearer).

        Unverified associations are left out: no powers. Use ``portal.associations.roles.managed_by``.
        """
        if not user.is_authenticated:
            return self.none()
        if admins_only:
            return self.filter(status=Status.APPROVED, staff__user=user, staff__role=StaffRole.ADMIN)
        return self.filter(status=Status.APPROVED, staff__user=user)


class Association(models.Model):
    """An industry association of MSMEs in a cluster; the tenant of the portal."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm.choices)
    registration_number = models.CharField(_("registration number"), max_length=60, unique=True)
    pan = models.CharField(_("PAN"), max_length=10, unique=True, validators=[validate_pan])
    gstin = models.CharField(_("GSTIN"), max_length=15, blank=True, validators=[validate_gstin])
    year_founded = models.PositiveSmallIntegerField(_("year founded"))
    sectors = models.ManyToManyField("core.Sector", related_name="associations", verbose_name=_("sectors"))
    cluster_name = models.CharField(_("cluster name"), max_length=120)
    state = models.ForeignKey("core.State", on_delete=models.PROTECT, related_name="associations")
    district = models.CharField(_("district"), max_length=80)
    address = models.TextField(_("address"), max_length=500)
    pin_code = models.CharField(_("PIN code"), max_length=6, validators=[validate_pin])
    approx_member_count = models.PositiveIntegerField(_("approximate number of members"))
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact email"))
    phone = models.CharField(_("contact phone"), max_length=13)
    about = models.TextField(_("about the association"), max_length=4000, blank=True)
    registration_certificate = models.FileField(_("registration certificate"), upload_to=certificate_path)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.INITIATION, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cluster_expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cluster expert"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advised_associations",
        limit_choices_to={"sidbi_role": "cluster_expert"},
        help_text=_("The DIA scheme's field expert who reviews this association's matrix and action plan."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_at = models.DateTimeField(null=True, blank=True)

    objects = AssociationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["gstin"], condition=~Q(gstin=""), name="association_gstin_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("associations:detail", args=[self.slug])

    @property
    def is_approved(self) -> bool:
        return self.status == Status.APPROVED


class AssociationStatusChange(models.Model):
    """One step in an association's review: from which status to which, by whom, when and why."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]


class OfficeBearer(models.Model):
    """A person who holds office in the association (listed on its profile; not a log-in)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="office_bearers")
    name = models.CharField(_("name"), max_length=120)
    designation = models.CharField(_("designation"), max_length=80)
    phone = models.CharField(_("mobile number"), max_length=13)
    email = models.EmailField(_("email"))

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.designation})"


class StaffRole(models.TextChoices):
    ADMIN = "admin", _("Office-bearer (administrator)")
    STAFF = "staff", _("Association staff")


class AssociationStaff(models.Model):
    """A user who runs the association on the portal: an office-bearer with admin rights or staff."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="association_roles")
    role = models.CharField(max_length=10, choices=StaffRole.choices, default=StaffRole.ADMIN)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["association", "user"], name="association_staff_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} of {self.association}"


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Member")
    DECLINED = "declined", _("Declined")


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=MembershipStatus.APPROVED)

    def visible_to(self, user):
        """SIDBI sees all; an association's office sees its own; an enterprise sees its own."""
        if not user.is_authenticated:
            return self.none()
        from portal.associations.roles import is_sidbi_staff  # roles builds on these models

        if is_sidbi_staff(user):
            return self
        return self.filter(
            Q(association__in=Association.objects.managed_by(user)) | Q(enterprise__people__user=user)
        ).distinct()


class Membership(models.Model):
    """An enterprise's membership of an association, from request to decision."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="memberships")
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="memberships")
    status = models.CharField(max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.REQUESTED)
    message = models.TextField(_("message to the association"), max_length=1000, blank=True)
    decision_reason = models.TextField(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["association", "enterprise"], name="membership_unique"),
        ]
        indexes = [models.Index(fields=["association", "status"])]

    def __str__(self) -> str:
        return f"{self.enterprise} in {self.association}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An association's invitation, sent by email, for an enterprise to join it (pre-approved)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token = models.CharField(max_length=64, unique=True, default=new_token)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "email"], condition=Q(accepted_at__isnull=True), name="invitation_open_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Invitation to {self.email} from {self.association}"


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be processed")
    RUNNING = "running", _("Processing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Not imported: see the errors")


def import_path(instance, filename: str) -> str:
    return f"associations/imports/{secrets.token_hex(8)}/{filename[-80:]}"


class MemberImport(models.Model):
    """A CSV or XLSX file of members uploaded by an association, processed in the background."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="imports")
    file = models.FileField(upload_to=import_path)
    original_name = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    imported_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} for {self.association}"

    @property
    def is_finished(self) -> bool:
        return self.status in {ImportStatus.DONE, ImportStatus.FAILED}
