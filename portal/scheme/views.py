from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from portal.associations.models import Association
from portal.associations.permissions import is_active_member
from portal.associations.roles import managed_by
from portal.core.charts import Chart, Series
from portal.core.errors import ActionRefused
from portal.learning.selectors import paths_for_stage
from portal.scheme import eligibility, gather, matrix, permissions, selectors, services, stages, states
from portal.scheme.forms import DecisionForm, EligibilityForm, MatrixForm
from portal.scheme.models import Appraisal, Decision, Step

PAGE_SIZE = 25


def get_association(user, slug: str) -> Association:
    """An association whose scheme pages the user may open: members of it get 403, everyone else 404."""
    association = get_object_or_404(Association.objects.select_related("cluster_expert", "state"), slug=slug)
    if permissions.can_view(user, association):
        return association
    if is_active_member(user, association):
        raise PermissionDenied
    raise Http404


def _appraisal_or_404(association) -> Appraisal:
    appraisal = selectors.live_appraisal(association)
    if appraisal is None:
        raise Http404
    return appraisal


def _is_reviewer(user) -> bool:
    return (
        permissions.is_officer(user)
        or permissions.is_authority(user)
        or permissions.is_expert(user)
        or user.is_platform_admin
    )


@login_required
def index(request):
    user = request.user
    if _is_reviewer(user):
        return redirect("scheme:queue")
    offices = list(managed_by(user).order_by("name"))
    if len(offices) == 1:
        return redirect("scheme:association", offices[0].slug)
    return render(request, "scheme/index.html", {"offices": offices})


@login_required
def queue(request):
    user = request.user
    if not _is_reviewer(user):
        raise PermissionDenied
    waiting = list(selectors.queue_for(user)[:100])
    portfolio = None
    if permissions.is_expert(user):
        portfolio = Paginator(selectors.advised_associations(user), PAGE_SIZE).get_page(request.GET.get("page"))
        steps = {
            a.association_id: a
            for a in Appraisal.objects.filter(association__in=[x.pk for x in portfolio]).exclude(step=Step.REJECTED)
        }
        for association in portfolio:
            association.appraisal = steps.get(association.pk)
        everything = None
    else:
        everything = Paginator(
            Appraisal.objects.visible_to(user)
            .select_related("association", "association__state")
            .order_by("association__name", "-id"),
            PAGE_SIZE,
        ).get_page(request.GET.get("page"))
    return render(
        request,
        "scheme/queue.html",
        {
            "waiting": waiting,
            "portfolio": portfolio,
            "everything": everything,
            "is_expert": permissions.is_expert(user),
        },
    )


def _reviewer_names(appraisal: Appraisal, decisions) -> dict[str, str]:
    association = appraisal.association
    decided = {}
    for row in decisions:
        if row.decision != Decision.SUBMITTED:
            decided[row.step] = str(row.by)
    expert = association.cluster_expert
    return {
        Step.ELIGIBILITY: _("Office-bearers of %(name)s") % {"name": association.name},
        Step.IN_PRINCIPLE: decided.get(Step.IN_PRINCIPLE, _("A SIDBI scheme officer")),
        Step.MATRIX: _("Office-bearers of %(name)s") % {"name": association.name},
        Step.MATRIX_REVIEW: str(expert) if expert else _("No cluster expert assigned yet"),
        Step.DETAILED: str(appraisal.recommended_by or decided.get(Step.DETAILED, _("A SIDBI scheme officer"))),
        Step.SANCTION: str(
            appraisal.sanctioned_by or _("A SIDBI sanctioning authority (not the recommending officer)")
        ),
        Step.IN_SCHEME: "",
    }


NEXT_TEXT = {
    Step.ELIGIBILITY: gettext_lazy("The association's office-bearers complete the eligibility check and submit it."),
    Step.IN_PRINCIPLE: gettext_lazy("A SIDBI scheme officer decides on in-principle approval."),
    Step.MATRIX: gettext_lazy(
        "The association fills in the sustainability matrix and submits it to its cluster expert."
    ),
    Step.MATRIX_REVIEW: gettext_lazy("The cluster expert reviews the sustainability matrix."),
    Step.DETAILED: gettext_lazy(
        "Detailed appraisal: once the action plan is approved, a SIDBI officer recommends the association for sanction."
    ),
    Step.SANCTION: gettext_lazy("A sanctioning authority decides on the officer's recommendation."),
    Step.IN_SCHEME: gettext_lazy("The association is in the DIA scheme and may apply for support."),
    Step.REJECTED: gettext_lazy("The association was not taken into the scheme. Its office-bearers may apply again."),
}


