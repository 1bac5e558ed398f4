from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from portal.associations.models import Association
from portal.associations.roles import is_sidbi_staff
from portal.catalogue.matching import offerings_for
from portal.core.errors import ActionRefused
from portal.desk import permissions, selectors, services
from portal.desk.forms import (
    AssignForm,
    DeskFilterForm,
    MessageForm,
    OfferForm,
    ReasonForm,
    RequirementForm,
    ResolveForm,
)
from portal.desk.models import Attachment, Offer, Requirement, Status

PAGE_SIZE = 25


def get_requirement(user, pk: int) -> Requirement:
    """A requirement the user may see; anyone else gets a 404, not a hint that it exists."""
    return get_object_or_404(
        Requirement.objects.visible_to(user).select_related(
            "enterprise", "enterprise__sector", "enterprise__state", "association", "assigned_provider", "created_by"
        ),
        pk=pk,
    )


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@login_required
def index(request):
    form = DeskFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = selectors.requirement_list(user=request.user, filters=filters)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    user = request.user
    return render(
        request,
        "desk/index.html",
        {
            "form": form,
            "page": page,
            "can_post": bool(permissions.enterprise_ids(user)),
            "is_office": bool(permissions.office_association_ids(user)),
            "is_provider": bool(permissions.user_providers(user)),
            "is_sidbi": is_sidbi_staff(user),
            "overdue_ids": set(
                Requirement.objects.filter(pk__in=[r.pk for r in page])
                .filter(selectors.overdue_q())
                .values_list("pk", flat=True)
            ),
        },
    )


@login_required
def create(request):
    if not permissions.enterprise_ids(request.user):
        messages.info(request, _("Create your enterprise profile and join your association first."))
        return redirect("enterprises:create")
    return _edit(request, Requirement())


@login_required
def edit(request, pk):
    requirement = get_requirement(request.user, pk)
    if not permissions.can_edit_draft(request.user, requirement):
        raise PermissionDenied
    return _edit(request, requirement)


