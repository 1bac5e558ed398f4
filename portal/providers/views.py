from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.core.errors import ActionRefused
from portal.core.models import AuditLog
from portal.providers import permissions, services
from portal.providers.forms import AddPersonForm, DirectoryFilterForm, ProviderForm, ReviewForm
from portal.providers.models import Provider, ProviderStatus, ProviderUser

PAGE_SIZE = 20
HISTORY_ACTIONS = ["provider.registered", "provider.approved", "provider.rejected", "provider.resubmitted"]


def get_provider(user, pk: int) -> Provider:
    """The provider if the user may see it; a pending or rejected one is a 404 to outsiders."""
    return get_object_or_404(Provider.objects.visible_to(user).with_track_record(), pk=pk)


def _editable(request, pk: int) -> Provider:
    provider = get_provider(request.user, pk)
    if not permissions.can_edit(request.user, provider):
        raise PermissionDenied
    return provider


def _history(provider: Provider):
    """The registration's steps, oldest first, from the audit log (the reasons SIDBI gave included)."""
    return (
        AuditLog.objects.for_object(provider)
        .filter(action__in=HISTORY_ACTIONS)
        .select_related("actor")
        .order_by("at", "id")
    )


def _cleaned_profile(form) -> dict:
    data = dict(form.cleaned_data)
    return {"sectors": list(data.pop("sectors")), "states": list(data.pop("states")), **data}


def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    if form.is_bound:
        # cleaned_data keeps the valid filters when another is bad: that one is shown as an error and ignored.
        form.is_valid()
    queryset = form.filter(Provider.objects.approved().with_track_record().prefetch_related("sectors", "states"))
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page}
    if request.htmx:
        return render(request, "providers/_directory_results.html", context)
    if request.user.is_authenticated:
        context["mine"] = Provider.objects.filter(people__user=request.user).order_by("name")
    return render(request, "providers/directory.html", context)


def detail(request, pk):
    provider = get_provider(request.user, pk)
    user = request.user
    can_edit = permissions.can_edit(user, provider)
    context = {
        "provider": provider,
        "sectors": provider.sectors.all(),
        "states": provider.states.all(),
        "can_edit": can_edit,
        "can_review": permissions.can_review(user) and provider.status == ProviderStatus.PENDING,
    }
    if can_edit or permissions.can_see_unapproved(user):
        context["people"] = provider.people.select_related("user").order_by("user__email")
        context["history"] = (
            AuditLog.objects.for_object(provider)
            .filter(
                action__in=["provider.registered", "provider.approved", "provider.rejected", "provider.resubmitted"]
            )
            .select_related("actor")
        )
    if can_edit:
        context["add_person_form"] = AddPersonForm()
    return render(request, "providers/detail.html", context)


@login_required
def register(request):
    form = ProviderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            provider = services.provider_register(by=request.user, **_cleaned_profile(form))
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Registration sent. SIDBI will review it; you will be told."))
            return redirect(provider)
    return render(request, "providers/register.html", {"form": form})


@login_required
def edit(request, pk):
    provider = _editable(request, pk)
    locked = provider.status == ProviderStatus.APPROVED
    was_rejected = provider.status == ProviderStatus.REJECTED
    form = ProviderForm(request.POST or None, instance=provider, locked=locked)
    if request.method == "POST" and form.is_valid():
        data = _cleaned_profile(form)
        if locked:
            data.pop("name")
            data.pop("kind")
        try:
            services.provider_update(provider=provider, by=request.user, **data)
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            if was_rejected:
                messages.success(request, _("Profile corrected and sent to SIDBI for review again."))
            else:
                messages.success(request, _("Profile saved."))
            return redirect(provider)
    return render(request, "providers/edit.html", {"form": form, "provider": provider})


@login_required
@require_POST
def add_person(request, pk):
    provider = _editable(request, pk)
    form = AddPersonForm(request.POST)
    if form.is_valid():
        try:
            services.provider_add_person(provider=provider, email=form.cleaned_data["email"], by=request.user)
        except ActionRefused as exc:
            form.add_error("email", exc.message)
        else:
            messages.success(request, _("%(email)s added.") % {"email": form.cleaned_data["email"]})
            return redirect(provider)
    return render(
        request,
        "providers/detail.html",
        {
            "provider": provider,
            "sectors": provider.sectors.all(),
            "states": provider.states.all(),
            "can_edit": True,
            "people": provider.people.select_related("user").order_by("user__email"),
            "add_person_form": form,
        },
        status=400,
    )


@login_required
@require_POST
def remove_person(request, pk, person_id):
    provider = _editable(request, pk)
    person = get_object_or_404(ProviderUser.objects.select_related("user"), pk=person_id, provider=provider)
    try:
        services.provider_remove_person(provider=provider, person=person, by=request.user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(email)s removed.") % {"email": person.user.email})
    return redirect(provider)


@login_required
def review_queue(request):
    if not permissions.can_review(request.user):
        raise PermissionDenied
    status = request.GET.get("status", ProviderStatus.PENDING)
    if status not in ProviderStatus.values:
        status = ProviderStatus.PENDING
    queryset = Provider.objects.filter(status=status).select_related("created_by").order_by("created_at", "pk")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "providers/review_queue.html", {"page": page, "status": status, "statuses": ProviderStatus.choices}
    )


@login_required
def review(request, pk):
    if not permissions.can_review(request.user):
        raise PermissionDenied
    provider = get_object_or_404(Provider.objects.select_related("created_by"), pk=pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.provider_review(
                provider=provider,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Decision recorded and the provider told."))
            return redirect("providers:review_queue")
    return render(
        request,
        "providers/review.html",
        {
            "provider": provider,
            "form": form,
            "sectors": provider.sectors.all(),
            "states": provider.states.all(),
            "people": provider.people.select_related("user").order_by("user__email"),
            "history": _history(provider),
        },
    )
