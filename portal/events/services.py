"""Writes for events: create, publish, cancel; register, cancel a place, waiting list; attendance, fees, feedback."""

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.associations.models import Association
from portal.core.audit import audit
from portal.core.errors import ActionRefused
from portal.core.i18n import Msg, language_of, normalise_language
from portal.core.models import Sector, State
from portal.events import permissions, states
from portal.events.models import (
    ACTIVE_STATUSES,
    CalendarFeed,
    Event,
    EventKind,
    EventStatus,
    Feedback,
    Mode,
    Registration,
    RegistrationStatus,
)
from portal.notifications.services import notify

REMINDER_AHEAD = timedelta(hours=24)


def _when(event: Event) -> str:
    return date_format(timezone.localtime(event.starts_at), "j M Y, H:i") + " IST"


def _lock(event: Event) -> Event:
    """The event row, locked until the end of the transaction: every change to its places goes through here.

    SQLite ignores SELECT ... FOR UPDATE; a no-op write first takes its write lock (waiting for the busy timeout)
    before anything is read, so concurrent registrations queue instead of failing on a lock upgrade.
    """
    if connection.vendor == "sqlite":
        Event.objects.filter(pk=event.pk).update(confirmed_count=F("confirmed_count"))
    return Event.objects.select_for_update(of=("self",)).select_related("owner").get(pk=event.pk)


# Events


@dataclass(frozen=True)
class EventDetails:
    """What the organiser says about an event (the fields of the event form, already validated)."""

    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    registration_deadline: datetime
    capacity: int
    audience: str
    kind: str = EventKind.TRAINING
    mode: str = Mode.IN_PERSON
    venue: str = ""
    address: str = ""
    online_link: str = ""
    state: State | None = None
    fee: Decimal = Decimal("0")
    sectors: Sequence[Sector] = ()
    # The language the title and description are written in; empty: the organiser's own (new) or unchanged.
    language: str = ""

    def fields(self) -> dict:
        """The event's own columns (the sectors are set apart: they are a many-to-many)."""
        return {field.name: getattr(self, field.name) for field in dataclass_fields(self) if field.name != "sectors"}


def _check_times(details: EventDetails) -> None:
    if details.ends_at <= details.starts_at:
        raise ActionRefused(_("The event must end after it starts."))
    if details.registration_deadline > details.starts_at:
        raise ActionRefused(_("Registration must close before the event starts."))


@transaction.atomic
def event_create(*, owner: Association | None, details: EventDetails, by) -> Event:
    """Save a new draft event of ``owner`` (an association, or None for SIDBI)."""
    if not permissions.can_organise_for(by, owner):
        raise ActionRefused(_("You cannot organise events for this organiser."))
    _check_times(details)
    fields = details.fields()
    fields["language"] = normalise_language(details.language) if details.language else language_of(by)
    event = Event.objects.create(owner=owner, created_by=by, status=EventStatus.DRAFT, **fields)
    event.sectors.set(details.sectors)
    audit(actor=by, action="events.created", target=event, association=event.owner)
    return event


@transaction.atomic
def event_update(*, event: Event, details: EventDetails, by) -> Event:
    event = _lock(event)
    if not permissions.can_manage(by, event):
        raise ActionRefused(_("You do not organise this event."))
    if event.status == EventStatus.CANCELLED:
        raise ActionRefused(_("A cancelled event cannot be changed."))
    if details.capacity < event.confirmed_count:
        raise ActionRefused(
            _("%(n)s people are already confirmed: the capacity cannot be lower.") % {"n": event.confirmed_count}
        )
    _check_times(details)
    changes = details.fields()
    if details.language:
        changes["language"] = normalise_language(details.language)
    else:
        del changes["language"]
    for name, value in changes.items():
        setattr(event, name, value)
    event.save(update_fields=list(changes))
    event.sectors.set(details.sectors)
    audit(actor=by, action="events.updated", target=event, association=event.owner)
    return event


@transaction.atomic
def event_publish(*, event: Event, by) -> Event:
    event = _lock(event)
    if not permissions.can_manage(by, event):
        raise ActionRefused(_("You do not organise this event."))
    if not states.EVENT.allows(event.status, EventStatus.PUBLISHED):
        raise ActionRefused(_("Only a draft can be published."))
    if event.starts_at <= timezone.now():
        raise ActionRefused(_("The event has already started: change its dates first."))
    event.status = EventStatus.PUBLISHED
    event.published_at = timezone.now()
    event.save(update_fields=["status", "published_at"])
    audit(actor=by, action="events.published", target=event, association=event.owner)
    return event


