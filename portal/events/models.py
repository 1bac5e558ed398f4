"""Events and trainings run by an association or by SIDBI: registration, waiting list, attendance, feedback."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.associations.roles import is_sidbi_staff


class EventKind(models.TextChoices):
    TRAINING = "training", _("Training")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")
    EXPOSURE_VISIT = "exposure_visit", _("Exposure visit")
    BUYER_SELLER_MEET = "buyer_seller_meet", _("Buyer-seller meet")
    TRADE_FAIR = "trade_fair", _("Trade fair")


# Kinds whose attendees count as "people trained" (the scheme's trained-human-resources head).
TRAINING_KINDS = (EventKind.TRAINING, EventKind.WORKSHOP, EventKind.WEBINAR)


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class Audience(models.TextChoices):
    MEMBERS = "members", _("Members of the association only")
    REGISTERED = "registered", _("Everyone with an account")
    PUBLIC = "public", _("Public (anyone can see it; registering needs an account)")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class EventQuerySet(models.QuerySet):
    def managed_by(self, user):
        """Events the user organises: their association office's (office-bearers and staff), or SIDBI's."""
        from portal.associations.models import Association

        if not user.is_authenticated:
            return self.none()
        condition = Q(owner__in=Association.objects.managed_by(user).values("pk"))
        if is_sidbi_staff(user):
            condition |= Q(owner__isnull=True)
        return self.filter(condition)

    def visible_to(self, user):
        """What the user may see: published or cancelled events whose audience includes them, and their own drafts.

        Members-only events are seen by the association's active members and office only (not by SIDBI or
        members of other associations): the association chose to keep them to itself.
        """
        from portal.associations.models import Association, MembershipStatus

        shown = Q(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])
        if not user.is_authenticated:
            return self.filter(shown, audience=Audience.PUBLIC)
        member_of = Association.objects.filter(
            memberships__status=MembershipStatus.APPROVED, memberships__enterprise__people__user=user
        ).values("pk")
        office_of = Association.objects.managed_by(user).values("pk")
        audience = (
            Q(audience__in=[Audience.PUBLIC, Audience.REGISTERED]) | Q(owner__in=member_of) | Q(owner__in=office_of)
        )
        return self.filter((shown & audience) | Q(pk__in=self.managed_by(user).values("pk")))

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())


class Event(models.Model):
    """An event or training by an association (owner) or by SIDBI (no owner), with a capacity and a waiting list."""

    owner = models.ForeignKey(
        "associations.Association",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("Empty: organised by SIDBI."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.TRAINING)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10000, help_text=_("Markdown is allowed."))
    # The language the organiser wrote the title and description in (pages mark it with lang="...").
    language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    sectors = models.ManyToManyField("core.Sector", blank=True, related_name="+", verbose_name=_("sectors"))
    state = models.ForeignKey(
        "core.State", verbose_name=_("state"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.TextField(_("address"), max_length=500, blank=True)
    online_link = models.URLField(
        _("online link"), blank=True, help_text=_("Shown only to confirmed attendees and the organiser.")
    )
    starts_at = models.DateTimeField(_("starts at (IST)"), db_index=True)
    ends_at = models.DateTimeField(_("ends at (IST)"), db_index=True)
    registration_deadline = models.DateTimeField(_("registration closes at (IST)"))
    capacity = models.PositiveIntegerField(_("capacity"))
    audience = models.CharField(_("who may register"), max_length=10, choices=Audience.choices)
    fee = models.DecimalField(
        _("fee (₹)"), max_digits=14, decimal_places=2, default=0, help_text=_("0 for a free event.")
    )
    status = models.CharField(max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT, db_index=True)
    # Kept in step with the confirmed registrations under a row lock; the check below makes overselling impossible.
    confirmed_count = models.PositiveIntegerField(default=0)
    cancel_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(confirmed_count__lte=F("capacity")), name="events_never_oversold"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="events_ends_after_start"),
            models.CheckConstraint(condition=Q(fee__gte=0), name="events_fee_not_negative"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="events_capacity_positive"),
            models.CheckConstraint(
                condition=~Q(audience=Audience.MEMBERS) | Q(owner__isnull=False), name="events_members_need_owner"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk])

    @property
    def organiser_name(self) -> str:
        return self.owner.name if self.owner_id else "SIDBI"

    @property
    def is_free(self) -> bool:
        return not self.fee

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    def has_ended(self, now=None) -> bool:
        return self.ends_at <= (now or timezone.now())

    def is_open_for_registration(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == EventStatus.PUBLISHED and now < self.registration_deadline and now < self.starts_at


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


def new_code() -> str:
    return secrets.token_hex(6).upper()


class Registration(models.Model):
    """A person's place at an event: confirmed, on the waiting list or cancelled; attendance and fee."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations")
    status = models.CharField(max_length=10, choices=RegistrationStatus.choices, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended_at = models.DateTimeField(null=True, blank=True)
    fee_paid = models.BooleanField(default=False)
    fee_paid_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    certificate_code = models.CharField(max_length=12, unique=True, default=new_code)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=["confirmed", "waitlisted"]),
                name="events_register_once",
            ),
            models.CheckConstraint(
                condition=Q(attended_at__isnull=True) | Q(status="confirmed"), name="events_only_confirmed_attend"
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.user} at {self.event}"

    @property
    def attended(self) -> bool:
        return self.attended_at is not None


class Feedback(models.Model):
    """An attendee's one rating (1–5) and comments after the event."""

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(_("rating"))
    comments = models.TextField(_("comments"), max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="events_rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5 for {self.registration_id}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A user's secret iCalendar feed address (whoever holds the token reads the feed, so it can be reset)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"
