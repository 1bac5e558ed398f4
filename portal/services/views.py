from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.associations.models import Association
from portal.associations.permissions import refuse_at
from portal.core.errors import ActionRefused
from portal.services import permissions, selectors, services
from portal.services.forms import BookingForm, DeclineForm, DeliverForm, RatingForm, ServiceForm
from portal.services.models import Booking, BookingStatus, Service, ServiceKind

PAGE_SIZE = 20


def get_service(user, pk: int) -> Service:
    """A published service, or a draft of the user's own association; anything else is a 404."""
    return get_object_or_404(Service.objects.visible_to(user).select_related("association"), pk=pk)


def get_booking(user, pk: int) -> Booking:
    """A booking the user made or one of their association's services; anyone else gets a 404."""
    return get_object_or_404(
        Booking.objects.visible_to(user).select_related("service", "association", "booked_by", "enterprise"), pk=pk
    )


def get_office(user, slug: str) -> Association:
    association = get_object_or_404(Association.objects.approved(), slug=slug)
    if not permissions.can_manage_catalogue(user, association):
        refuse_at(user, association, _("Only the association's office keeps its service catalogue."))
    return association


def _with_prices(services_, user):
    member_of = selectors.member_association_ids(user)
    for service in services_:
        service.is_member = service.association_id in member_of
        service.my_price = service.price_for(service.is_member)
    return services_


@login_required
def index(request):
    """The catalogue across associations: published services of approved associations, with the user's price."""
    services_ = Service.objects.published().select_related("association").order_by("association__name", "title", "id")
    kind, query = request.GET.get("kind", ""), request.GET.get("q", "").strip()
    if kind in ServiceKind.values:
        services_ = services_.filter(kind=kind)
    if query:
        services_ = services_.filter(Q(title__icontains=query) | Q(association__name__icontains=query))
    page = Paginator(services_, PAGE_SIZE).get_page(request.GET.get("page"))
    _with_prices(page.object_list, request.user)
    return render(
        request,
        "services/index.html",
        {
            "page": page,
            "kinds": ServiceKind.choices,
            "kind": kind,
            "q": query,
            "offices": Association.objects.managed_by(request.user).order_by("name"),
        },
    )


@login_required
def service_detail(request, pk):
    service = get_service(request.user, pk)
    _with_prices([service], request.user)
    return render(
        request,
        "services/detail.html",
        {
            "service": service,
            "form": BookingForm() if permissions.can_book(request.user, service) else None,
            "can_manage": permissions.can_manage_catalogue(request.user, service.association),
        },
    )


@login_required
@require_POST
def book(request, pk):
    service = get_service(request.user, pk)
    if not permissions.can_book(request.user, service):
        raise PermissionDenied
    form = BookingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the date and the note."))
        return redirect("services:detail", service.pk)
    try:
        booking = services.booking_request(service=service, **form.cleaned_data, by=request.user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
        return redirect("services:detail", service.pk)
    messages.success(request, _("Booking requested; the association will accept or decline it."))
    return redirect("services:booking", booking.pk)


@login_required
def manage(request, slug):
    """The association's own catalogue, drafts included."""
    association = get_office(request.user, slug)
    return render(
        request,
        "services/manage.html",
        {
            "association": association,
            "services": list(Service.objects.filter(association=association).order_by("title", "id")),
            "waiting": Booking.objects.filter(association=association, status=BookingStatus.REQUESTED).count(),
        },
    )


@login_required
def service_new(request, slug):
    association = get_office(request.user, slug)
    form = ServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service = services.service_create(association=association, **form.cleaned_data, by=request.user)
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Service saved."))
            return redirect("services:detail", service.pk)
    return render(request, "services/service_form.html", {"form": form, "association": association})


@login_required
def service_edit(request, pk):
    service = get_service(request.user, pk)
    if not permissions.can_manage_catalogue(request.user, service.association):
        raise PermissionDenied
    form = ServiceForm(request.POST or None, instance=Service.objects.get(pk=service.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.service_update(service=service, **form.cleaned_data, by=request.user)
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Service saved."))
            return redirect("services:detail", service.pk)
    return render(
        request, "services/service_form.html", {"form": form, "association": service.association, "service": service}
    )


def _bookings_page(request, bookings):
    status = request.GET.get("status", "")
    if status in BookingStatus.values:
        bookings = bookings.filter(status=status)
    bookings = bookings.select_related("service", "association", "booked_by", "enterprise").order_by(
        "-created_at", "-id"
    )
    return Paginator(bookings, PAGE_SIZE).get_page(request.GET.get("page")), status


@login_required
def my_bookings(request):
    page, status = _bookings_page(request, Booking.objects.filter(booked_by=request.user))
    return render(
        request,
        "services/bookings.html",
        {"page": page, "status": status, "statuses": BookingStatus.choices, "mine": True},
    )


@login_required
def association_bookings(request, slug):
    association = get_office(request.user, slug)
    page, status = _bookings_page(request, Booking.objects.filter(association=association))
    return render(
        request,
        "services/bookings.html",
        {"page": page, "status": status, "statuses": BookingStatus.choices, "association": association},
    )


@login_required
def booking_detail(request, pk):
    booking = get_booking(request.user, pk)
    user = request.user
    handle = permissions.can_handle(user, booking)
    return render(
        request,
        "services/booking.html",
        {
            "booking": booking,
            "can_handle": handle,
            "can_cancel": permissions.can_cancel(user, booking),
            "decline_form": DeclineForm(prefix="decline") if handle else None,
            "deliver_form": DeliverForm(
                prefix="deliver", initial={"fee": booking.price, "delivered_on": timezone.localdate()}
            )
            if handle
            else None,
            "rating_form": RatingForm(prefix="rate") if permissions.can_rate(user, booking) else None,
        },
    )


OFFICE_ACTIONS = {"accept", "decline", "deliver"}
BOOKER_ACTIONS = {"cancel", "rate"}


@login_required
@require_POST
def booking_action(request, pk, action):
    booking = get_booking(request.user, pk)
    user = request.user
    if action in OFFICE_ACTIONS:
        if not permissions.can_handle(user, booking):
            raise PermissionDenied
    elif action in BOOKER_ACTIONS:
        if booking.booked_by_id != user.pk:
            raise PermissionDenied
    else:
        raise Http404
    try:
        if action == "accept":
            services.booking_accept(booking=booking, by=user)
            messages.success(request, _("Booking accepted; the member is told."))
        elif action == "cancel":
            services.booking_cancel(booking=booking, by=user)
            messages.success(request, _("Booking cancelled."))
        else:
            form_class, prefix = {
                "decline": (DeclineForm, "decline"),
                "deliver": (DeliverForm, "deliver"),
                "rate": (RatingForm, "rate"),
            }[action]
            form = form_class(request.POST, prefix=prefix)
            if not form.is_valid():
                errors = [error for errors in form.errors.values() for error in errors]
                messages.error(request, " ".join(errors))
                return redirect("services:booking", booking.pk)
            if action == "decline":
                services.booking_decline(booking=booking, reason=form.cleaned_data["reason"], by=user)
                messages.success(request, _("Booking declined; the member is told why."))
            elif action == "deliver":
                services.booking_deliver(booking=booking, **form.cleaned_data, by=user)
                messages.success(request, _("Marked delivered; the fee is recorded in the association's book."))
            else:
                services.booking_rate(booking=booking, **form.cleaned_data, by=user)
                messages.success(request, _("Thank you for your rating."))
    except ActionRefused as exc:
        messages.error(request, exc.message)
    return redirect("services:booking", booking.pk)
