from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.associations import permissions, services
from portal.associations.forms import (
    AssociationForm,
    DecisionForm,
    DirectoryFilterForm,
    ImportForm,
    InviteForm,
    JoinForm,
    OfficeBearerFormSet,
    ResubmitForm,
    ReviewForm,
)
from portal.associations.models import (
    Association,
    Invitation,
    MemberImport,
    Membership,
    MembershipStatus,
    Status,
)
from portal.core.errors import ActionRefused
from portal.enterprises.models import Enterprise, SharedField

PAGE_SIZE = 20


def get_association(user, slug: str) -> Association:
    """The association if the user may see it at all; another tenant's private record is a 404."""
    return get_object_or_404(Association.objects.visible_to(user).select_related("state"), slug=slug)


def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    queryset = Association.objects.approved().select_related("state").prefetch_related("sectors")
    queryset = queryset.annotate(member_total=Count("memberships", filter=Q(memberships__status="approved")))
    if form.is_bound:
        # cleaned_data keeps the valid filters when another is bad: that one is shown as an error and ignored.
        form.is_valid()
        queryset = form.filter(queryset)
    page = Paginator(queryset.order_by("name"), PAGE_SIZE).get_page(request.GET.get("page"))
    template = "associations/_directory_results.html" if request.htmx else "associations/directory.html"
    return render(request, template, {"form": form, "page": page})


def detail(request, slug):
    association = get_association(request.user, slug)
    user = request.user
    context = {
        "association": association,
        "office_bearers": association.office_bearers.all(),
        "sectors": association.sectors.all(),
        "member_total": association.memberships.filter(status=MembershipStatus.APPROVED).count(),
        "can_view_private": permissions.can_view_private_details(user, association),
        "can_manage": permissions.can_manage(user, association),
        "can_view_members": permissions.can_view_member_directory(user, association),
        "can_edit_application": permissions.can_edit_application(user, association),
        "can_review": permissions.can_review(user, association),
    }
    if context["can_view_private"]:
        context["history"] = association.status_changes.select_related("by")
    if user.is_authenticated and association.is_approved:
        mine = Enterprise.objects.of_user(user)
        context["my_memberships"] = Membership.objects.filter(
            association=association, enterprise__in=mine
        ).select_related("enterprise")
        joined = {m.enterprise_id for m in context["my_memberships"] if m.status != MembershipStatus.DECLINED}
        joinable = mine.exclude(pk__in=joined)
        if joinable.exists():
            context["join_form"] = JoinForm(enterprises=joinable)
    return render(request, "associations/detail.html", context)


def _office_bearers(formset) -> list:
    """The office-bearers the validated formset keeps (filled in, not marked for deletion), as values.

    A row that claims an existing office-bearer the formset does not know (another association's) is
    ignored, as Django's inline formset ignores it when saving.
    """
    fields = ("name", "designation", "phone", "email")
    kept = []
    for index, form in enumerate(formset.forms):
        if not form.cleaned_data or form.cleaned_data.get("DELETE"):
            continue
        if index < formset.initial_form_count() and form.instance.pk is None:
            continue
        kept.append(services.OfficeBearerDetails(**{name: form.cleaned_data[name] for name in fields}))
    return kept


@login_required
def register(request):
    form = AssociationForm(request.POST or None, request.FILES or None)
    formset = OfficeBearerFormSet(request.POST or None, prefix="bearers")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            association = services.association_register(
                application=services.AssociationApplication.from_values(form.cleaned_data),
                office_bearers=_office_bearers(formset),
                by=request.user,
            )
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Application submitted. SIDBI will review it; you will be told by email."))
            return redirect(association)
    return render(request, "associations/register.html", {"form": form, "formset": formset})


