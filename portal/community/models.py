"""Discussions: spaces (national, sector, state, association, circle), topics, replies, reactions and moderation."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.associations.roles import managed_by

MAX_BODY = 20_000


class SpaceKind(models.TextChoices):
    NATIONAL = "national", _("National")
    SECTOR = "sector", _("Sector")
    STATE = "state", _("State")
    ASSOCIATION = "association", _("Association")
    CIRCLE = "circle", _("Association circle")


PUBLIC_KINDS = (SpaceKind.NATIONAL, SpaceKind.SECTOR, SpaceKind.STATE)
PRIVATE_KINDS = (SpaceKind.ASSOCIATION, SpaceKind.CIRCLE)


class SpaceQuerySet(models.QuerySet):
    def public(self):
        return self.filter(kind__in=PUBLIC_KINDS)

    def visible_to(self, user):
        """Public spaces for every registered user; an association's spaces for its members and office only.

        SIDBI staff, platform admins and platform moderators read every space.
        """
        from portal.community.permissions import reads_everything

        if not user.is_authenticated:
            return self.none()
        if reads_everything(user):
            return self
        return self.filter(Q(kind__in=PUBLIC_KINDS) | Q(association_id__in=associations_of(user)))

    def moderated_by(self, user):
        from portal.community.permissions import is_platform_moderator

        if not user.is_authenticated:
            return self.none()
        if is_platform_moderator(user):
            return self
        return self.filter(association_id__in=managed_association_ids(user))


def managed_association_ids(user):
    """Ids of approved associations in which the user is an office-bearer (admin): they moderate its spaces."""

    return managed_by(user, admins_only=True).values("pk")


def associations_of(user):
    """Ids of approved associations whose private spaces the user may read: as active member, office or staff."""
    from portal.associations.models import Association, MembershipStatus, Status

    return (
        Association.objects.filter(status=Status.APPROVED)
        .filter(
            Q(memberships__status=MembershipStatus.APPROVED, memberships__enterprise__people__user=user)
            | Q(staff__user=user)
        )
        .values("pk")
    )


class Space(models.Model):
    """A place to discuss: the national space, one per sector and state, an association's own, or a circle of it."""

    kind = models.CharField(_("kind"), max_length=12, choices=SpaceKind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    sector = models.ForeignKey("core.Sector", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    state = models.ForeignKey("core.State", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    association = models.ForeignKey(
        "associations.Association", on_delete=models.CASCADE, null=True, blank=True, related_name="spaces"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = SpaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [("moderate_all", "Can moderate every discussion space")]
        constraints = [
            models.UniqueConstraint(fields=["kind"], condition=Q(kind="national"), name="community_one_national"),
            models.UniqueConstraint(fields=["sector"], condition=Q(kind="sector"), name="community_one_per_sector"),
            models.UniqueConstraint(fields=["state"], condition=Q(kind="state"), name="community_one_per_state"),
            models.UniqueConstraint(
                fields=["association"], condition=Q(kind="association"), name="community_one_per_association"
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="national", sector__isnull=True, state__isnull=True, association__isnull=True)
                    | Q(kind="sector", sector__isnull=False, state__isnull=True, association__isnull=True)
                    | Q(kind="state", sector__isnull=True, state__isnull=False, association__isnull=True)
                    | Q(kind__in=["association", "circle"], sector__isnull=True, state__isnull=True)
                    & Q(association__isnull=False)
                ),
                name="community_space_kind_matches_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:space", args=[self.slug])

    @property
    def is_private(self) -> bool:
        return self.kind in PRIVATE_KINDS

    @property
    def display_name(self) -> str:
        """The name in the reader's language: the portal's own spaces are named by the portal, not by people."""
        if self.kind == SpaceKind.NATIONAL:
            return gettext("India: all members")
        if self.kind == SpaceKind.SECTOR and self.sector_id:
            return self.sector.display_name
        if self.kind == SpaceKind.STATE and self.state_id:
            return self.state.display_name
        return self.name

    @property
    def display_description(self) -> str:
        if self.kind == SpaceKind.NATIONAL:
            return gettext("Open to every registered user of the portal.")
        if self.kind == SpaceKind.ASSOCIATION:
            return gettext("Private to the association's members and office.")
        return self.description


class SpaceFollow(models.Model):
    """A user hears about every new topic in a space."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["space", "user"], name="community_space_follow_once")]


class Profile(models.Model):
    """A user's handle in discussions, used to mention them as @handle."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_profile")
    handle = models.CharField(_("handle"), max_length=40, unique=True)

    def __str__(self) -> str:
        return f"@{self.handle}"


class Topic(models.Model):
    """A discussion started in a space: a title, a markdown body, replies, maybe an accepted answer."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="topics")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"))
    # The language the author wrote in (kept as written; pages mark it with lang="...").
    language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    reply_count = models.PositiveIntegerField(default=0)
    edited_at = models.DateTimeField(null=True, blank=True)
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    hidden = models.BooleanField(_("hidden"), default=False)
    accepted_reply = models.ForeignKey(
        "Reply", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("accepted answer")
    )

    class Meta:
        ordering = ["-pinned", "-last_activity_at", "-id"]
        indexes = [models.Index(fields=["space", "-pinned", "-last_activity_at"])]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), MAX_BODY), name="community_topic_body_length"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:topic", args=[self.pk])


class Reply(models.Model):
    """An answer or comment in a topic."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("reply"))
    # The language the author wrote in (kept as written; pages mark it with lang="...").
    language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden = models.BooleanField(_("hidden"), default=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "replies"
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), MAX_BODY), name="community_reply_body_length"
            ),
        ]

    def __str__(self) -> str:
        return f"Reply {self.pk} in {self.topic_id}"

    def get_absolute_url(self) -> str:
        return reverse("community:reply", args=[self.pk])


