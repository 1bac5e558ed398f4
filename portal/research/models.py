"""Research: topics members propose and vote on, and studies (surveys) an association or SIDBI runs on them."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.associations.roles import is_sidbi_staff, managed_by


class TopicStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")


class Topic(models.Model):
    """A subject of interest members follow, propose and vote on; studies are run on active topics."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(max_length=10, choices=TopicStatus.choices, default=TopicStatus.PROPOSED, db_index=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("research:topic", args=[self.pk])


class TopicFollow(models.Model):
    """A user follows a topic."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "user"], name="research_follow_once")]


class TopicVote(models.Model):
    """A member's one vote for a topic to be researched."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "user"], name="research_vote_once")]


class StudyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    PUBLISHED = "published", _("Findings published")


def report_path(instance, filename: str) -> str:
    return f"research/reports/{uuid.uuid4().hex}.pdf"


def answer_file_path(instance, filename: str) -> str:
    # A random name: the original file name could identify the member in an anonymous study.
    return f"research/answers/{uuid.uuid4().hex}"


class StudyQuerySet(models.QuerySet):
    def managed_by(self, user):
        """Studies the user runs: their association office's, or SIDBI's for SIDBI staff."""

        if not user.is_authenticated:
            return self.none()
        condition = Q(owner__in=managed_by(user).values("pk"))
        if is_sidbi_staff(user):
            condition |= Q(owner__isnull=True)
        return self.filter(condition)

    def invited(self, user):
        """Non-draft studies whose audience includes the user (through an enterprise they belong to)."""
        from portal.associations.models import Association, MembershipStatus

        if not user.is_authenticated:
            return self.none()
        from portal.enterprises.models import Enterprise

        enterprises = Enterprise.objects.filter(people__user=user)
        member_of = Association.objects.approved().filter(
            memberships__status=MembershipStatus.APPROVED, memberships__enterprise__people__user=user
        )
        sidbi_audience = (
            Q(owner__isnull=True)
            & (Q(audience_sectors__isnull=True) | Q(audience_sectors__in=enterprises.values("sector")))
            & (Q(audience_states__isnull=True) | Q(audience_states__in=enterprises.values("state")))
        )
        if not enterprises.exists():
            return self.none()
        ids = self.filter(Q(owner__in=member_of.values("pk")) | sidbi_audience).values("pk")
        return self.exclude(status=StudyStatus.DRAFT).filter(pk__in=ids)

    def visible_to(self, user):
        """What the user may open at all: the studies they run and those they are invited to."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(pk__in=self.managed_by(user).values("pk")) | Q(pk__in=self.invited(user).values("pk")))


class Study(models.Model):
    """A survey run by an association (its members) or by SIDBI (chosen sectors and states, or everyone)."""

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="studies")
    owner = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="studies",
        help_text=_("Empty: run by SIDBI."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("question being researched"), max_length=200)
    purpose = models.TextField(_("purpose"))
    audience_sectors = models.ManyToManyField("core.Sector", blank=True, related_name="+", verbose_name=_("sectors"))
    audience_states = models.ManyToManyField("core.State", blank=True, related_name="+", verbose_name=_("states"))
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"))
    anonymous = models.BooleanField(
        _("anonymous"), default=False, help_text=_("Answers cannot be traced back to the member, not even by you.")
    )
    status = models.CharField(max_length=10, choices=StudyStatus.choices, default=StudyStatus.DRAFT, db_index=True)
    invited_count = models.PositiveIntegerField(default=0)
    findings = models.TextField(_("findings"), blank=True)
    report = models.FileField(_("report (PDF)"), upload_to=report_path, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = StudyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "studies"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("research:study", args=[self.pk])

    @property
    def owner_name(self) -> str:
        return self.owner.name if self.owner_id else "SIDBI"

    def is_accepting(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == StudyStatus.OPEN and (self.opens_at is None or self.opens_at <= now) and now < self.closes_at
        )


class Kind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE = "scale", _("Scale 1–5")
    NUMBER = "number", _("Number")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    FILE = "file", _("File upload (PDF or image)")


CHOICE_KINDS = {Kind.SINGLE, Kind.MULTIPLE}
NUMERIC_KINDS = {Kind.SCALE, Kind.NUMBER}


class Question(models.Model):
    """One question of a study's survey, optionally shown only if an earlier answer is a given value."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(default=0)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    required = models.BooleanField(_("required"), default=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    min_value = models.DecimalField(_("minimum"), max_digits=14, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField(_("maximum"), max_digits=14, decimal_places=2, null=True, blank=True)
    show_if_question = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("show only if")
    )
    show_if_value = models.CharField(_("answer is"), max_length=200, blank=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"


class Response(models.Model):
    """One member's answers to a study; the respondent is not stored when the study is anonymous."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # HMAC of study and user with SECRET_KEY: "answer once" and resuming a draft work without linking the answer.
    token = models.CharField(max_length=64)
    sector = models.ForeignKey("core.Sector", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    state = models.ForeignKey("core.State", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["study", "token"], name="research_answer_once")]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.study_id}"


class Answer(models.Model):
    """The answer to one question: text or choice(s) in value, the number for scale and number questions."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(default=None, null=True, blank=True)
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    file = models.FileField(upload_to=answer_file_path, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="research_one_answer")]

    def __str__(self) -> str:
        return f"Answer to {self.question_id}"
