"""Updates (news, circulars, scheme updates, opportunities) aimed at an audience, follows, and recognitions.

Audience targeting lives here and only here: ``Update.objects.visible_to(user)`` decides who may read an update
and ``audience_users(update)`` who is told about it; both apply the same rules (see docs/permissions.md).
"""

import re
import secrets
from datetime import date
from itertools import combinations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.associations.roles import is_sidbi_staff
from portal.core import memo


class Kind(models.TextChoices):
    NEWS = "news", _("News")
    CIRCULAR = "circular", _("Circular")
    SCHEME = "scheme", _("Scheme update")
    OPPORTUNITY = "opportunity", _("Opportunity")


class UpdateStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Role(models.TextChoices):
    MEMBERS = "members", _("Member enterprises")
    OFFICE_BEARERS = "office_bearers", _("Association office-bearers and staff")
    PROVIDERS = "providers", _("Service providers")
    SIDBI = "sidbi", _("SIDBI officers")


ROLE_ORDER = list(Role.values)


def canonical_roles(roles) -> list[str]:
    """Roles in a fixed order without repeats, so equal audiences are stored as equal JSON."""
    chosen = set(roles or [])
    return [role for role in ROLE_ORDER if role in chosen]


def attachment_path(instance, filename: str) -> str:
    return f"updates/attachments/{secrets.token_hex(8)}/{filename[-80:]}"


def _user_enterprise_ids(user):
    from portal.enterprises.models import EnterpriseUser

    return EnterpriseUser.objects.filter(user=user).values("enterprise_id")


def _user_association_ids(user):
    """Associations the user belongs to: as a member enterprise's person (approved) or on its staff."""
    from portal.associations.models import Association, MembershipStatus

    return Association.objects.filter(
        Q(memberships__status=MembershipStatus.APPROVED, memberships__enterprise__people__user=user)
        | Q(staff__user=user)
    ).values("pk")


def user_roles(user) -> set[str]:
    """The audience roles a user holds, in one query, cached on the user object for the request."""
    return memo.remember(user, "update_roles", lambda: _user_roles(user))


def _user_roles(user) -> set[str]:
    from portal.accounts.models import User
    from portal.associations.models import AssociationStaff, Membership, MembershipStatus
    from portal.providers.models import ProviderUser

    flags = (
        User.objects.filter(pk=user.pk)
        .annotate(
            _member=Exists(
                Membership.objects.filter(status=MembershipStatus.APPROVED, enterprise__people__user=OuterRef("pk"))
            ),
            _bearer=Exists(AssociationStaff.objects.filter(user=OuterRef("pk"))),
            _provider=Exists(ProviderUser.objects.filter(user=OuterRef("pk"))),
        )
        .values("_member", "_bearer", "_provider")
        .first()
        or {}
    )
    roles = {
        role
        for role, held in (
            (Role.MEMBERS, flags.get("_member")),
            (Role.OFFICE_BEARERS, flags.get("_bearer")),
            (Role.PROVIDERS, flags.get("_provider")),
            (Role.SIDBI, user.is_sidbi),
        )
        if held
    }
    return roles


def _roles_match(roles: set[str]) -> Q:
    """Updates whose role list is empty or shares a role with ``roles`` (an OR of exact matches: portable JSON)."""
    condition = Q(roles=[])
    for size in range(1, len(ROLE_ORDER) + 1):
        for subset in combinations(ROLE_ORDER, size):
            if roles.intersection(subset):
                condition |= Q(roles=list(subset))
    return condition


