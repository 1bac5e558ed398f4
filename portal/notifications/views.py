from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.notifications import services
from portal.notifications.forms import PreferencesForm
from portal.notifications.kinds import label_of
from portal.notifications.models import Broadcast, BroadcastStatus, Notification
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


@require_GET
def unread_count(request):
    """The bell's badge, polled by HTMX every minute. Signed out: 0, with status 286 so HTMX stops polling."""
    if not request.user.is_authenticated:
        return render(request, "notifications/_unread_count.html", {"count": 0}, status=286)
    count = Notification.objects.for_user(request.user).unread().count()
    return render(request, "notifications/_unread_count.html", {"count": count})


@login_required
def preferences(request):
    """Per group of kinds: immediately, daily digest, weekly digest or never; by email and by SMS."""
    form = PreferencesForm(request.POST or None, choices=services.preferences_of(request.user))
    if request.method == "POST" and form.is_valid():
        for group, (frequency, email, sms) in form.cleaned_choices().items():
            services.preference_set(
                user=request.user, group=group, frequency=frequency, email=email, sms=sms, by=request.user
            )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})


@csrf_exempt  # the signed token is the authority; RFC 8058 one-click posts come from mail clients with no cookie
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks to confirm; POST (our button or a mail client's List-Unsubscribe-Post) sets the groups to never."""
    try:
        if request.method == "POST":
            user, groups = services.unsubscribe(token=token)
        else:
            user, groups = services.read_unsubscribe_token(token)
    except signing.SignatureExpired:
        return render(request, "notifications/unsubscribe_invalid.html", {"expired": True}, status=400)
    except signing.BadSignature:
        return render(request, "notifications/unsubscribe_invalid.html", {"expired": False}, status=400)
    context = {"groups": [label_of(group) for group in groups], "token": token, "done": request.method == "POST"}
    return render(request, "notifications/unsubscribe.html", context)


@login_required
def broadcast_progress(request, pk):
    """How far a broadcast has got; only the person who started it and SIDBI may see it (others: 404)."""
    item = get_object_or_404(Broadcast, pk=pk)
    if not (request.user.is_sidbi or (item.started_by_id and item.started_by_id == request.user.pk)):
        raise Http404
    finished = item.status in {BroadcastStatus.DONE, BroadcastStatus.FAILED}
    template = "notifications/_broadcast_progress.html" if request.htmx else "notifications/broadcast.html"
    return render(request, template, {"broadcast": item, "finished": finished})
