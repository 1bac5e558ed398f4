from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.associations.models import Association
from portal.associations.roles import is_sidbi_staff
from portal.core.errors import ActionRefused
from portal.core.pdf import pdf_response
from portal.support import permissions, selectors, services
from portal.support.forms import (
    ApplicationForm,
    ApproveForm,
    DocumentForm,
    LineForm,
    ReasonForm,
    RecommendForm,
    StatusFilterForm,
    TrancheForm,
    UCForm,
)
from portal.support.letters import sanction_letter
from portal.support.models import (
    Application,
    ApplicationDocument,
    BudgetLine,
    Evidence,
    Sanction,
    Tranche,
    UtilisationCertificate,
)

PAGE_SIZE = 20


def get_application(user, pk: int) -> Application:
    """The application if the user may read it; anyone else gets a 404, whatever it holds."""
    return get_object_or_404(Application.objects.visible_to(user).select_related("association"), pk=pk)


def _error(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@login_required
def index(request):
    """Role-aware: the office sees its applications; SIDBI the overview by status with totals; experts theirs."""
    user = request.user
    visible = Application.objects.visible_to(user)
    filters = StatusFilterForm(request.GET or None)
    listed = visible
    if filters.is_valid() and filters.cleaned_data["status"]:
        listed = listed.filter(status=filters.cleaned_data["status"])
    page = Paginator(selectors.with_totals(listed).order_by("-created_at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    sidbi = is_sidbi_staff(user)
    context = {
        "page": page,
        "filters": filters,
        "offices": [a for a in Association.objects.managed_by(user).order_by("name") if permissions.can_apply(user, a)],
        "is_sidbi": sidbi,
        "is_officer": permissions.is_officer(user),
        "is_authority": permissions.is_authority(user),
    }
    if sidbi:
        context["counts"] = selectors.status_counts(visible)
        context["totals"] = selectors.support_totals()
        context["by_association"] = selectors.association_totals(limit=20)
    return render(request, "support/index.html", context)


@login_required
def application_new(request, slug):
    association = get_object_or_404(Association.objects.managed_by(request.user), slug=slug)
    if not permissions.can_apply(request.user, association):
        raise PermissionDenied
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        application = services.application_create(association=association, **form.cleaned_data, by=request.user)
        messages.success(request, _("Draft saved. Add the budget lines and documents, then submit."))
        return redirect("support:detail", application.pk)
    return render(request, "support/application_form.html", {"form": form, "association": association})


@login_required
def application_edit(request, pk):
    application = get_application(request.user, pk)
    if not permissions.can_edit(request.user, application):
        raise PermissionDenied
    form = ApplicationForm(request.POST or None, instance=application)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_update(application=application, **form.cleaned_data, by=request.user)
        except ActionRefused as exc:
            form.add_error(None, exc.messages[0])
        else:
            return redirect("support:detail", application.pk)
    return render(
        request,
        "support/application_form.html",
        {"form": form, "association": application.association, "application": application},
    )


def _detail_context(request, application):
    user = request.user
    sanction = Sanction.objects.filter(application=application).select_related("approved_by").first()
    context = {
        "application": application,
        "lines": list(application.lines.all()),
        "documents": application.documents.all(),
        "history": application.history.select_related("by"),
        "sanction": sanction,
        "can_edit": permissions.can_edit(user, application),
        "can_review": permissions.can_review(user, application),
        "can_approve": permissions.can_approve(user, application),
        "is_authority": permissions.is_authority(user),
        "line_form": LineForm(),
        "document_form": DocumentForm(),
        "reason_form": ReasonForm(),
        "approve_form": ApproveForm(initial={"conditions": application.proposed_conditions}),
    }
    context["requested_total"] = sum((line.amount_requested for line in context["lines"]), 0)
    context["recommended_total"] = sum((line.amount_recommended or 0 for line in context["lines"]), 0)
    if sanction:
        tranches = list(
            sanction.tranches.select_related("released_by").prefetch_related(
                Prefetch(
                    "certificates",
                    queryset=UtilisationCertificate.objects.prefetch_related("evidence").select_related("decided_by"),
                )
            )
        )
        for number, tranche in enumerate(tranches):
            tranche.can_release = permissions.can_release(user, tranche, tranches[:number])
            tranche.can_submit_uc = permissions.can_submit_uc(user, tranche) and tranche.unaccounted > 0
            for certificate in tranche.certificates.all():
                certificate.can_decide = permissions.can_decide_uc(user, certificate)
        context.update(
            tranches=tranches,
            heads=list(sanction.heads.all()),
            totals=selectors.support_totals(application.association),
            can_plan=permissions.can_plan_tranches(user, sanction),
            tranche_form=TrancheForm(heads=sanction.heads.all()),
        )
    return context


@login_required
def detail(request, pk):
    application = get_application(request.user, pk)
    return render(request, "support/detail.html", _detail_context(request, application))


@login_required
@require_POST
def line_add(request, pk):
    application = get_application(request.user, pk)
    if not permissions.can_edit(request.user, application):
        raise PermissionDenied
    form = LineForm(request.POST)
    if form.is_valid():
        try:
            services.line_add(application=application, **form.cleaned_data, by=request.user)
        except ActionRefused as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Budget line added."))
            return redirect("support:detail", application.pk)
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return redirect("support:detail", application.pk)


@login_required
@require_POST
def line_remove(request, pk, line_pk):
    application = get_application(request.user, pk)
    if not permissions.can_edit(request.user, application):
        raise PermissionDenied
    line = get_object_or_404(BudgetLine, pk=line_pk, application=application)
    try:
        services.line_remove(line=line, by=request.user)
    except ActionRefused as exc:
        _error(request, exc)
    return redirect("support:detail", application.pk)


@login_required
@require_POST
def document_add(request, pk):
    application = get_application(request.user, pk)
    if not permissions.can_edit(request.user, application):
        raise PermissionDenied
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_add(application=application, **form.cleaned_data, by=request.user)
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Document added."))
    else:
        messages.error(request, _("Give the document a name and choose a file."))
    return redirect("support:detail", application.pk)


@login_required
def document(request, pk, document_pk):
    application = get_application(request.user, pk)
    item = get_object_or_404(ApplicationDocument, pk=document_pk, application=application)
    return _file_response(item.file, item.mime, f"application-{application.pk}-document-{item.pk}")


def _file_response(field, mime: str, stem: str) -> HttpResponse:
    extension = {"application/pdf": "pdf"}.get(mime, mime.split("/")[-1].split(".")[-1][:10])
    with field.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=mime or "application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{stem}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def submit(request, pk):
    application = get_application(request.user, pk)
    if not permissions.can_edit(request.user, application):
        raise PermissionDenied
    try:
        services.application_submit(application=application, by=request.user)
    except ActionRefused as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Submitted to SIDBI. The scheme officer will review it."))
    return redirect("support:detail", application.pk)


@login_required
def recommend(request, pk):
    application = get_application(request.user, pk)
    if not permissions.can_review(request.user, application):
        raise PermissionDenied
    lines = list(application.lines.all())
    form = RecommendForm(request.POST or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_recommend(
                application=application,
                amounts=form.amounts(),
                note=form.cleaned_data["note"],
                conditions=form.cleaned_data["conditions"],
                by=request.user,
            )
        except ActionRefused as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, _("Recommended to the sanctioning authority."))
            return redirect("support:detail", application.pk)
    return render(request, "support/recommend.html", {"application": application, "form": form})


@login_required
@require_POST
def send_back(request, pk):
    application = get_application(request.user, pk)
    if not permissions.can_review(request.user, application):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    try:
        services.application_send_back(application=application, reason=form.data.get("reason", ""), by=request.user)
    except ActionRefused as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Sent back to the association."))
    return redirect("support:detail", application.pk)


@login_required
@require_POST
def reject(request, pk):
    application = get_application(request.user, pk)
    if not (permissions.can_review(request.user, application) or permissions.can_approve(request.user, application)):
        raise PermissionDenied
    try:
        services.application_reject(application=application, reason=request.POST.get("reason", ""), by=request.user)
    except ActionRefused as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The application is rejected; the association is told why."))
    return redirect("support:detail", application.pk)


@login_required
@require_POST
def approve(request, pk):
    application = get_application(request.user, pk)
    if not permissions.can_approve(request.user, application):
        raise PermissionDenied
    form = ApproveForm(request.POST)
    form.is_valid()
    try:
        services.application_approve(
            application=application, conditions=form.cleaned_data.get("conditions", ""), by=request.user
        )
    except ActionRefused as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Sanctioned. The sanction letter is ready."))
    return redirect("support:detail", application.pk)


@login_required
def letter(request, pk):
    application = get_application(request.user, pk)
    sanction = get_object_or_404(
        Sanction.objects.select_related("association__state", "approved_by", "application"), application=application
    )
    return pdf_response(sanction_letter(sanction), f"sanction-{sanction.pk}.pdf")


@login_required
@require_POST
def tranche_add(request, pk):
    application = get_application(request.user, pk)
    sanction = get_object_or_404(Sanction, application=application)
    if not permissions.can_plan_tranches(request.user, sanction):
        raise PermissionDenied
    form = TrancheForm(request.POST, heads=sanction.heads.all())
    if form.is_valid():
        try:
            services.tranche_plan(sanction=sanction, **form.cleaned_data, by=request.user)
        except ActionRefused as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Tranche planned; the sanctioning authority can release it."))
    else:
        messages.error(request, _("Choose a head, an amount above zero and describe the milestone."))
    return redirect("support:detail", application.pk)


def _tranche(user, pk) -> Tranche:
    tranche = get_object_or_404(Tranche.objects.select_related("sanction__association"), pk=pk)
    get_application(user, tranche.sanction.application_id)
    return tranche


@login_required
@require_POST
def release(request, pk):
    tranche = _tranche(request.user, pk)
    if not permissions.is_authority(request.user):
        raise PermissionDenied
    try:
        services.tranche_release(tranche=tranche, by=request.user)
    except ActionRefused as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Tranche released and recorded in the association's book."))
    return redirect("support:detail", tranche.sanction.application_id)


@login_required
def uc_new(request, pk):
    tranche = _tranche(request.user, pk)
    if not permissions.can_submit_uc(request.user, tranche):
        raise PermissionDenied
    form = UCForm(request.POST or None, request.FILES or None, initial={"amount_utilised": tranche.unaccounted})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.uc_submit(
                tranche=tranche,
                amount_utilised=data["amount_utilised"],
                period_from=data["period_from"],
                period_to=data["period_to"],
                statement=data["statement"],
                declaration=data["declaration"],
                files=data["evidence"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, _("Utilisation certificate submitted to SIDBI."))
            return redirect("support:detail", tranche.sanction.application_id)
    return render(request, "support/uc_form.html", {"tranche": tranche, "form": form})


def _certificate(user, pk) -> UtilisationCertificate:
    certificate = get_object_or_404(UtilisationCertificate.objects.select_related("tranche__sanction"), pk=pk)
    get_application(user, certificate.tranche.sanction.application_id)
    return certificate


@login_required
@require_POST
def uc_decide(request, pk, decision):
    if decision not in UC_DECISIONS:
        raise Http404
    certificate = _certificate(request.user, pk)
    if not permissions.is_officer(request.user):
        raise PermissionDenied
    try:
        services.uc_decide(
            certificate=certificate,
            accept=UC_DECISIONS[decision],
            note=request.POST.get("reason", ""),
            by=request.user,
        )
    except ActionRefused as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Decision recorded; the association is told."))
    return redirect("support:detail", certificate.tranche.sanction.application_id)


UC_DECISIONS = {"accept": True, "send-back": False}


@login_required
def evidence(request, pk, evidence_pk):
    certificate = _certificate(request.user, pk)
    item = get_object_or_404(Evidence, pk=evidence_pk, certificate=certificate)
    return _file_response(item.file, item.mime, f"uc-{certificate.pk}-evidence-{item.pk}")
