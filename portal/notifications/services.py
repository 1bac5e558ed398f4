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
