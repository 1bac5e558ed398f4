from django.utils.functional import SimpleLazyObject

from portal.notifications.models import Notification


def unread_notifications(request):
    """The unread count in the header; lazy, so pages that do not render it run no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: Notification.objects.for_user(user).unread().count())}
