"""The one way to tell people about something: an in-app notification, plus email or text as each person chose.

Every notification is shown in the portal. Whether it is also emailed (at once, in a daily or weekly digest,
or never) and texted depends on the person's preference for the kind's group (see kinds.KINDS).
"""

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.core.audit import audit
from portal.core.i18n import Msg, in_language_of, render
from portal.notifications.channels import EmailChannel, EmailMessage, queue_text
from portal.notifications.kinds import KINDS, group_of, label_of
from portal.notifications.models import DIGEST_FREQUENCIES, Frequency, Notification, NotificationPreference

UNSUBSCRIBE_SALT = "portal.notifications.unsubscribe"


# --- Preferences -------------------------------------------------------------------------------------------


class Choice:
    """A user's effective choice for one group (the defaults when they never chose)."""

    def __init__(self, frequency: str = Frequency.IMMEDIATELY, email: bool = True, sms: bool = False):
        self.frequency, self.email, self.sms = frequency, email, sms


def preferences_of(user) -> dict[str, Choice]:
    """Every group with the user's choice for it, in registry order (one query)."""
    saved = {p.group: p for p in NotificationPreference.objects.filter(user=user)}
    return {
        group: Choice(saved[group].frequency, saved[group].email, saved[group].sms) if group in saved else Choice()
        for group in KINDS
    }


def _choices_for(user_ids, group: str) -> dict[int, Choice]:
    rows = NotificationPreference.objects.filter(user_id__in=user_ids, group=group)
    return {p.user_id: Choice(p.frequency, p.email, p.sms) for p in rows}


@transaction.atomic
def preference_set(*, user, group: str, frequency: str, email: bool = True, sms: bool = False, by) -> bool:
    """Save how ``user`` hears about ``group``; returns whether anything changed."""
    if group not in KINDS or frequency not in Frequency.values:
        raise ValueError(f"unknown group or frequency: {group!r} {frequency!r}")
    current = NotificationPreference.objects.filter(user=user, group=group).first()
    if current is None:
        if (frequency, email, sms) == (Frequency.IMMEDIATELY, True, False):
            return False
        current = NotificationPreference(user=user, group=group)
    elif (current.frequency, current.email, current.sms) == (frequency, email, sms):
        return False
    current.frequency, current.email, current.sms = frequency, email, sms
    current.save()
    audit(actor=by, action="notifications.preference_set", target=current, group=group, frequency=frequency)
    return True


# --- Unsubscribe tokens ----------------------------------------------------------------------------------------


def unsubscribe_token(user, groups: Iterable[str]) -> str:
    """A signed, salted token that lets whoever holds the email stop these groups without logging in."""
    return signing.dumps({"u": user.pk, "g": sorted(set(groups))}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(user, groups: Iterable[str]) -> str:
    return settings.SITE_URL + reverse("notifications:unsubscribe", args=[unsubscribe_token(user, groups)])


def read_unsubscribe_token(token: str):
    """The (user, groups) a token names; raises signing.BadSignature (or SignatureExpired) when it is not valid."""
    from django.contrib.auth import get_user_model

    max_age = timedelta(days=settings.NOTIFICATION_UNSUBSCRIBE_MAX_AGE_DAYS)
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=max_age)
    try:
        user = get_user_model().objects.get(pk=data["u"], is_active=True)
        groups = [group for group in data["g"] if group in KINDS]
    except (KeyError, TypeError, get_user_model().DoesNotExist) as error:
        raise signing.BadSignature("token names no active user") from error
    if not groups:
        raise signing.BadSignature("token names no group")
    return user, groups


@transaction.atomic
def unsubscribe(*, token: str) -> tuple:
    """Set every group the token names to "never" for its user; returns (user, groups). Raises BadSignature."""
    user, groups = read_unsubscribe_token(token)
    for group in groups:
        choice = preferences_of(user)[group]
        preference_set(user=user, group=group, frequency=Frequency.NEVER, email=choice.email, sms=choice.sms, by=user)
    return user, groups


