"""The learning library: resources (documents, videos, toolkits, case studies, scheme guides, publications and
episodes of recorded series), tagged by topic, sector and cluster stage; bookmarks; and learning paths with
per-user progress."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Case, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.associations.models import Stage
from portal.associations.roles import is_sidbi_staff, managed_by


class Kind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    VIDEO = "video", _("Video")
    TOOLKIT = "toolkit", _("Toolkit")
    CASE_STUDY = "case_study", _("Case study")
    SCHEME_GUIDE = "scheme_guide", _("Scheme guide")
    PUBLICATION = "publication", _("Publication or report")
    EPISODE = "episode", _("Recorded session")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Audience(models.TextChoices):
    MEMBERS = "members", _("Members of the association only")
    PUBLIC = "public", _("Everyone (public)")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    HINDI = "hi", _("Hindi")
    TAMIL = "ta", _("Tamil")
    GUJARATI = "gu", _("Gujarati")
    PUNJABI = "pa", _("Punjabi")
    MARATHI = "mr", _("Marathi")
    BENGALI = "bn", _("Bengali")
    ASSAMESE = "as", _("Assamese")
    KANNADA = "kn", _("Kannada")
    MALAYALAM = "ml", _("Malayalam")
    ODIA = "or", _("Odia")
    TELUGU = "te", _("Telugu")


def resource_file_path(instance, filename: str) -> str:
    # A random name: the uploader's file name is not shown or trusted; downloads go through a checking view.
    return f"learning/files/{uuid.uuid4().hex}.pdf"


class Topic(models.Model):
    """A subject tag for library resources (GST, export, energy efficiency...)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Series(models.Model):
    """A series of recorded sessions (talks with experts, association leaders, SIDBI officers)."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(_("description"), blank=True)
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="learning_series",
        help_text=_("Empty: a national series."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:series", args=[self.slug])


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def with_version(self, language: str):
        """Each resource's version in ``language`` (version_language, _title, _summary, _body; None where it has
        none, or is itself written in it), in the same query: pages stay at their query count."""
        versions = ResourceTranslation.objects.filter(resource=OuterRef("pk"), language=language).exclude(
            language=OuterRef("language")
        )
        return self.annotate(
            **{
                f"version_{name}": Subquery(versions.values(name)[:1])
                for name in ("language", "title", "summary", "body")
            }
        )

    def public(self):
        """Published and open to everyone: national resources and association resources marked public."""
        return self.published().filter(Q(association__isnull=True) | Q(audience=Audience.PUBLIC))

    def editable_by(self, user):
        """Resources the user may edit: national ones for SIDBI staff and admins, their association's for its office."""

        if not user.is_authenticated:
            return self.none()
        if user.is_platform_admin:
            return self
        offices = managed_by(user, admins_only=True)
        condition = Q(association__in=offices.values("pk"))
        if user.is_sidbi:
            condition |= Q(association__isnull=True)
        return self.filter(condition)

    def visible_to(self, user):
        """What the user may open: public resources; an association's private ones for its members, its office and
        SIDBI; drafts only for those who may edit them."""
        from portal.associations.models import Association, MembershipStatus

        public = Q(status=Status.PUBLISHED) & (Q(association__isnull=True) | Q(audience=Audience.PUBLIC))
        if not user.is_authenticated:
            return self.filter(public)
        if user.is_platform_admin:
            return self
        if user.is_sidbi:
            readable = Q(status=Status.PUBLISHED)
        else:
            own = Association.objects.approved().filter(
                Q(memberships__status=MembershipStatus.APPROVED, memberships__enterprise__people__user=user)
                | Q(staff__user=user)
            )
            readable = public | (Q(status=Status.PUBLISHED) & Q(association__in=own.values("pk")))
        return self.filter(readable | Q(pk__in=self.editable_by(user).values("pk")))


class Resource(models.Model):
    """One item of the library: a PDF, a link to a video, a guide, a case study, a report or a recorded episode."""

    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=250)
    summary = models.CharField(_("summary"), max_length=500, help_text=_("One or two sentences shown in lists."))
    body = models.TextField(_("notes"), blank=True, help_text=_("Markdown: the summary, notes or contents."))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH)
    file = models.FileField(_("document (PDF)"), upload_to=resource_file_path, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True, help_text=_("A video or web page (opens outside)."))
    topics = models.ManyToManyField(Topic, blank=True, related_name="resources", verbose_name=_("topics"))
    sectors = models.ManyToManyField("core.Sector", blank=True, related_name="+", verbose_name=_("sectors"))
    cluster_stage = models.CharField(
        _("cluster stage"), max_length=20, choices=Stage.choices, blank=True, help_text=_("Empty: any stage.")
    )
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="learning_resources",
        help_text=_("Empty: a national resource published by SIDBI."),
    )
    audience = models.CharField(_("who can see it"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    # Recorded sessions
    series = models.ForeignKey(
        Series, on_delete=models.PROTECT, null=True, blank=True, related_name="episodes", verbose_name=_("series")
    )
    episode_number = models.PositiveSmallIntegerField(_("episode number"), null=True, blank=True)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    recorded_on = models.DateField(_("recorded on"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), null=True, blank=True)
    related = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="+", verbose_name=_("related resources")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(association__isnull=False) | Q(audience=Audience.PUBLIC),
                name="learning_national_resources_are_public",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
                name="learning_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:resource", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.association_id is None or self.audience == Audience.PUBLIC

    @property
    def owner_name(self) -> str:
        return self.association.name if self.association_id else _("National (SIDBI)")


class ResourceTranslation(models.Model):
    """The same resource written in another language (by SIDBI or the association), shown to readers of it."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    title = models.CharField(_("title"), max_length=250)
    summary = models.CharField(_("summary"), max_length=500)
    body = models.TextField(_("notes"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["resource", "language"], name="learning_translation_unique")]

    def __str__(self) -> str:
        return f"{self.resource_id} [{self.language}] {self.title}"


class Bookmark(models.Model):
    """A user keeps a resource to come back to."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "resource"], name="learning_bookmark_once")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.resource_id}"


class PathQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user):
        """Published paths for everyone; drafts for SIDBI staff and platform admins, who make paths."""
        if is_sidbi_staff(user):
            return self
        return self.published()

    def blank_stage_last(self):
        return self.annotate(
            _blank_stage=Case(
                When(cluster_stage="", then=Value(1)), default=Value(0), output_field=models.IntegerField()
            )
        ).order_by("_blank_stage", "title")


class LearningPath(models.Model):
    """An ordered set of resources with a description, for a cluster stage (or any stage when blank)."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(_("description"), help_text=_("Markdown: who it is for and what they will learn."))
    cluster_stage = models.CharField(
        _("cluster stage"), max_length=20, choices=Stage.choices, blank=True, help_text=_("Empty: any stage.")
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = PathQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:path", args=[self.slug])


class PathStep(models.Model):
    """One resource in a learning path, at its place in the order, with an optional note on why it is there."""

    path = models.ForeignKey(LearningPath, on_delete=models.CASCADE, related_name="steps")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="path_steps")
    order = models.PositiveIntegerField()
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["path", "resource"], name="learning_step_resource_once")]

    def __str__(self) -> str:
        return f"{self.path_id}.{self.order}: {self.resource_id}"


class StepDone(models.Model):
    """A user marked a step of a learning path done."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    step = models.ForeignKey(PathStep, on_delete=models.CASCADE, related_name="done_by")
    path = models.ForeignKey(LearningPath, on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "step"], name="learning_step_done_once")]
        indexes = [models.Index(fields=["user", "-done_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} did {self.step_id}"