@transaction.atomic
def event_cancel(*, event: Event, reason: str, by) -> Event:
    """Cancel the event and tell everyone registered (confirmed and waiting)."""
    event = _lock(event)
    if not permissions.can_manage(by, event):
        raise ActionRefused(_("You do not organise this event."))
    if not states.EVENT.allows(event.status, EventStatus.CANCELLED):
        raise ActionRefused(_("The event is already cancelled."))
    if event.has_ended():
        raise ActionRefused(_("The event is over; it can no longer be cancelled."))
    event.status = EventStatus.CANCELLED
    event.cancelled_at = timezone.now()
    event.cancel_reason = reason.strip()
    event.save(update_fields=["status", "cancelled_at", "cancel_reason"])
    people = [r.user for r in event.registrations.filter(status__in=ACTIVE_STATUSES).select_related("user")]
    notify(
        users=people,
        kind="events.cancelled",
        title=Msg("Cancelled: %(title)s (%(when)s)", title=event.title, when=_when(event)),
        link=event.get_absolute_url(),
        body=event.cancel_reason,
    )
    audit(actor=by, action="events.cancelled", target=event, association=event.owner, reason=event.cancel_reason)
    return event


# Registration


@transaction.atomic
def registration_create(*, event: Event, by) -> Registration:
    """Give the user a confirmed place, or a place on the waiting list when the event is full.

    The event row is locked first, so concurrent registrations are served one at a time and the last seat
    goes to exactly one person.
    """
    event = _lock(event)
    now = timezone.now()
    if event.status != EventStatus.PUBLISHED:
        raise ActionRefused(_("This event is not open for registration."))
    if now >= event.registration_deadline or now >= event.starts_at:
        raise ActionRefused(_("Registration for this event has closed."))
    if not permissions.is_eligible(by, event):
        raise ActionRefused(_("This event is for members of %(name)s only.") % {"name": event.organiser_name})
    if Registration.objects.filter(event=event, user=by, status__in=ACTIVE_STATUSES).exists():
        raise ActionRefused(_("You are already registered for this event."))
    confirmed = event.confirmed_count < event.capacity
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event,
                user=by,
                status=RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITLISTED,
            )
    except IntegrityError as exc:
        raise ActionRefused(_("You are already registered for this event.")) from exc
    if confirmed:
        Event.objects.filter(pk=event.pk).update(confirmed_count=F("confirmed_count") + 1)
    notify(
        users=[by],
        kind="events.registered",
        title=(
            _("You are registered for %(title)s on %(when)s")
            if confirmed
            else _("You are on the waiting list for %(title)s on %(when)s")
        )
        % {"title": event.title, "when": _when(event)},
        link=event.get_absolute_url(),
        email=False,
    )
    audit(
        actor=by, action="events.registered", target=registration, association=event.owner, status=registration.status
    )
    return registration


def _promote_next(event: Event) -> Registration | None:
    """Move the first person on the waiting list into a free place (event row already locked)."""
    if event.confirmed_count >= event.capacity or event.starts_at <= timezone.now():
        return None
    promoted = (
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED)
        .select_related("user")
        .order_by("created_at", "id")
        .first()
    )
    if promoted is None:
        return None
    promoted.status = RegistrationStatus.CONFIRMED
    promoted.save(update_fields=["status"])
    Event.objects.filter(pk=event.pk).update(confirmed_count=F("confirmed_count") + 1)
    event.confirmed_count += 1
    notify(
        users=[promoted.user],
        kind="events.promoted",
        title=Msg(
            "A place opened up: you are now confirmed for %(title)s on %(when)s", title=event.title, when=_when(event)
        ),
        link=event.get_absolute_url(),
    )
    audit(actor=None, action="events.promoted", target=promoted, association=event.owner)
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration, by) -> Registration:
    """The person (or the organiser) gives up the place; the first on the waiting list moves up."""
    event = _lock(Event(pk=registration.event_id))
    registration = Registration.objects.select_related("user").get(pk=registration.pk)
    if registration.user_id != by.pk and not permissions.can_manage(by, event):
        raise ActionRefused(_("This is not your registration."))
    states.REGISTRATION.check(
        registration.status, RegistrationStatus.CANCELLED, refusal=_("This registration is already cancelled.")
    )
    if event.starts_at <= timezone.now():
        raise ActionRefused(_("The event has started; the registration can no longer be cancelled."))
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if was_confirmed:
        Event.objects.filter(pk=event.pk).update(confirmed_count=F("confirmed_count") - 1)
        event.confirmed_count -= 1
        if event.status == EventStatus.PUBLISHED:
            _promote_next(event)
    audit(actor=by, action="events.registration_cancelled", target=registration, association=event.owner)
    return registration