def _email(*, user, subject, body, groups: Iterable[str]) -> None:
    """Queue one email to ``user``, written in their language (subject and body may be Messages or lazy text)."""
    with in_language_of(user):
        _email_in_active_language(user=user, subject=render(subject), body=render(body), groups=groups)


def _email_in_active_language(*, user, subject: str, body: str, groups: Iterable[str]) -> None:
    groups = list(groups)
    url = unsubscribe_url(user, groups)
    footer = _("Choose how you hear from the portal: %(settings)s\nUnsubscribe from these emails: %(url)s") % {
        "settings": settings.SITE_URL + reverse("notifications:settings"),
        "url": url,
    }
    EmailChannel().send(
        EmailMessage(
            to=user.email,
            subject=subject,
            body=f"{body}\n\n-- \n{footer}" if body else footer,
            headers={"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        )
    )


def _full_link(link: str) -> str:
    return settings.SITE_URL + link if link.startswith("/") else link


# --- Sending ------------------------------------------------------------------------------------------------


def notify(
    *, users: Iterable, kind: str, title: str | Msg, link: str = "", body: str | Msg = "", email: bool = True
) -> int:
    """Create one notification per distinct active user; email or text them as each chose, after commit.

    ``title`` and ``body`` are best given as :class:`~portal.core.i18n.Msg` (an English message id with its
    parameters): each person then reads them, in the portal and by email, in their own language. Plain text
    (what someone wrote) is kept as it is. ``email=False`` keeps it in the portal only. Returns the number of
    people notified. Call inside the transaction of the change it reports.
    """
    recipients = {user.pk: user for user in users if user is not None and user.is_active}
    if not recipients:
        return 0
    group = group_of(kind)
    choices = _choices_for(recipients.keys(), group) if email else {}
    now = timezone.now()
    message = {
        part: value.as_data() for part, value in (("title", title), ("body", body)) if isinstance(value, Msg)
    } or None
    english_title = title.english() if isinstance(title, Msg) else str(title)
    english_body = body.english() if isinstance(body, Msg) else str(body)
    rows, emails, texts = [], [], []
    for user in recipients.values():
        choice = choices.get(user.pk, Choice())
        row = Notification(
            user=user, kind=kind, title=english_title[:300], body=english_body, link=link, message=message
        )
        if email and choice.frequency == Frequency.IMMEDIATELY:
            if choice.email and user.email:
                row.emailed_at = now
                emails.append(user)
            if choice.sms and user.phone:
                texts.append(user)
        elif email and choice.email and choice.frequency in DIGEST_FREQUENCIES:
            row.digest = choice.frequency
        rows.append(row)
    Notification.objects.bulk_create(rows)
    for user in emails:
        with in_language_of(user):
            text = "\n\n".join(part for part in (render(body), _full_link(link)) if part)
            _email(user=user, subject=f"[DIA Portal] {render(title)}", body=text, groups=[group])
    for user in texts:
        with in_language_of(user):
            text = " ".join(part for part in (render(title)[:140], _full_link(link)) if part)
        queue_text(to=user.phone, text=text)
    return len(recipients)


def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one (or, with no id, all) of the user's notifications as read; returns how many changed."""
    queryset = Notification.objects.for_user(user).unread()
    if notification_id is not None:
        queryset = queryset.filter(pk=notification_id)
    return queryset.update(read_at=timezone.now())


# --- Digests ------------------------------------------------------------------------------------------------


def digest_send(*, frequency: str, now=None) -> int:
    """Email each user one digest of their notifications waiting for this digest; returns how many were sent.

    Each notification goes in at most one digest: it is marked when handled. Ones already read in the portal,
    or of a group the user has since set to "never" or away from email, are dropped without an email.
    """
    if frequency not in DIGEST_FREQUENCIES:
        raise ValueError(f"not a digest frequency: {frequency!r}")
    now = now or timezone.now()
    user_ids = (
        Notification.objects.awaiting_digest(frequency).filter(created_at__lte=now).values_list("user_id", flat=True)
    )
    sent = 0
    for user_id in sorted(set(user_ids)):
        with transaction.atomic():
            pending = list(
                Notification.objects.select_for_update(of=("self",))
                .awaiting_digest(frequency)
                .filter(user_id=user_id, created_at__lte=now)
                .select_related("user")
                .order_by("created_at", "id")
            )
            if not pending:
                continue
            user = pending[0].user
            choices = preferences_of(user)
            items = [
                n
                for n in pending
                if n.read_at is None
                and user.is_active
                and user.email
                and choices[group_of(n.kind)].email
                and choices[group_of(n.kind)].frequency != Frequency.NEVER
            ]
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(digest="")
            if not items:
                continue
            Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=now)
            with in_language_of(user):
                _email(
                    user=user,
                    subject=_digest_subject(frequency, len(items)),
                    body=_digest_body(items),
                    groups={group_of(n.kind) for n in items},
                )
            sent += 1
    return sent


def _digest_subject(frequency: str, count: int) -> str:
    if frequency == Frequency.DAILY:
        text = ngettext("Your daily digest: %(n)d notification", "Your daily digest: %(n)d notifications", count)
    else:
        text = ngettext("Your weekly digest: %(n)d notification", "Your weekly digest: %(n)d notifications", count)
    return "[DIA Portal] " + text % {"n": count}


def _digest_body(items) -> str:
    sections = []
    for group in KINDS:
        lines = [
            f"- {n.display_title}" + (f"\n  {_full_link(n.link)}" if n.link else "")
            for n in items
            if group_of(n.kind) == group
        ]
        if lines:
            sections.append(f"{label_of(group)}\n" + "\n".join(lines))
    return "\n\n".join(sections)


def send_due_digests(*, now=None, weekly: bool | None = None) -> dict[str, int]:
    """The daily digest, and the weekly one on NOTIFICATION_WEEKLY_DIGEST_WEEKDAY (or when ``weekly`` says so)."""
    now = now or timezone.now()
    if weekly is None:
        weekly = timezone.localdate(now).weekday() == settings.NOTIFICATION_WEEKLY_DIGEST_WEEKDAY
    return {
        "daily": digest_send(frequency=Frequency.DAILY, now=now),
        "weekly": digest_send(frequency=Frequency.WEEKLY, now=now) if weekly else 0,
    }


# --- Broadcasts ---------------------------------------------------------------------------------------------

BROADCAST_BATCH = 1000


def broadcast(*, users, kind: str, title: str, link: str = "", body: str = "", started_by=None):
    """Queue one notification to a large audience; the worker delivers it in batches of BROADCAST_BATCH.

    ``users`` is a queryset of users; only their ids are stored, so the page that publishes returns at once.
    """
    from portal.notifications.models import Broadcast
    from portal.notifications.tasks import deliver_broadcast

    ids = list(users.filter(is_active=True).values_list("pk", flat=True).distinct())
    item = Broadcast.objects.create(
        kind=kind, title=title[:300], body=body, link=link, recipient_ids=ids, total=len(ids), started_by=started_by
    )
    transaction.on_commit(lambda: deliver_broadcast.enqueue(broadcast_id=item.pk))
    return item


def broadcast_deliver(broadcast_id: int) -> None:
    """Deliver a broadcast batch by batch, saving progress after each, so a restart resumes where it stopped."""
    from django.contrib.auth import get_user_model

    from portal.notifications.models import Broadcast, BroadcastStatus

    item = Broadcast.objects.get(pk=broadcast_id)
    if item.status == BroadcastStatus.DONE:
        return
    Broadcast.objects.filter(pk=item.pk).update(status=BroadcastStatus.SENDING)
    User = get_user_model()
    ids = item.recipient_ids
    for start in range(item.sent, len(ids), BROADCAST_BATCH):
        batch = User.objects.filter(pk__in=ids[start : start + BROADCAST_BATCH])
        with transaction.atomic():
            notify(users=batch, kind=item.kind, title=item.title, link=item.link, body=item.body)
            Broadcast.objects.filter(pk=item.pk).update(sent=min(start + BROADCAST_BATCH, len(ids)))
    Broadcast.objects.filter(pk=item.pk).update(status=BroadcastStatus.DONE, finished_at=timezone.now())