def _matrix_rows(record) -> list:
    """(dimension, [(parameter, answer, portal value or None)]) for the review table."""
    if record is None:
        return []
    return [
        (
            dimension,
            [
                (p, bool(record.answers.get(p.key)), record.portal_values.get(p.key))
                for p in matrix.PARAMETERS
                if p.dimension == dimension.key
            ],
        )
        for dimension in matrix.DIMENSIONS
    ]


@login_required
def association_page(request, slug, decision_form=None):
    association = get_association(request.user, slug)
    appraisal = selectors.live_appraisal(association)
    context = {
        "association": association,
        "appraisal": appraisal,
        "can_start": permissions.can_start(request.user, association)
        and (appraisal is None or appraisal.step == Step.REJECTED),
        "stage_label": association.get_stage_display(),
        "in_scheme": appraisal is not None and appraisal.step == Step.IN_SCHEME,
    }
    if appraisal is not None:
        decisions = list(appraisal.decisions.select_related("by"))
        names = _reviewer_names(appraisal, decisions)
        current = appraisal.step
        reached = states.PROGRESS.index(current) if current in states.PROGRESS else -1
        progress = [
            {
                "step": step,
                "label": Step(step).label,
                "reviewer": names.get(step, ""),
                "state": "done" if index < reached else ("current" if index == reached else "todo"),
            }
            for index, step in enumerate(states.PROGRESS)
        ]
        record = getattr(appraisal, "matrix", None) if hasattr(appraisal, "matrix") else None
        result = eligibility.evaluate(appraisal.eligibility)
        can_decide = permissions.can_decide(request.user, appraisal)
        context.update(
            {
                "decisions": decisions,
                "progress": progress,
                "next_text": NEXT_TEXT.get(current, ""),
                "can_fill": permissions.can_fill(request.user, appraisal),
                "can_decide": can_decide,
                "decision_form": decision_form
                or (
                    DecisionForm(initial={"step": current}, recommend=current == Step.DETAILED) if can_decide else None
                ),
                "criteria": [
                    (c, appraisal.eligibility.get(c.key), result.met.get(c.key)) for c in eligibility.CRITERIA
                ],
                "eligibility_result": result,
                "max_points": eligibility.MAX_POINTS,
                "pass_mark": eligibility.PASS_MARK,
                "matrix": record,
                "matrix_rows": _matrix_rows(record),
                "matrix_tier_label": matrix.tier(record.score)[1] if record else "",
                "plan_approved": services.plan_approved(association),
                "plans_url": reverse("plans:index"),
                "recommended_by_me": appraisal.recommended_by_id == request.user.pk,
            }
        )
    return render(request, "scheme/association.html", context)


@login_required
@require_POST
def start(request, slug):
    association = get_association(request.user, slug)
    if not permissions.can_start(request.user, association):
        raise PermissionDenied
    try:
        services.appraisal_start(association=association, by=request.user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
        return redirect("scheme:association", slug)
    messages.success(request, _("Your DIA appraisal is open. Complete the eligibility check."))
    return redirect("scheme:eligibility", slug)


@login_required
def eligibility_edit(request, slug):
    association = get_association(request.user, slug)
    appraisal = _appraisal_or_404(association)
    if not permissions.can_fill(request.user, appraisal) or appraisal.step != Step.ELIGIBILITY:
        raise PermissionDenied
    form = EligibilityForm(request.POST or None, prefill=appraisal.eligibility or eligibility.prefill(association))
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.eligibility_save(appraisal=appraisal, answers=form.cleaned_data, by=request.user, submit=submit)
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Submitted for in-principle approval.") if submit else _("Eligibility check saved.")
            )
            return redirect("scheme:association", slug)
    result = eligibility.evaluate(form.cleaned_data if form.is_bound and form.is_valid() else appraisal.eligibility)
    return render(
        request,
        "scheme/eligibility.html",
        {
            "association": association,
            "form": form,
            "result": result,
            "max_points": eligibility.MAX_POINTS,
            "pass_mark": eligibility.PASS_MARK,
            "portal_members": gather.active_members(association),
        },
    )


def _score_context(answers: dict) -> dict:
    value = matrix.score(answers)
    key, label = matrix.tier(value)
    return {"score": value, "tier": key, "tier_label": label, "tiers": matrix.TIERS}


@login_required
def matrix_edit(request, slug):
    association = get_association(request.user, slug)
    appraisal = _appraisal_or_404(association)
    if not permissions.can_fill(request.user, appraisal) or appraisal.step != Step.MATRIX:
        raise PermissionDenied
    answers, portal = services.matrix_initial(appraisal)
    form = MatrixForm(request.POST or None, initial_answers=answers)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.matrix_save(appraisal=appraisal, answers=form.cleaned_data, by=request.user, submit=submit)
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Submitted to your cluster expert.") if submit else _("Sustainability matrix saved.")
            )
            return redirect("scheme:association", slug)
    current = form.cleaned_data if form.is_bound and form.is_valid() else answers
    return render(
        request,
        "scheme/matrix.html",
        {"association": association, "form": form, "portal": portal, **_score_context(current)},
    )