# Attendance, fees, feedback


@transaction.atomic
def attendance_mark(*, registration: Registration, present: bool = True, by) -> Registration:
    event = registration.event
    if not permissions.can_manage(by, event):
        raise ActionRefused(_("You do not organise this event."))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ActionRefused(_("Only confirmed registrations can be checked in."))
    if event.status == EventStatus.CANCELLED:
        raise ActionRefused(_("The event was cancelled."))
    if timezone.now() < event.starts_at - timedelta(hours=12):
        raise ActionRefused(_("Check-in opens on the day of the event."))
    if present == registration.attended:
        return registration
    registration.attended_at = timezone.now() if present else None
    registration.save(update_fields=["attended_at"])
    audit(
        actor=by,
        action="events.attended" if present else "events.attendance_undone",
        target=registration,
        association=event.owner,
    )
    return registration


@transaction.atomic
def fee_mark_paid(*, registration: Registration, paid: bool = True, by) -> Registration:
    """Record that the fee was paid (or not); an association event's fee goes into its book as event income."""
    from portal.finances.models import LedgerEntry
    from portal.finances.services import ledger_correct, ledger_record

    event = registration.event
    if not permissions.can_manage(by, event):
        raise ActionRefused(_("You do not organise this event."))
    registration = Registration.objects.select_for_update().select_related("user").get(pk=registration.pk)
    if event.is_free:
        raise ActionRefused(_("This event is free."))
    if registration.status == RegistrationStatus.WAITLISTED:
        raise ActionRefused(_("People on the waiting list do not pay yet."))
    if paid == registration.fee_paid:
        return registration
    registration.fee_paid = paid
    registration.fee_paid_at = timezone.now() if paid else None
    registration.save(update_fields=["fee_paid", "fee_paid_at"])
    reference = f"events.registration:{registration.pk}"
    if event.owner_id:
        if paid:
            ledger_record(
                association=event.owner,
                direction="income",
                category="event_fees",
                amount=event.fee,
                on_date=timezone.localdate(),
                description=_("Fee: %(title)s, %(name)s") % {"title": event.title, "name": registration.user},
                reference=reference,
                by=by,
            )
        else:
            entry = (
                LedgerEntry.objects.filter(association=event.owner, reference=reference, corrects__isnull=True)
                .order_by("-id")
                .first()
            )
            if entry is not None:
                ledger_correct(entry=entry, reason=_("Event fee marked as not paid."), by=by)
    audit(actor=by, action="events.fee_marked", target=registration, association=event.owner, paid=paid)
    return registration


@transaction.atomic
def feedback_submit(*, registration: Registration, rating: int, comments: str = "", by) -> Feedback:
    if not permissions.can_give_feedback(by, registration):
        raise ActionRefused(_("Feedback is open to attendees after the event."))
    if rating not in range(1, 6):
        raise ActionRefused(_("Choose a rating from 1 to 5."))
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(registration=registration, rating=rating, comments=comments.strip())
    except IntegrityError as exc:
        raise ActionRefused(_("You have already given feedback for this event.")) from exc
    audit(actor=by, action="events.feedback", target=feedback, association=registration.event.owner, rating=rating)
    return feedback


# Reminders and the calendar feed


def send_due_reminders(*, now=None, ahead: timedelta = REMINDER_AHEAD) -> int:
    """Email each confirmed attendee once, when their event starts within ``ahead``; safe to run again (cron).

    Each registration is claimed with a conditional update before its email is queued, so two runs at the
    same time cannot both send it.
    """
    from portal.events.tasks import send_event_reminder

    now = now or timezone.now()
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__status=EventStatus.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + ahead,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        claimed = Registration.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(reminder_sent_at=now)
        if claimed:
            send_event_reminder.enqueue(pk)
            sent += 1
    return sent


@transaction.atomic
def feed_reset(*, user) -> CalendarFeed:
    """Give the user a new secret feed address (the old one stops working)."""
    from portal.events.models import new_feed_token

    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    audit(actor=user, action="events.feed_reset", target=feed)
    return feed


def feed_for(user) -> CalendarFeed:
    return CalendarFeed.objects.get_or_create(user=user)[0]


def event_link(event: Event) -> str:
    return reverse("events:detail", args=[event.pk])