class UpdateQuerySet(models.QuerySet):
    def live(self):
        """Published, due and not expired."""
        now = timezone.now()
        return self.filter(status=UpdateStatus.PUBLISHED, publish_at__lte=now).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )

    def public(self):
        """Live updates aimed at everyone with no restriction: what anonymous visitors and Atom feeds see."""
        return self.live().filter(for_everyone=True)

    def visible_to(self, user):
        """Live updates the user may read: aimed at everyone, or at an audience the user is in.

        Each chosen dimension (sectors, states, associations, roles) must match; within a dimension any value
        matches. Followed sectors count as the user's sectors (sector targeting is about relevance); association
        and role targeting are a privacy boundary and are never widened by following. SIDBI sees everything.
        """
        live = self.live()
        if not user.is_authenticated:
            return live.filter(for_everyone=True)
        if is_sidbi_staff(user):
            return live
        through_sector = Update.sectors.through.objects.filter(update_id=OuterRef("pk"))
        through_state = Update.states.through.objects.filter(update_id=OuterRef("pk"))
        through_association = Update.associations.through.objects.filter(update_id=OuterRef("pk"))
        enterprises = _user_enterprise_ids(user)
        from portal.enterprises.models import Enterprise

        user_sectors = Enterprise.objects.filter(pk__in=enterprises).values("sector_id")
        followed_sectors = Follow.objects.filter(user=user, sector__isnull=False).values("sector_id")
        user_states = Enterprise.objects.filter(pk__in=enterprises).values("state_id")
        sector_ok = ~Exists(through_sector) | Exists(
            through_sector.filter(Q(sector_id__in=user_sectors) | Q(sector_id__in=followed_sectors))
        )
        state_ok = ~Exists(through_state) | Exists(through_state.filter(state_id__in=user_states))
        association_ok = ~Exists(through_association) | Exists(
            through_association.filter(association_id__in=_user_association_ids(user))
        )
        aimed = sector_ok & state_ok & association_ok & _roles_match(user_roles(user))
        return live.filter(Q(for_everyone=True) | aimed)

    def feed_for(self, user):
        """The personal feed: what the user may read that SIDBI published, or that comes from an association
        the user belongs to or follows (other associations' public news stays in the archive)."""
        followed = Follow.objects.filter(user=user, association__isnull=False).values("association_id")
        return self.visible_to(user).filter(
            Q(association__isnull=True)
            | Q(association_id__in=_user_association_ids(user))
            | Q(association_id__in=followed)
        )

    def in_sector_feed(self, sector):
        """Updates for a sector's public Atom feed: aimed only at sectors (no states, associations or roles),
        including this one. Sector targeting is about relevance, not privacy."""
        return (
            self.live()
            .filter(for_everyone=False, roles=[], sectors=sector)
            .exclude(Exists(Update.states.through.objects.filter(update_id=OuterRef("pk"))))
            .exclude(Exists(Update.associations.through.objects.filter(update_id=OuterRef("pk"))))
        )

    def manageable_by(self, user):
        """Every update (any status) the user may edit or withdraw: SIDBI's for SIDBI, an association's for its
        office-bearers."""
        from portal.associations.models import AssociationStaff, StaffRole, Status

        if not user.is_authenticated:
            return self.none()
        offices = AssociationStaff.objects.filter(user=user, role=StaffRole.ADMIN, association__status=Status.APPROVED)
        condition = Q(association_id__in=offices.values("association_id"))
        if user.is_sidbi:
            condition |= Q(association__isnull=True)
        return self.filter(condition)


