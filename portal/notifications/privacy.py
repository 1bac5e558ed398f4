from datetime import timedelta

from django.conf import settings

from portal.core.personal_data import DELETE, KEEP, Source, on_consent_withdrawn, register, register_retention
from portal.notifications.kinds import KINDS
from portal.notifications.models import Notification, NotificationPreference

register(
    Source("notifications.Notification", "user", DELETE, "messages to the person"),
    Source("notifications.NotificationPreference", "user", DELETE, "the person's choices"),
    Source("notifications.Broadcast", "started_by", KEEP, "announcements sent on behalf of an association"),
)


def _groups() -> set[str]:
    return set(KINDS)


@on_consent_withdrawn("email_updates")
def stop_emails(user) -> None:
    """No email notifications or digests at all; the notifications stay in the portal."""
    for group in _groups():
        pref, _created = NotificationPreference.objects.get_or_create(user=user, group=group)
        pref.email = False
        pref.save(update_fields=["email", "updated_at"])


@on_consent_withdrawn("sms_updates")
def stop_texts(user) -> None:
    for group in _groups():
        pref, _created = NotificationPreference.objects.get_or_create(user=user, group=group)
        pref.sms = False
        pref.save(update_fields=["sms", "updated_at"])


@register_retention("notifications")
def purge_old_notifications(now) -> int:
    cutoff = now - timedelta(days=settings.PRIVACY_NOTIFICATION_KEEP_DAYS)
    deleted, _counts = Notification.objects.filter(created_at__lt=cutoff, read_at__isnull=False).delete()
    return deleted
