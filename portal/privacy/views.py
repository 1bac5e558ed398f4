from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.core.audit import request_ip, security_event
from portal.privacy import services
from portal.privacy.forms import (
    ConsentChangeForm,
    DeleteAccountForm,
    GrievanceForm,
    GrievanceResponseForm,
    PersonalDetailsForm,
)
from portal.privacy.models import DataExport, ExportStatus, Grievance, GrievanceStatus, UserSession
from portal.privacy.notice import NOTICE_VERSION, PURPOSES, REQUIRED_PURPOSE, retention_table
from portal.privacy.permissions import can_handle_grievances, check_handle_grievances

DOWNLOAD_SALT = "privacy.export-download"


def _officer() -> dict:
    return {
        "name": settings.GRIEVANCE_OFFICER_NAME,
        "email": settings.GRIEVANCE_OFFICER_EMAIL,
        "phone": settings.GRIEVANCE_OFFICER_PHONE,
        "hours": settings.GRIEVANCE_ANSWER_HOURS,
    }


def notice(request):
    """The privacy notice, with the grievance form (open to visitors: they give an email)."""
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.full_name, "email": request.user.email}
    form = GrievanceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        grievance = services.grievance_raise(user=request.user, **form.cleaned_data)
        request.session["privacy_grievance"] = grievance.pk
        return redirect("privacy:grievance_received")
    context = {
        "form": form,
        "officer": _officer(),
        "purposes": PURPOSES,
        "retention": retention_table(),
        "version": NOTICE_VERSION,
        "can_handle_grievances": can_handle_grievances(request.user),
    }
    return render(request, "privacy/notice.html", context, status=400 if form.errors else 200)


def grievance_received(request):
    """The acknowledgement, shown at once to whoever raised it in this browser."""
    grievance = get_object_or_404(Grievance, pk=request.session.get("privacy_grievance") or 0)
    return render(request, "privacy/grievance_received.html", {"grievance": grievance, "officer": _officer()})


def terms(request):
    return render(request, "privacy/terms.html", {"officer": _officer()})


@login_required
def my_data(request):
    """Download, correct and delete: the person's rights in one place."""
    user = request.user
    form = PersonalDetailsForm(request.POST or None, initial={"full_name": user.full_name, "phone": user.phone})
    if request.method == "POST" and form.is_valid():
        user.full_name, user.phone = form.cleaned_data["full_name"], form.cleaned_data["phone"]
        user.save(update_fields=["full_name", "phone"])
        messages.success(request, _("Your details are saved."))
        return redirect("privacy:my_data")
    exports = list(DataExport.objects.filter(user=user)[:5])
    for export in exports:
        if export.status == ExportStatus.READY:
            export.link = reverse("privacy:export_download", args=[signing.dumps(export.pk, salt=DOWNLOAD_SALT)])
    context = {
        "form": form,
        "exports": exports,
        "keep_days": settings.PRIVACY_EXPORT_KEEP_DAYS,
    }
    return render(request, "privacy/my_data.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def export_request(request):
    services.export_request(user=request.user, request=request)
    messages.success(request, _("Your data is being prepared. Refresh this page in a minute to download it."))
    return redirect("privacy:my_data")


@login_required
def export_download(request, token):
    """A signed link that expires with the file; anyone but the owner gets a 404, as for a link that never was."""
    try:
        pk = signing.loads(token, salt=DOWNLOAD_SALT, max_age=settings.PRIVACY_EXPORT_KEEP_DAYS * 86400)
    except signing.BadSignature:
        raise Http404 from None
    export = get_object_or_404(DataExport, pk=pk, user=request.user, status=ExportStatus.READY)
    if not export.file or (export.expires_at and export.expires_at <= timezone.now()):
        raise Http404
    security_event(kind="data_downloaded", user=request.user, request=request, export=export.pk)
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.file.name.rsplit("/", 1)[-1])


@login_required
def consents(request):
    if request.method == "POST":
        form = ConsentChangeForm(request.POST)
        if not form.is_valid():
            raise Http404
        purpose, action = form.cleaned_data["purpose"], form.cleaned_data["action"]
        if action == "give":
            services.consent_give(user=request.user, purpose=purpose, ip=request_ip(request) or None)
            messages.success(
                request, _("Consent given. Choose what you want to hear about under notification settings.")
            )
        else:
            services.consent_withdraw(user=request.user, purpose=purpose)
            messages.success(request, _("Consent withdrawn: this has stopped."))
        return redirect("privacy:consents")
    current = services.consents_of(request.user)
    rows = [{"purpose": p, "consent": current[p.code]} for p in PURPOSES]
    return render(request, "privacy/consents.html", {"rows": rows, "required": REQUIRED_PURPOSE})


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        services.account_delete(user=user, request=request)
        logout(request)
        return render(request, "privacy/deleted.html")
    return render(request, "privacy/delete_account.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def sessions(request):
    current = request.session.session_key
    rows = list(UserSession.objects.filter(user=request.user))
    for row in rows:
        row.is_current = row.session_key == current
    return render(request, "privacy/sessions.html", {"sessions": rows})


@login_required
@require_POST
def session_end(request, pk):
    row = get_object_or_404(UserSession, pk=pk, user=request.user)
    if row.session_key == request.session.session_key:
        raise Http404  # this one ends with "Log out"
    services.session_end(user=request.user, session_key=row.session_key)
    security_event(kind="session_ended", user=request.user, request=request)
    messages.success(request, _("That session has been logged out."))
    return redirect("privacy:sessions")


@login_required
@require_POST
def sessions_end_others(request):
    ended = services.sessions_end(user=request.user, keep=request.session.session_key)
    security_event(kind="sessions_ended", user=request.user, request=request, count=ended)
    messages.success(request, _("Logged out everywhere else."))
    return redirect("privacy:sessions")


@login_required
def grievance_queue(request):
    check_handle_grievances(request.user)
    status = request.GET.get("status") or GrievanceStatus.OPEN
    if status not in GrievanceStatus.values:
        raise Http404
    page = Paginator(Grievance.objects.filter(status=status), 30).get_page(request.GET.get("page"))
    overdue = Grievance.objects.overdue().count()
    return render(
        request,
        "privacy/grievance_queue.html",
        {
            "page": page,
            "status": status,
            "statuses": GrievanceStatus.choices,
            "overdue": overdue,
            "now": timezone.now(),
        },
    )


@login_required
def grievance_detail(request, pk):
    check_handle_grievances(request.user)
    grievance = get_object_or_404(Grievance, pk=pk)
    form = GrievanceResponseForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "close":
                services.grievance_close(grievance=grievance, by=request.user)
                messages.success(request, _("Grievance closed."))
                return redirect("privacy:grievance_queue")
            if form.is_valid():
                services.grievance_respond(grievance=grievance, response=form.cleaned_data["response"], by=request.user)
                messages.success(request, _("Answer sent."))
                return redirect("privacy:grievance_detail", pk=grievance.pk)
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "privacy/grievance_detail.html",
        {"grievance": grievance, "form": form},
        status=400 if form.errors else 200,
    )