@login_required
def edit_application(request, slug):
    association = get_association(request.user, slug)
    permissions.check_edit_application(request.user, association)
    needs_answer = association.status == Status.INFO_REQUESTED
    form = AssociationForm(request.POST or None, request.FILES or None, instance=association)
    formset = OfficeBearerFormSet(request.POST or None, instance=association, prefix="bearers")
    answer_form = ResubmitForm(request.POST or None) if needs_answer else None
    if (
        request.method == "POST"
        and form.is_valid()
        and formset.is_valid()
        and (answer_form is None or answer_form.is_valid())
    ):
        try:
            if needs_answer:
                services.association_resubmit(
                    association=association,
                    application=services.AssociationApplication.from_values(form.cleaned_data),
                    office_bearers=_office_bearers(formset),
                    by=request.user,
                    answer=answer_form.cleaned_data["answer"],
                )
                messages.success(request, _("Sent back to SIDBI for review."))
            else:
                services.association_update_pending(
                    association=association,
                    application=services.AssociationApplication.from_values(form.cleaned_data),
                    office_bearers=_office_bearers(formset),
                    by=request.user,
                )
                messages.success(request, _("Application updated."))
        except ActionRefused as exc:
            messages.error(request, exc.message)
        return redirect(association)
    last_request = association.status_changes.filter(to_status=Status.INFO_REQUESTED).last()
    return render(
        request,
        "associations/edit_application.html",
        {
            "association": association,
            "form": form,
            "formset": formset,
            "answer_form": answer_form,
            "last_request": last_request,
        },
    )


@login_required
def certificate(request, slug):
    association = get_association(request.user, slug)
    permissions.check_view_private_details(request.user, association)
    if not association.registration_certificate:
        raise Http404
    return FileResponse(
        association.registration_certificate.open("rb"),
        as_attachment=True,  # uploaded: never rendered in the portal's origin
        filename=association.registration_certificate.name.rsplit("/", 1)[-1],
    )


@login_required
def review_queue(request):
    permissions.check_review(request.user)
    status = request.GET.get("status", Status.SUBMITTED)
    if status not in Status.values:
        status = Status.SUBMITTED
    queryset = Association.objects.filter(status=status).select_related("state").order_by("created_at")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "associations/review_queue.html", {"page": page, "status": status, "statuses": Status.choices}
    )