class Update(models.Model):
    """A piece of news, a circular, a scheme update or an opportunity, published by SIDBI or an association."""

    association = models.ForeignKey(
        "associations.Association",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="updates",
        help_text=_("The publishing association; empty when SIDBI publishes."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.NEWS)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=20000)
    # The language the title and text are written in (kept as written; pages mark it with lang="...").
    language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    circular_number = models.CharField(_("circular number"), max_length=60, blank=True)
    attachment = models.FileField(_("PDF attachment"), upload_to=attachment_path, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    publish_at = models.DateTimeField(_("publish at"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    for_everyone = models.BooleanField(_("aimed at everyone"), default=True, db_index=True)
    sectors = models.ManyToManyField("core.Sector", blank=True, related_name="+", verbose_name=_("sectors"))
    states = models.ManyToManyField("core.State", blank=True, related_name="+", verbose_name=_("states"))
    associations = models.ManyToManyField(
        "associations.Association", blank=True, related_name="targeted_updates", verbose_name=_("associations")
    )
    roles = models.JSONField(_("roles"), default=list, blank=True)
    status = models.CharField(max_length=10, choices=UpdateStatus.choices, default=UpdateStatus.DRAFT, db_index=True)
    broadcast = models.ForeignKey(
        "notifications.Broadcast", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = UpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        indexes = [models.Index(fields=["status", "publish_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("updates:detail", args=[self.pk])

    @property
    def publisher_name(self) -> str:
        return self.association.name if self.association_id else "SIDBI"

    @property
    def is_live(self) -> bool:
        now = timezone.now()
        return (
            self.status == UpdateStatus.PUBLISHED
            and self.publish_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    @property
    def is_editable(self) -> bool:
        return self.status in {UpdateStatus.DRAFT, UpdateStatus.SCHEDULED}

    def days_to_deadline(self) -> int | None:
        return None if self.deadline is None else (self.deadline - timezone.localdate()).days


def audience_users(update: Update):
    """The active users an update is aimed at, as a queryset (same rules as ``UpdateQuerySet.visible_to``).

    Followed sectors count here too; SIDBI users are told only when the update is aimed at them.
    """
    from portal.accounts.models import User
    from portal.associations.models import AssociationStaff, MembershipStatus
    from portal.enterprises.models import EnterpriseUser
    from portal.providers.models import ProviderUser

    users = User.objects.filter(is_active=True)
    if update.for_everyone:
        return users
    sector_ids = list(update.sectors.values_list("pk", flat=True))
    state_ids = list(update.states.values_list("pk", flat=True))
    association_ids = list(update.associations.values_list("pk", flat=True))
    if sector_ids:
        users = users.filter(
            Q(pk__in=EnterpriseUser.objects.filter(enterprise__sector_id__in=sector_ids).values("user_id"))
            | Q(pk__in=Follow.objects.filter(sector_id__in=sector_ids).values("user_id"))
        )
    if state_ids:
        users = users.filter(pk__in=EnterpriseUser.objects.filter(enterprise__state_id__in=state_ids).values("user_id"))
    if association_ids:
        members = EnterpriseUser.objects.filter(
            enterprise__memberships__association_id__in=association_ids,
            enterprise__memberships__status=MembershipStatus.APPROVED,
        ).values("user_id")
        staff = AssociationStaff.objects.filter(association_id__in=association_ids).values("user_id")
        users = users.filter(Q(pk__in=members) | Q(pk__in=staff))
    if update.roles:
        role_conditions = {
            Role.MEMBERS: Q(
                pk__in=EnterpriseUser.objects.filter(enterprise__memberships__status=MembershipStatus.APPROVED).values(
                    "user_id"
                )
            ),
            Role.OFFICE_BEARERS: Q(pk__in=AssociationStaff.objects.values("user_id")),
            Role.PROVIDERS: Q(pk__in=ProviderUser.objects.values("user_id")),
            Role.SIDBI: Q(sidbi_role__in=["officer", "authority"]),
        }
        condition = Q(pk__in=[])
        for role in update.roles:
            condition |= role_conditions[role]
        users = users.filter(condition)
    return users


class Follow(models.Model):
    """A user following a sector or an association, to see its updates in their feed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="update_follows")
    sector = models.ForeignKey("core.Sector", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    association = models.ForeignKey(
        "associations.Association", null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(sector__isnull=False, association__isnull=True)
                | Q(sector__isnull=True, association__isnull=False),
                name="follow_one_target",
            ),
            models.UniqueConstraint(fields=["user", "sector"], name="follow_sector_unique"),
            models.UniqueConstraint(fields=["user", "association"], name="follow_association_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.sector or self.association}"


class RecognitionTitle(models.TextChoices):
    AMBASSADOR = "ambassador", _("Ambassador")
    CHAMPION = "champion", _("Champion")


FINANCIAL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def validate_financial_year(value: str) -> None:
    match = FINANCIAL_YEAR.match(value or "")
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValidationError(_("Write the financial year as 2026-27."), code="financial_year")


def financial_year_of(day: date) -> str:
    """India's financial year runs April to March: 10 May 2026 is in 2026-27, 10 Feb 2027 too."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


class Recognition(models.Model):
    """SIDBI naming a person an ambassador or champion of an association for a financial year."""

    association = models.ForeignKey("associations.Association", on_delete=models.CASCADE, related_name="recognitions")
    person_name = models.CharField(_("person's name"), max_length=120)
    title = models.CharField(_("title"), max_length=12, choices=RecognitionTitle.choices)
    financial_year = models.CharField(_("financial year"), max_length=7, validators=[validate_financial_year])
    citation = models.TextField(_("citation"), max_length=2000)
    update = models.ForeignKey(Update, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-financial_year", "title", "person_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "person_name", "title", "financial_year"], name="recognition_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_name}, {self.get_title_display()} of {self.association} ({self.financial_year})"


class UpdateTranslation(models.Model):
    """The same update written in another language (by SIDBI or the association), shown to readers of it."""

    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=20000)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["update", "language"], name="update_translation_unique")]

    def __str__(self) -> str:
        return f"{self.update_id} [{self.language}] {self.title}"
