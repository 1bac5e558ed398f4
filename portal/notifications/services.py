"""The one way to tell people about something: an in-app notification plus an email, sent in the background."""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.core.tasks import send_email
from portal.notifications.models import Notification


def notify(*, users: Iterable, kind: str, title: str, link: str = "", body: str = "", email: bool = True) -> int:
    """Create one notification per distinct active user and queue their emails after the transaction commits.

    Returns the number of people notified. Call inside the transaction of the change it reports.
    """
    recipients = {user.pk: user for user in users if user is not None and user.is_active}
    if not recipients:
        return 0
    Notification.objects.bulk_create(
        [Notification(user=user, kind=kind, title=title[:300], body=body, link=link) for user in recipients.values()]
    )
    if email:
        addresses = sorted({user.email for user in recipients.values() if user.email})
        full_link = settings.SITE_URL + link if link.startswith("/") else link
        text = "\n\n".join(part for part in (body, full_link) if part)
        for address in addresses:
            transaction.on_commit(
                lambda address=address: send_email.enqueue(subject=f"[DIA Portal] {title}", body=text, to=[address])
            )
    return len(recipients)


def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one (or, with no id, all) of the user's notifications as read; returns how many changed."""
    queryset = Notification.objects.for_user(user).unread()
    if notification_id is not None:
        queryset = queryset.filter(pk=notification_id)
    return queryset.update(read_at=timezone.now())


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