@login_required
def review(request, slug):
    permissions.check_review(request.user)
    association = get_object_or_404(Association.objects.select_related("state", "created_by"), slug=slug)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.association_review(
                association=association,
                by=request.user,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Decision recorded and the applicant told."))
            return redirect("associations:review_queue")
    return render(
        request,
        "associations/review.html",
        {
            "association": association,
            "form": form,
            "office_bearers": association.office_bearers.all(),
            "sectors": association.sectors.all(),
            "history": association.status_changes.select_related("by"),
        },
    )


@login_required
@require_POST
def join(request, slug):
    association = get_association(request.user, slug)
    form = JoinForm(request.POST, enterprises=Enterprise.objects.of_user(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose one of your enterprises."))
        return redirect(association)
    try:
        services.membership_request(
            enterprise=form.cleaned_data["enterprise"],
            association=association,
            by=request.user,
            message=form.cleaned_data["message"],
        )
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Request sent. The association's office-bearers will decide."))
    return redirect(association)


@login_required
def members(request, slug):
    """The member directory: each member shows only what it chose to share."""
    association = get_association(request.user, slug)
    permissions.check_view_member_directory(request.user, association)
    queryset = (
        Enterprise.objects.filter(memberships__association=association, memberships__status=MembershipStatus.APPROVED)
        .select_related("sector", "state")
        .order_by("name")
    )
    q = request.GET.get("q", "").strip()[:100]
    if q:
        # Products are searched only where the enterprise shares them, or a search would reveal hidden products.
        # (JSON "contains" is not available on SQLite; the list's text holds the quoted choice.)
        shares_products = Q(shared_fields__icontains=f'"{SharedField.PRODUCTS}"')
        queryset = queryset.filter(Q(name__icontains=q) | (Q(products__icontains=q) & shares_products))
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "associations/members.html", {"association": association, "page": page, "q": q})


def _managed(request, slug) -> Association:
    association = get_association(request.user, slug)
    permissions.check_manage(request.user, association)
    return association


@login_required
def manage(request, slug):
    association = _managed(request, slug)
    requests_page = Paginator(
        association.memberships.filter(status=MembershipStatus.REQUESTED).select_related(
            "enterprise", "enterprise__sector"
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "associations/manage.html",
        {
            "association": association,
            "requests_page": requests_page,
            "invite_form": InviteForm(),
            "import_form": ImportForm(),
            "invitations": association.invitations.filter(accepted_at__isnull=True)[:20],
            "imports": association.imports.all()[:5],
        },
    )


@login_required
@require_POST
def decide(request, slug, membership_id):
    association = _managed(request, slug)
    membership = get_object_or_404(association.memberships.select_related("enterprise"), pk=membership_id)
    form = DecisionForm(request.POST)
    error = None
    if form.is_valid():
        try:
            membership = services.membership_decide(
                membership=membership,
                by=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except ActionRefused as exc:
            error = exc.message
    else:
        error = _("Choose approve or decline.")
    if request.htmx:
        # The row itself carries the error: an HTMX swap shows no page messages.
        membership.refresh_from_db()
        return render(
            request,
            "associations/_request_row.html",
            {"membership": membership, "association": association, "error": error},
        )
    if error:
        messages.error(request, error)
    return redirect("associations:manage", slug=association.slug)


@login_required
@require_POST
def invite(request, slug):
    association = _managed(request, slug)
    form = InviteForm(request.POST)
    if form.is_valid():
        already = set(
            association.invitations.filter(accepted_at__isnull=True, email__in=form.cleaned_data["emails"]).values_list(
                "email", flat=True
            )
        )
        for email in form.cleaned_data["emails"]:
            services.invitation_create(association=association, email=email, by=request.user)
        sent = len(form.cleaned_data["emails"]) - len(already)
        messages.success(request, _("%(n)s invitation(s) sent.") % {"n": sent})
        if already:
            messages.info(
                request,
                _("Already invited and not yet answered (no new email sent): %(emails)s")
                % {"emails": ", ".join(sorted(already))},
            )
        return redirect("associations:manage", slug=association.slug)
    return render(
        request,
        "associations/manage.html",
        {
            "association": association,
            "invite_form": form,
            "import_form": ImportForm(),
            "requests_page": None,
            "invitations": association.invitations.filter(accepted_at__isnull=True)[:20],
            "imports": association.imports.all()[:5],
        },
        status=400,
    )


@login_required
@require_POST
def import_members(request, slug):
    association = _managed(request, slug)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        member_import = services.member_import_start(
            association=association, uploaded=form.cleaned_data["file"], by=request.user
        )
        return redirect("associations:import_status", slug=association.slug, import_id=member_import.pk)
    return render(
        request,
        "associations/manage.html",
        {
            "association": association,
            "invite_form": InviteForm(),
            "import_form": form,
            "requests_page": None,
            "invitations": association.invitations.filter(accepted_at__isnull=True)[:20],
            "imports": association.imports.all()[:5],
        },
        status=400,
    )


@login_required
def import_status(request, slug, import_id):
    association = _managed(request, slug)
    member_import = get_object_or_404(MemberImport, pk=import_id, association=association)
    template = "associations/_import_status.html" if request.htmx else "associations/import_status.html"
    return render(request, template, {"association": association, "member_import": member_import})


@login_required
def invitation(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("association", "enterprise"), token=token)
    enterprises = Enterprise.objects.of_user(request.user)
    if invitation.enterprise_id:
        enterprises = Enterprise.objects.filter(pk=invitation.enterprise_id)
    form = JoinForm(request.POST or None, enterprises=enterprises)
    form.fields.pop("message")
    if request.method == "POST" and invitation.accepted_at is None and form.is_valid():
        try:
            services.invitation_accept(
                invitation=invitation, by=request.user, enterprise=form.cleaned_data["enterprise"]
            )
        except ActionRefused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("You are now a member of %(name)s.") % {"name": invitation.association.name})
            return redirect(invitation.association)
    return render(
        request,
        "associations/invitation.html",
        {"invitation": invitation, "form": form, "has_enterprise": enterprises.exists()},
    )