def _edit(request, requirement: Requirement):
    form = RequirementForm(request.POST or None, request.FILES or None, instance=requirement, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.requirement_save_draft(
                draft=services.RequirementDraft.from_values(form.cleaned_data),
                requirement=requirement,
                by=request.user,
                files=form.cleaned_data.get("attachments"),
            )
            if "post" in request.POST:
                saved = services.requirement_post(requirement=saved, by=request.user)
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error("attachments", _error_text(exc))
        else:
            if saved.status == Status.DRAFT:
                messages.success(request, _("Draft saved. Post it when it is ready."))
            else:
                messages.success(
                    request,
                    _("Posted as %(ref)s. Your association's desk has been told.") % {"ref": saved.reference},
                )
            return redirect(saved)
    if not form.fields["association"].queryset.exists():
        messages.warning(request, _("Your enterprise must be an approved member of an association to post."))
    return render(request, "desk/form.html", {"form": form, "requirement": requirement})


@login_required
def detail(request, pk):
    requirement = get_requirement(request.user, pk)
    return render(request, "desk/detail.html", _detail_context(request, requirement))


def _detail_context(request, requirement: Requirement, **forms) -> dict:
    user = request.user
    member_side = permissions.is_member_side(user, requirement)
    internal_ok = permissions.can_see_internal_notes(user, requirement)
    conversation = requirement.messages.select_related("author").prefetch_related("attachments")
    if not internal_ok:
        conversation = conversation.filter(internal=False)
    offers = requirement.offers.select_related("provider")
    my_provider = permissions.provider_for(user, requirement)
    if not (member_side or permissions.is_office(user, requirement) or permissions.is_sidbi_holder(user, requirement)):
        # A provider sees its own offers only, never its competitors'.
        offers = offers.filter(provider=my_provider) if my_provider else offers.none()
    can_triage = permissions.can_triage(user, requirement)
    context = {
        "requirement": requirement,
        "conversation": conversation,
        "attachments": requirement.attachments.filter(message__isnull=True),
        "offers": offers,
        "transitions": requirement.transitions.select_related("by"),
        "member_side": member_side,
        "can_triage": can_triage,
        "is_office": permissions.is_office(user, requirement),
        "can_edit": permissions.can_edit_draft(user, requirement),
        "can_message": permissions.can_message(user, requirement),
        "can_offer": permissions.can_make_offer(user, requirement),
        "can_see_contact": permissions.can_see_member_contact(user, requirement),
        "holds_as_provider": my_provider is not None and requirement.assigned_provider_id == my_provider.pk,
        "overdue": requirement.is_open and services.is_overdue(requirement),
        "service_level": services.service_level_for(requirement.kind),
        "reopen_deadline": services.reopen_deadline(requirement),
        "message_form": forms.get("message_form") or MessageForm(allow_internal=internal_ok),
        "offer_form": forms.get("offer_form") or OfferForm(requirement=requirement),
        "assign_form": forms.get("assign_form") or AssignForm(requirement=requirement),
        "reason_form": ReasonForm(),
        "resolve_form": forms.get("resolve_form") or ResolveForm(),
    }
    if can_triage or is_sidbi_staff(user):
        from portal.desk.matching import providers_for, similar_resolved

        context["similar"] = similar_resolved(requirement)
        context["suggested_providers"] = providers_for(requirement)
    if requirement.is_financial and (member_side or can_triage):
        context["fitting_offerings"] = offerings_for(
            kind=requirement.kind, amount=requirement.amount, enterprise_id=requirement.enterprise_id
        )
    return context


def _act(request, requirement, action, success: str):
    """Run a service; show its refusal as a message. Always back to the requirement."""
    try:
        action()
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect(requirement)


def _simple_action(service, success, *, with_reason: bool = False):
    """A POST that runs one service on the requirement (with an optional reason) and goes back to it."""

    @login_required
    @require_POST
    def view(request, pk):
        requirement = get_requirement(request.user, pk)
        extra = {"reason": request.POST.get("reason", "")[:2000]} if with_reason else {}
        return _act(request, requirement, lambda: service(requirement=requirement, by=request.user, **extra), success)

    return view


post = _simple_action(services.requirement_post, gettext_lazy("Posted. Your association's desk has been told."))
withdraw = _simple_action(services.requirement_withdraw, gettext_lazy("Withdrawn."), with_reason=True)
take_up = _simple_action(services.requirement_take_up, gettext_lazy("Taken up by your desk."))
forward = _simple_action(services.requirement_forward_to_sidbi, gettext_lazy("Forwarded to SIDBI."), with_reason=True)
return_to_desk = _simple_action(
    services.requirement_return_to_desk, gettext_lazy("Returned to the association's desk."), with_reason=True
)
reopen = _simple_action(
    services.requirement_reopen, gettext_lazy("Reopened; the desk has been told."), with_reason=True
)
close = _simple_action(services.requirement_close, gettext_lazy("Closed."))


@login_required
@require_POST
def assign(request, pk):
    requirement = get_requirement(request.user, pk)
    if not permissions.can_triage(request.user, requirement):
        raise PermissionDenied
    form = AssignForm(request.POST, requirement=requirement)
    if not form.is_valid():
        return render(request, "desk/detail.html", _detail_context(request, requirement, assign_form=form), status=400)
    return _act(
        request,
        requirement,
        lambda: services.requirement_assign(
            requirement=requirement,
            provider=form.cleaned_data["provider"],
            by=request.user,
            note=form.cleaned_data["note"],
        ),
        _("Assigned to %(provider)s.") % {"provider": form.cleaned_data["provider"]},
    )


@login_required
@require_POST
def message(request, pk):
    requirement = get_requirement(request.user, pk)
    if not permissions.can_message(request.user, requirement):
        raise PermissionDenied
    internal_ok = permissions.can_see_internal_notes(request.user, requirement)
    form = MessageForm(request.POST, request.FILES, allow_internal=internal_ok)
    if form.is_valid():
        try:
            services.message_post(
                requirement=requirement,
                by=request.user,
                body=form.cleaned_data["body"],
                internal=form.cleaned_data.get("internal", False),
                files=form.cleaned_data.get("attachments"),
            )
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error("attachments", _error_text(exc))
        else:
            messages.success(request, _("Message sent."))
            return redirect(f"{requirement.get_absolute_url()}#conversation")
    return render(request, "desk/detail.html", _detail_context(request, requirement, message_form=form), status=400)


@login_required
@require_POST
def make_offer(request, pk):
    requirement = get_requirement(request.user, pk)
    if not permissions.can_make_offer(request.user, requirement):
        raise PermissionDenied
    form = OfferForm(request.POST, requirement=requirement)
    if form.is_valid():
        try:
            services.offer_make(
                requirement=requirement, by=request.user, kind=form.cleaned_data["kind"], **form.terms()
            )
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Offer sent to the member."))
            return redirect(requirement)
    return render(request, "desk/detail.html", _detail_context(request, requirement, offer_form=form), status=400)


def _offer(request, pk, offer_id) -> tuple[Requirement, Offer]:
    requirement = get_requirement(request.user, pk)
    offer = get_object_or_404(
        Offer.objects.select_related("provider", "requirement"), pk=offer_id, requirement=requirement
    )
    return requirement, offer


@login_required
@require_POST
def accept_offer(request, pk, offer_id):
    requirement, offer = _offer(request, pk, offer_id)
    return _act(
        request,
        requirement,
        lambda: services.offer_accept(offer=offer, by=request.user),
        _("Offer from %(provider)s accepted; the others were declined.") % {"provider": offer.provider},
    )


@login_required
@require_POST
def decline_offer(request, pk, offer_id):
    requirement, offer = _offer(request, pk, offer_id)
    reason = request.POST.get("reason", "")[:2000]
    return _act(
        request,
        requirement,
        lambda: services.offer_decline(offer=offer, by=request.user, reason=reason),
        _("Offer declined."),
    )


@login_required
@require_POST
def resolve(request, pk):
    requirement = get_requirement(request.user, pk)
    if not permissions.is_member_side(request.user, requirement):
        raise PermissionDenied
    form = ResolveForm(request.POST)
    if not form.is_valid():
        return render(request, "desk/detail.html", _detail_context(request, requirement, resolve_form=form), status=400)
    return _act(
        request,
        requirement,
        lambda: services.requirement_resolve(
            requirement=requirement,
            by=request.user,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
        ),
        _("Marked as solved. Thank you for rating it."),
    )


@login_required
def attachment(request, pk, attachment_id):
    """Files are served only to those who may see the requirement (and the message they belong to)."""
    requirement = get_requirement(request.user, pk)
    item = get_object_or_404(Attachment.objects.select_related("message"), pk=attachment_id, requirement=requirement)
    if item.message and item.message.internal and not permissions.can_see_internal_notes(request.user, requirement):
        raise PermissionDenied
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)


