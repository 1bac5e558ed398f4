from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.associations.models import Association
from portal.associations.permissions import refuse_at
from portal.core.errors import ActionRefused
from portal.core.i18n import in_language_of
from portal.core.pdf import pdf_response
from portal.events import ical, permissions, selectors, services
from portal.events.certificate import certificate_pdf, event_dates
from portal.events.forms import CancelForm, EventForm, FeedbackForm, FilterForm
from portal.events.models import (
    ACTIVE_STATUSES,
    CalendarFeed,
    Event,
    EventStatus,
    Feedback,
    Registration,
    RegistrationStatus,
)

PAGE_SIZE = 20


def get_event(user, pk: int) -> Event:
    """The event if the user may see it; a members-only event of another association is a 404, like a missing one."""
    return get_object_or_404(Event.objects.visible_to(user).select_related("owner", "state"), pk=pk)


def get_managed_event(user, pk: int) -> Event:
    event = get_event(user, pk)
    if not permissions.can_manage(user, event):
        raise PermissionDenied
    return event


def _organiser_choices(user) -> dict:
    return {
        "offices": Association.objects.managed_by(user).order_by("name") if user.is_authenticated else [],
        "is_sidbi": permissions.can_organise_for(user, None),
    }


def event_list(request):
    """Upcoming (or past) events the visitor may see, with filters and search; open to anonymous visitors."""
    user = request.user
    filters = selectors.filters_from(request.GET)
    page = Paginator(selectors.event_list(user=user, filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_my_status(page.object_list, user)
    drafts = []
    if user.is_authenticated:
        drafts = list(Event.objects.managed_by(user).filter(status=EventStatus.DRAFT).select_related("owner")[:20])
    return render(
        request,
        "events/list.html",
        {
            "page": page,
            "filters": filters,
            "form": FilterForm(request.GET or None, initial={"when": "upcoming"}),
            "drafts": drafts,
            **_organiser_choices(user),
        },
    )


def calendar(request):
    """A month grid (a list of days on a phone) of the events the visitor may see."""
    month = selectors.month_of(request.GET.get("month"))
    filters = selectors.filters_from(request.GET)
    weeks = selectors.month_grid(user=request.user, month=month, filters=filters)
    previous = (month.replace(day=1) - timezone.timedelta(days=1)).replace(day=1)
    following = (month.replace(day=28) + timezone.timedelta(days=5)).replace(day=1)
    return render(
        request,
        "events/calendar.html",
        {
            "weeks": weeks,
            "month": month,
            "previous": previous.strftime("%Y-%m"),
            "next": following.strftime("%Y-%m"),
            "form": FilterForm(request.GET or None),
            "has_events": any(day.events for week in weeks for day in week),
        },
    )


def detail(request, pk):
    user = request.user
    event = get_event(user, pk)
    registration = selectors.last_registration_of(user, event)
    active = registration if registration and registration.status in ACTIVE_STATUSES else None
    can_manage = permissions.can_manage(user, event)
    feedback_due = False
    if registration and permissions.can_give_feedback(user, registration):
        feedback_due = not Feedback.objects.filter(registration=registration).exists()
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "sectors": list(event.sectors.all()),
            "registration": registration,
            "active": active,
            "can_manage": can_manage,
            "eligible": permissions.is_eligible(user, event),
            "open": event.is_open_for_registration(),
            "show_link": permissions.can_see_online_link(user, event, active),
            "feedback_due": feedback_due,
            "dates": event_dates(event),
            "cancel_form": CancelForm() if can_manage else None,
            "waiting_position": _waiting_position(active),
        },
    )