@login_required
@require_POST
def matrix_score(request, slug):
    """HTMX: the live score and tier for the answers being filled in (nothing is saved)."""
    association = get_association(request.user, slug)
    appraisal = _appraisal_or_404(association)
    if not permissions.can_fill(request.user, appraisal):
        raise PermissionDenied
    form = MatrixForm(request.POST)
    answers = form.cleaned_data if form.is_valid() else {}
    return render(request, "scheme/_matrix_score.html", _score_context(answers))


@login_required
@require_POST
def decide(request, slug):
    association = get_association(request.user, slug)
    appraisal = _appraisal_or_404(association)
    if not permissions.can_decide(request.user, appraisal):
        if appraisal.step == Step.SANCTION and appraisal.recommended_by_id == request.user.pk:
            messages.error(request, _("You recommended this appraisal; another person must sanction it."))
        raise PermissionDenied
    form = DecisionForm(request.POST, recommend=appraisal.step == Step.DETAILED)
    if form.is_valid():
        try:
            row = services.appraisal_decide(
                appraisal=appraisal,
                decision=form.cleaned_data["decision"],
                comments=form.cleaned_data["comments"],
                expected_step=form.cleaned_data.get("step") or None,
                by=request.user,
            )
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Decision recorded: %(decision)s.") % {"decision": row.get_decision_display()})
            return redirect("scheme:association", slug)
    return association_page(request, slug, decision_form=form)


def _learning_paths(stage: str) -> list:
    return list(paths_for_stage(stage)[:6])


@login_required
def stage_page(request, slug):
    association = get_association(request.user, slug)
    history = list(selectors.stage_history(association))
    latest = history[-1] if history else None
    stage = selectors.current_stage(association)
    target = stages.next_stage(stage)
    inputs = stages.StageInputs.from_snapshot(latest.inputs) if latest else gather.gather_inputs(association)
    history_chart = None
    if history:
        history_chart = Chart(
            kind="line",
            title=_("Stage over time"),
            labels=[h.assessed_on.strftime("%b %Y") for h in history],
            series=[
                Series(_("Stage (1 initiation … 4 transformation)"), [stages.stage_index(h.stage) for h in history])
            ],
            summary=_("%(n)s assessments; now %(stage)s.")
            % {"n": len(history), "stage": association.get_stage_display()},
            max_value=4,
        )
    radar = None
    dimension_scores = (latest.dimension_scores if latest else None) or {}
    if not dimension_scores:
        approved = gather.latest_matrix(association)
        if approved:
            dimension_scores = {k: str(v) for k, v in matrix.dimension_scores(approved.answers).items()}
    if dimension_scores:
        radar = Chart(
            kind="radar",
            title=_("Sustainability matrix by dimension"),
            labels=[d.label for d in matrix.DIMENSIONS],
            series=[Series(_("Score"), [float(dimension_scores.get(d.key, 0)) for d in matrix.DIMENSIONS])],
            unit="%",
            summary=_("Percent of each dimension's parameters in place."),
            max_value=100,
        )
    support_url = reverse("support:new", args=[association.slug])
    return render(
        request,
        "scheme/stage.html",
        {
            "association": association,
            "stage": stage,
            "stage_label": association.get_stage_display(),
            "latest": latest,
            "history": list(reversed(history[-12:])),
            "history_chart": history_chart,
            "radar": radar,
            "target": target,
            "target_label": stages.Stage(target).label if target else "",
            "shortfalls": stages.shortfalls(inputs, target) if target else [],
            "inputs": [(stages.INPUT_LABELS[k], getattr(inputs, k)) for k in stages.INPUT_LABELS],
            "next_steps": stages.NEXT_STEPS.get(stage, []),
            "paths": _learning_paths(stage),
            "support_heads": stages.SUPPORT_HEADS,
            "support_url": support_url,
            "in_scheme": selectors.is_in_scheme(association),
            "can_assess": permissions.can_assess_stage(request.user, association),
        },
    )


@login_required
@require_POST
def assess(request, slug):
    association = get_association(request.user, slug)
    if not permissions.can_assess_stage(request.user, association):
        raise PermissionDenied
    try:
        assessment = services.stage_assess(association=association, by=request.user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Stage assessed: %(stage)s.") % {"stage": assessment.get_stage_display()})
    return redirect("scheme:stage", slug)