@login_required
def stats(request):
    """Service levels: the user's association(s), their provider(s), and (SIDBI) the nation and each association."""
    user = request.user
    sections = []
    for association in Association.objects.filter(pk__in=permissions.office_association_ids(user)).order_by("name"):
        sections.append((association.name, selectors.desk_stats(Requirement.objects.filter(association=association))))
    for provider in permissions.user_providers(user):
        sections.append((provider.name, selectors.desk_stats(Requirement.objects.filter(assigned_provider=provider))))
    national = by_association = by_provider = None
    if is_sidbi_staff(user):
        national = selectors.desk_stats(Requirement.objects.all())
        by_provider = selectors.stats_by_provider()
        by_association = (
            Association.objects.approved()
            .annotate(
                open_count=Count("requirements", filter=Q(requirements__status__in=list(selectors.OPEN_STATUSES))),
                resolved_count=Count(
                    "requirements", filter=Q(requirements__status__in=[Status.RESOLVED, Status.CLOSED])
                ),
            )
            .filter(Q(open_count__gt=0) | Q(resolved_count__gt=0))
            .select_related("state")
            .order_by("-open_count")[:50]
        )
    if not sections and national is None:
        raise PermissionDenied
    return render(
        request,
        "desk/stats.html",
        {"sections": sections, "national": national, "by_association": by_association, "by_provider": by_provider},
    )
