from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.catalogue import services
from portal.catalogue.forms import FilterForm, OfferingForm
from portal.catalogue.models import Offering
from portal.catalogue.permissions import can_keep_catalogue
from portal.core.errors import ActionRefused

PAGE_SIZE = 20


def get_offering(user, pk: int) -> Offering:
    """An active offering, or any offering for those who keep the catalogue; otherwise a 404."""
    return get_object_or_404(Offering.objects.visible_to(user).select_related("updated_by"), pk=pk)


def _keeper(request) -> None:
    if not can_keep_catalogue(request.user):
        raise PermissionDenied


def _cleaned(form) -> dict:
    data = dict(form.cleaned_data)
    return {"sectors": list(data.pop("sectors")), "states": list(data.pop("states")), **data}


def index(request):
    form = FilterForm(request.GET or None)
    if form.is_bound:
        # cleaned_data keeps the valid filters when another is bad: that one is shown as an error and ignored.
        form.is_valid()
    queryset = form.filter(Offering.objects.visible_to(request.user).prefetch_related("sectors", "states"))
    page = Paginator(queryset.order_by("-active", "name", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "can_keep": can_keep_catalogue(request.user)}
    template = "catalogue/_results.html" if request.htmx else "catalogue/index.html"
    return render(request, template, context)


def detail(request, pk):
    offering = get_offering(request.user, pk)
    return render(
        request,
        "catalogue/detail.html",
        {
            "offering": offering,
            "sectors": offering.sectors.all(),
            "states": offering.states.all(),
            "can_keep": can_keep_catalogue(request.user),
        },
    )


@login_required
def create(request):
    _keeper(request)
    form = OfferingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            offering = services.offering_create(by=request.user, **_cleaned(form))
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Offering added to the catalogue."))
            return redirect(offering)
    return render(request, "catalogue/form.html", {"form": form, "offering": None})


@login_required
def edit(request, pk):
    _keeper(request)
    offering = get_offering(request.user, pk)
    form = OfferingForm(request.POST or None, instance=offering)
    if request.method == "POST" and form.is_valid():
        try:
            offering = services.offering_update(offering=offering, by=request.user, **_cleaned(form))
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Offering saved."))
            return redirect(offering)
    return render(request, "catalogue/form.html", {"form": form, "offering": offering})


@login_required
@require_POST
def set_active(request, pk, active: bool):
    _keeper(request)
    offering = get_offering(request.user, pk)
    try:
        services.offering_set_active(offering=offering, active=active, by=request.user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        if active:
            messages.success(request, _("Offering is back in the catalogue."))
        else:
            messages.success(request, _("Offering deactivated: members and visitors no longer see it."))
    return redirect(offering)