class TopicFollow(models.Model):
    """A user hears about every new reply in a topic (authors and repliers follow automatically)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "user"], name="community_topic_follow_once")]


class TopicRead(models.Model):
    """When a user last read a topic: anything active since then is unread for them."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "user"], name="community_read_once")]


class ReactionKind(models.TextChoices):
    USEFUL = "useful", _("Useful")
    THANKS = "thanks", _("Thanks")
    AGREE = "agree", _("Agree")
    INSIGHTFUL = "insightful", _("Insightful")


REACTION_EMOJI = {"useful": "👍", "thanks": "🙏", "agree": "✅", "insightful": "💡"}


class Reaction(models.Model):
    """One user's reaction of one kind to a topic or a reply (toggled on and off)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="reactions")
    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="reactions")
    kind = models.CharField(max_length=12, choices=ReactionKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(topic__isnull=False, reply__isnull=True) | Q(topic__isnull=True, reply__isnull=False),
                name="community_reaction_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "topic", "kind"], condition=Q(reply__isnull=True), name="community_topic_reaction_once"
            ),
            models.UniqueConstraint(
                fields=["user", "reply", "kind"], condition=Q(topic__isnull=True), name="community_reply_reaction_once"
            ),
        ]


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACTIONED = "actioned", _("Content hidden")
    DISMISSED = "dismissed", _("Dismissed")


class Report(models.Model):
    """A reader flags a topic or a reply to the moderators, with a reason."""

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="reports")
    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="reports")
    reason = models.TextField(_("reason"), max_length=1000)
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "topic"],
                condition=Q(status="open", reply__isnull=True),
                name="community_one_open_topic_report",
            ),
            models.UniqueConstraint(
                fields=["reporter", "reply"], condition=Q(status="open"), name="community_one_open_reply_report"
            ),
        ]

    def __str__(self) -> str:
        return f"Report {self.pk} on {self.reply_id and 'reply' or 'topic'} {self.reply_id or self.topic_id}"