def _waiting_position(registration) -> int | None:
    if registration is None or registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(event_id=registration.event_id, status=RegistrationStatus.WAITLISTED).filter(
        Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


@login_required
def event_new(request, slug=None):
    association = get_object_or_404(Association, slug=slug) if slug else None
    if not permissions.can_organise_for(request.user, association):
        if association is not None:
            refuse_at(request.user, association, _("Only the association's office organises its events."))
        raise PermissionDenied
    form = EventForm(request.POST or None, sidbi=association is None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                owner=association, details=services.EventDetails(**form.cleaned_data), by=request.user
            )
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Event saved as a draft. Check it, then publish it."))
            return redirect("events:detail", event.pk)
    return render(request, "events/form.html", {"form": form, "association": association})


@login_required
def event_edit(request, pk):
    event = get_managed_event(request.user, pk)
    form = EventForm(request.POST or None, instance=event, sidbi=event.owner_id is None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, details=services.EventDetails(**form.cleaned_data), by=request.user)
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Event saved."))
            return redirect("events:detail", event.pk)
    return render(request, "events/form.html", {"form": form, "event": event, "association": event.owner})


@login_required
@require_POST
def event_publish(request, pk):
    event = get_managed_event(request.user, pk)
    try:
        services.event_publish(event=event, by=request.user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Published: people can now register."))
    return redirect("events:detail", event.pk)


@login_required
@require_POST
def event_cancel(request, pk):
    event = get_managed_event(request.user, pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the event is cancelled; everyone registered is told."))
        return redirect("events:detail", event.pk)
    try:
        services.event_cancel(event=event, reason=form.cleaned_data["reason"], by=request.user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The event is cancelled and everyone registered has been told."))
    return redirect("events:detail", event.pk)


@login_required
@require_POST
def register(request, pk):
    event = get_event(request.user, pk)
    try:
        registration = services.registration_create(event=event, by=request.user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(request, _("You are registered. We will remind you by email the day before."))
        else:
            messages.success(
                request, _("The event is full: you are on the waiting list and will be told if a place opens.")
            )
    return redirect("events:detail", event.pk)


@login_required
@require_POST
def unregister(request, pk):
    event = get_event(request.user, pk)
    registration = selectors.registration_of(request.user, event)
    if registration is None:
        messages.error(request, _("You are not registered for this event."))
        return redirect("events:detail", event.pk)
    try:
        services.registration_cancel(registration=registration, by=request.user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("events:detail", event.pk)


@login_required
def manage(request, pk):
    """The organiser's page: confirmed people (fee paid or not), the waiting list and feedback averages."""
    event = get_managed_event(request.user, pk)
    registrations = list(
        event.registrations.filter(status__in=ACTIVE_STATUSES).select_related("user").order_by("created_at", "id")
    )
    comments = list(
        Feedback.objects.filter(registration__event=event).exclude(comments="").order_by("-created_at")[:50]
    )
    return render(
        request,
        "events/manage.html",
        {
            "event": event,
            "confirmed": [r for r in registrations if r.status == RegistrationStatus.CONFIRMED],
            "waiting": [r for r in registrations if r.status == RegistrationStatus.WAITLISTED],
            "attended_count": sum(1 for r in registrations if r.attended),
            "feedback": selectors.feedback_summary(event),
            "comments": comments,
        },
    )


def _checkin_rows(event, q: str):
    rows = event.registrations.filter(status=RegistrationStatus.CONFIRMED).select_related("user")
    if q:
        rows = rows.filter(Q(user__full_name__icontains=q) | Q(user__email__icontains=q))
    return rows.order_by("user__full_name", "user__email")


@login_required
def checkin(request, pk):
    """The phone-friendly check-in page: search by name, tap "Present"."""
    event = get_managed_event(request.user, pk)
    q = request.GET.get("q", "").strip()[:100]
    context = {"event": event, "rows": _checkin_rows(event, q), "q": q}
    if request.htmx and request.htmx.target == "registrants":
        return render(request, "events/_checkin_list.html", context)
    present = event.registrations.filter(status=RegistrationStatus.CONFIRMED, attended_at__isnull=False).count()
    return render(request, "events/checkin.html", {**context, "present": present})


@login_required
@require_POST
def mark_present(request, pk, registration_pk):
    event = get_managed_event(request.user, pk)
    registration = get_object_or_404(Registration.objects.select_related("user"), event=event, pk=registration_pk)
    present = request.POST.get("present", "1") == "1"
    error = ""
    try:
        registration = services.attendance_mark(registration=registration, present=present, by=request.user)
    except ActionRefused as exc:
        error = exc.message
    if request.htmx:
        return render(request, "events/_checkin_row.html", {"event": event, "r": registration, "error": error})
    if error:
        messages.error(request, error)
    return redirect("events:checkin", event.pk)


@login_required
@require_POST
def mark_paid(request, pk, registration_pk):
    event = get_managed_event(request.user, pk)
    registration = get_object_or_404(Registration, event=event, pk=registration_pk)
    try:
        services.fee_mark_paid(registration=registration, paid=request.POST.get("paid", "1") == "1", by=request.user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    return redirect("events:manage", event.pk)


@login_required
def feedback(request, pk):
    event = get_event(request.user, pk)
    registration = selectors.last_registration_of(request.user, event)
    if registration is None or not permissions.can_give_feedback(request.user, registration):
        raise PermissionDenied
    if Feedback.objects.filter(registration=registration).exists():
        messages.info(request, _("Thank you: you have already given feedback for this event."))
        return redirect("events:detail", event.pk)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit(registration=registration, **form.cleaned_data, by=request.user)
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("events:detail", event.pk)
    return render(request, "events/feedback.html", {"event": event, "form": form})


@login_required
def certificate(request, pk):
    """The participation certificate: only for the person, and only if the organiser marked them present."""
    event = get_event(request.user, pk)
    registration = (
        Registration.objects.filter(event=event, user=request.user, attended_at__isnull=False)
        .select_related("event__owner", "user")
        .first()
    )
    if registration is None:
        raise Http404
    return pdf_response(certificate_pdf(registration), f"certificate-event-{event.pk}.pdf")


def verify(request, code):
    """Anyone holding a certificate can check its code: it names the person, the event and the dates."""
    registration = get_object_or_404(
        Registration.objects.select_related("event__owner", "user"),
        certificate_code=code.upper(),
        attended_at__isnull=False,
    )
    return render(
        request,
        "events/verify.html",
        {"registration": registration, "event": registration.event, "dates": event_dates(registration.event)},
    )


def _ics_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, pk):
    event = get_event(request.user, pk)
    registration = selectors.registration_of(request.user, event)
    data = ical.event_calendar(event, with_link=permissions.can_see_online_link(request.user, event, registration))
    return _ics_response(data, f"event-{event.pk}.ics")


@login_required
def feed_page(request):
    """The user's secret feed address to add to a calendar app, and their registrations."""
    feed = services.feed_for(request.user)
    mine = (
        Registration.objects.filter(user=request.user)
        .exclude(status=RegistrationStatus.CANCELLED, attended_at__isnull=True)
        .select_related("event__owner")
        .order_by("-event__starts_at")[:50]
    )
    url = request.build_absolute_uri(feed_url(feed))
    return render(request, "events/mine.html", {"feed_url": url, "mine": mine, "now": timezone.now()})


def feed_url(feed: CalendarFeed) -> str:
    from django.urls import reverse

    return reverse("events:feed", args=[feed.token])


@login_required
@require_POST
def feed_reset(request):
    services.feed_reset(user=request.user)
    messages.success(request, _("Your calendar address has changed; the old one no longer works."))
    return redirect("events:mine")


def feed(request, token):
    """The personal iCalendar feed (no log-in: calendar apps fetch it with the secret address)."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    if not feed.user.is_active:
        raise Http404
    events, link_for = selectors.feed_events(feed.user)
    # A calendar app sends no cookie: the feed is written in its owner's language.
    with in_language_of(feed.user):
        data = ical.feed_calendar(events, link_for=link_for, name=_("DIA Portal events"))
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response
