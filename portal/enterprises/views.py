from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.core.errors import ActionRefused
from portal.enterprises import permissions, services
from portal.enterprises.forms import AddPersonForm, EnterpriseForm
from portal.enterprises.models import Enterprise, EnterpriseUser


def get_enterprise(user, pk: int) -> Enterprise:
    """An enterprise the user acts for (or SIDBI); anyone else gets a 404, not a hint that it exists."""
    enterprise = get_object_or_404(Enterprise.objects.select_related("sector", "state"), pk=pk)
    if not permissions.can_view_enterprise(user, enterprise):
        raise Http404
    return enterprise


@login_required
def create(request):
    form = EnterpriseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enterprise = services.enterprise_create(
                profile=services.EnterpriseProfile(**form.cleaned_data), by=request.user
            )
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Profile created. Now ask to join your associations."))
            next_url = request.GET.get("next", "")
            if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=False):
                return redirect(next_url)
            return redirect(enterprise)
    return render(request, "enterprises/form.html", {"form": form, "creating": True})


@login_required
def detail(request, pk):
    enterprise = get_enterprise(request.user, pk)
    return render(
        request,
        "enterprises/detail.html",
        {
            "enterprise": enterprise,
            "people": enterprise.people.select_related("user"),
            "memberships": enterprise.memberships.select_related("association"),
            "can_edit": permissions.can_edit_enterprise(request.user, enterprise),
            "add_form": AddPersonForm(),
        },
    )


@login_required
def edit(request, pk):
    enterprise = get_enterprise(request.user, pk)
    if not permissions.can_edit_enterprise(request.user, enterprise):
        raise PermissionDenied
    form = EnterpriseForm(request.POST or None, instance=enterprise)
    if request.method == "POST" and form.is_valid():
        try:
            services.enterprise_update(
                enterprise=enterprise, profile=services.EnterpriseProfile(**form.cleaned_data), by=request.user
            )
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Profile saved."))
            return redirect(enterprise)
    return render(request, "enterprises/form.html", {"form": form, "enterprise": enterprise})


@login_required
@require_POST
def add_person(request, pk):
    enterprise = get_enterprise(request.user, pk)
    if not permissions.can_edit_enterprise(request.user, enterprise):
        raise PermissionDenied
    form = AddPersonForm(request.POST)
    if form.is_valid():
        try:
            services.enterprise_add_person(enterprise=enterprise, email=form.cleaned_data["email"], by=request.user)
        except ActionRefused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Added."))
    else:
        messages.error(request, _("Enter a valid email address."))
    return redirect(enterprise)


@login_required
@require_POST
def remove_person(request, pk, person_id):
    enterprise = get_enterprise(request.user, pk)
    if not permissions.can_edit_enterprise(request.user, enterprise):
        raise PermissionDenied
    person = get_object_or_404(EnterpriseUser, pk=person_id, enterprise=enterprise)
    try:
        services.enterprise_remove_person(person=person, by=request.user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    return redirect(enterprise)
