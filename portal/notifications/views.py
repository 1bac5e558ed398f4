from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from portal.notifications.models import Notification
from portal.notifications.services import notification_mark_read


@login_required
def inbox(request):
    queryset = Notification.objects.for_user(request.user)
    if request.GET.get("unread"):
        queryset = queryset.unread()
    page = Paginator(queryset, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page, "unread_only": bool(request.GET.get("unread"))})


@login_required
def open_notification(request, pk):
    """Mark as read and go to what it is about (someone else's notification is a 404)."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    notification_mark_read(user=request.user, notification_id=notification.pk)
    if notification.link and url_has_allowed_host_and_scheme(notification.link, allowed_hosts={request.get_host()}):
        return redirect(notification.link)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    notification_mark_read(user=request.user)
    return redirect("notifications:inbox")
