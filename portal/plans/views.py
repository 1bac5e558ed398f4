from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.associations.models import Association
from portal.associations.permissions import is_cluster_expert_for, refuse_at
from portal.core.errors import ActionRefused
from portal.plans import permissions, selectors, services, timeline
from portal.plans.catalogue import SUGGESTED_ACTIVITIES
from portal.plans.forms import ActivityFormSet, DecisionForm, NewPlanForm, PlanForm, ProgressForm, TargetFormSet
from portal.plans.models import ActionPlan, Activity, PlanStatus, ProgressReport

PAGE_SIZE = 20


def get_plan(user, pk: int) -> ActionPlan:
    """The plan if the user may see it at all; another association's plan is a 404."""
    return get_object_or_404(
        ActionPlan.objects.visible_to(user).select_related("association", "association__cluster_expert"), pk=pk
    )


@login_required
def index(request):
    """Office-bearers: their association's plans; cluster experts: the queue of plans to decide; SIDBI: all."""
    user = request.user
    plans = (
        ActionPlan.objects.visible_to(user)
        .select_related("association")
        .annotate(activity_count=Count("activities"))
        .order_by("-period_start", "-id")
    )
    status = request.GET.get("status", "")
    if status in PlanStatus.values:
        plans = plans.filter(status=status)
    queue = []
    if user.is_authenticated:
        queue = list(
            ActionPlan.objects.filter(association__in=Association.objects.advised_by(user), status=PlanStatus.SUBMITTED)
            .select_related("association")
            .order_by("submitted_at", "id")[:50]
        )
    offices = [a for a in Association.objects.managed_by(user).order_by("name") if permissions.can_write_plans(user, a)]
    return render(
        request,
        "plans/index.html",
        {
            "page": Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page")),
            "queue": queue,
            "offices": offices,
            "statuses": PlanStatus.choices,
            "status": status,
        },
    )


@login_required
def plan_new(request, slug):
    association = get_object_or_404(Association, slug=slug)
    if not permissions.can_write_plans(request.user, association):
        refuse_at(request.user, association, _("Only the association's office-bearers write its action plans."))
    form = NewPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(association=association, **form.cleaned_data, by=request.user)
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Plan saved as a draft. Adapt its activities and targets, then submit it."))
            return redirect("plans:edit", plan.pk)
    return render(
        request,
        "plans/plan_new.html",
        {"form": form, "association": association, "suggestions": SUGGESTED_ACTIVITIES},
    )


def _rows(formset) -> list[dict]:
    rows = []
    deleted = set(formset.deleted_forms)
    for form in formset.forms:
        if form.instance.pk is None and not form.has_changed():
            continue
        row = {key: value for key, value in form.cleaned_data.items() if key not in ("id", "DELETE")}
        row["id"] = form.instance.pk
        row["delete"] = form in deleted
        rows.append(row)
    return rows


@login_required
def plan_edit(request, pk):
    """Dates, objectives, activities and targets on one page, while the plan is a draft or sent back."""
    plan = get_plan(request.user, pk)
    if not permissions.can_write_plans(request.user, plan.association):
        raise PermissionDenied
    if not permissions.can_edit(request.user, plan):
        messages.error(
            request, _("This plan can no longer be changed: it is %(status)s.") % {"status": plan.get_status_display()}
        )
        return redirect("plans:detail", plan.pk)
    data = request.POST or None
    form = PlanForm(data, instance=plan, prefix="plan")
    activities = ActivityFormSet(data, queryset=plan.activities.all(), prefix="activity")
    targets = TargetFormSet(data, queryset=plan.targets.all(), prefix="target")
    if request.method == "POST" and form.is_valid() and activities.is_valid() and targets.is_valid():
        try:
            services.plan_update(
                plan=plan,
                fields=form.cleaned_data,
                activities=_rows(activities),
                targets=_rows(targets),
                by=request.user,
            )
        except ActionRefused as exc:
            form.add_error(None, exc.message)
            plan.refresh_from_db()
        else:
            messages.success(request, _("Plan saved."))
            return redirect("plans:detail" if "done" in request.POST else "plans:edit", plan.pk)
    return render(
        request, "plans/plan_edit.html", {"plan": plan, "form": form, "activities": activities, "targets": targets}
    )


@login_required
def plan_detail(request, pk):
    plan = get_plan(request.user, pk)
    user = request.user
    activities = list(plan.activities.all())
    spent = selectors.spent_by_activity(plan)
    for activity in activities:
        activity.spent = spent.get(activity.pk)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "activities": activities,
            "targets": list(plan.targets.all()),
            "events": list(plan.events.select_related("by")),
            "totals": selectors.plan_totals(plan, activities=activities),
            "timeline": timeline.build(plan, activities),
            "can_edit": permissions.can_edit(user, plan),
            "can_submit": permissions.can_submit(user, plan),
            "can_decide": permissions.can_decide(user, plan),
            "can_report": permissions.can_report_progress(user, plan),
            "decision_form": DecisionForm(),
        },
    )


@login_required
@require_POST
def plan_submit(request, pk):
    plan = get_plan(request.user, pk)
    if not permissions.can_write_plans(request.user, plan.association):
        raise PermissionDenied
    try:
        services.plan_submit(plan=plan, by=request.user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Plan submitted to your cluster expert."))
    return redirect("plans:detail", plan.pk)


@login_required
@require_POST
def plan_decide(request, pk):
    plan = get_plan(request.user, pk)
    if not is_cluster_expert_for(request.user, plan.association):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("plans:detail", plan.pk)
    try:
        services.plan_decide(plan=plan, **form.cleaned_data, by=request.user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Decision recorded; the association's office-bearers are told."))
    return redirect("plans:detail", plan.pk)


@login_required
def activity(request, pk, activity_pk):
    """One activity: its progress reports, and the form to report more on an approved plan."""
    plan = get_plan(request.user, pk)
    item = get_object_or_404(Activity, plan=plan, pk=activity_pk)
    can_report = permissions.can_report_progress(request.user, plan)
    form = ProgressForm(request.POST or None, request.FILES or None, initial={"status": item.status})
    if request.method == "POST":
        if not can_report:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.activity_report(activity=item, **form.cleaned_data, by=request.user)
            except ActionRefused as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Progress reported."))
                return redirect("plans:activity", plan.pk, item.pk)
    return render(
        request,
        "plans/activity.html",
        {
            "plan": plan,
            "activity": item,
            "reports": list(item.reports.select_related("by")),
            "form": form if can_report else None,
        },
    )


@login_required
def evidence(request, pk, report_pk):
    plan = get_plan(request.user, pk)
    report = get_object_or_404(ProgressReport.objects.exclude(evidence=""), activity__plan=plan, pk=report_pk)
    handle = report.evidence.open("rb")
    head = handle.read(5)
    handle.seek(0)
    if head.startswith(b"%PDF-"):
        content_type, extension = "application/pdf", "pdf"
    else:
        from portal.core.uploads import detect_mime

        content_type = detect_mime(handle) or "application/octet-stream"
        extension = content_type.split("/")[-1]
    if content_type == "application/octet-stream":
        raise Http404
    return FileResponse(
        handle,
        content_type=content_type,
        as_attachment=True,
        filename=f"plan-{plan.pk}-evidence-{report.pk}.{extension}",
    )
