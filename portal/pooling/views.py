from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.associations.models import Association
from portal.associations.permissions import refuse_at
from portal.core import exports as core_exports
from portal.core.errors import ActionRefused
from portal.pooling import exports, permissions, services
from portal.pooling.forms import CancelForm, CommitForm, OutcomeForm, PooledDemandForm, WithdrawForm, local_input
from portal.pooling.models import Commitment, PooledDemand, Status

PAGE_SIZE = 20
COMMITMENTS_PAGE_SIZE = 50


def get_pooled_demand(user, pk: int) -> PooledDemand:
    """The pooled demand if the user may see it; another association's is a 404, whatever it holds."""
    return get_object_or_404(
        PooledDemand.objects.visible_to(user).select_related("association", "created_by", "outcome_recorded_by"),
        pk=pk,
    )


def get_association(user, slug: str) -> Association:
    association = get_object_or_404(Association.objects.select_related("state"), slug=slug)
    if not permissions.can_view_association_pools(user, association):
        raise Http404
    return association


def _attach_my_commitments(user, pooled_demands) -> None:
    """One query for the page: the quantities the user's enterprises committed to each listed pool."""
    by_pool: dict[int, list[Commitment]] = {}
    ids = [pool.pk for pool in pooled_demands]
    if ids and user.is_authenticated:
        mine = Commitment.objects.filter(pooled_demand_id__in=ids, enterprise__people__user=user).select_related(
            "enterprise"
        )
        for commitment in mine:
            by_pool.setdefault(commitment.pooled_demand_id, []).append(commitment)
    for pool in pooled_demands:
        pool.mine = by_pool.get(pool.pk, [])


@login_required
def index(request):
    """Open pooled demands across every association the user belongs to or runs, closing soonest first."""
    visible = PooledDemand.objects.visible_to(request.user).select_related("association")
    page = Paginator(visible.accepting().with_totals().order_by("closes_at", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    _attach_my_commitments(request.user, page.object_list)
    recent_outcomes = visible.filter(status=Status.NEGOTIATED).order_by("-outcome_recorded_at")[:5]
    managed = Association.objects.managed_by(request.user).order_by("name")
    return render(
        request,
        "pooling/index.html",
        {"page": page, "recent_outcomes": recent_outcomes, "managed": managed},
    )


@login_required
def association_list(request, slug):
    association = get_association(request.user, slug)
    status = request.GET.get("status", "")
    queryset = association.pooled_demands.with_totals().select_related("association")
    if status in Status.values:
        queryset = queryset.filter(status=status)
    else:
        status = ""
    page = Paginator(queryset.order_by("-created_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    _attach_my_commitments(request.user, page.object_list)
    return render(
        request,
        "pooling/association_list.html",
        {
            "association": association,
            "page": page,
            "status": status,
            "statuses": Status.choices,
            "can_manage": permissions.can_manage(request.user, association),
        },
    )


@login_required
def open_pool(request, slug):
    association = get_association(request.user, slug)
    if not permissions.can_manage(request.user, association):
        refuse_at(request.user, association, _("Only the association's office-bearers open pooled demand."))
    initial = {"closes_at": local_input(timezone.now() + timedelta(days=14))}
    form = PooledDemandForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            pooled_demand = services.pooled_demand_open(association=association, by=request.user, **form.cleaned_data)
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Pooled demand opened; the association's members have been told."))
            return redirect(pooled_demand)
    return render(request, "pooling/open.html", {"association": association, "form": form})


def _pool_context(
    request, pooled_demand: PooledDemand, *, commit_form=None, withdraw_error: str = "", notice: str = ""
) -> dict:
    """Everything the dynamic part of the detail page (and its HTMX partial) shows."""
    user = request.user
    total = pooled_demand.total_committed()
    target = pooled_demand.target_quantity
    context = {
        "pool": pooled_demand,
        "total": total,
        "percent": min(999, int(total * 100 / target)) if target else 0,
        "remaining": max(target - total, 0),
        "accepting": pooled_demand.is_accepting(),
        "can_see_commitments": permissions.can_see_commitments(user, pooled_demand),
        "withdraw_error": withdraw_error,
        "notice": notice,
    }
    commitments = pooled_demand.commitments.select_related("enterprise").order_by("-quantity", "enterprise__name")
    context["commitment_count"] = commitments.count()
    if context["can_see_commitments"]:
        context["commitments"] = Paginator(commitments, COMMITMENTS_PAGE_SIZE).get_page(request.GET.get("page"))
    enterprises = list(permissions.committing_enterprises(user, pooled_demand.association))
    context["my_commitments"] = list(commitments.filter(enterprise__in=enterprises)) if enterprises else []
    if enterprises and context["accepting"]:
        context["commit_form"] = commit_form or CommitForm(enterprises=enterprises, unit=pooled_demand.unit)
    elif commit_form is not None:
        # Closed meanwhile: no form to show, but the member must still read why the commitment was refused.
        context["commit_refusal"] = " ".join(commit_form.non_field_errors())
    return context


@login_required
def detail(request, pk):
    pooled_demand = get_pooled_demand(request.user, pk)
    return _render_detail(request, pooled_demand)


def _render_detail(request, pooled_demand, **kwargs):
    context = _pool_context(request, pooled_demand, **kwargs)
    if request.htmx:
        return render(request, "pooling/_pool.html", context)
    can_manage = permissions.can_manage(request.user, pooled_demand.association)
    context.update(
        {
            "can_manage": can_manage,
            "can_export": permissions.can_export(request.user, pooled_demand),
            "can_close": can_manage and pooled_demand.status == Status.OPEN,
            "can_record_outcome": can_manage and pooled_demand.status in {Status.CLOSED, Status.NEGOTIATED},
            "can_cancel": can_manage and pooled_demand.status in {Status.OPEN, Status.CLOSED},
        }
    )
    return render(request, "pooling/detail.html", context)


@login_required
@require_POST
def commit(request, pk):
    pooled_demand = get_pooled_demand(request.user, pk)
    enterprises = list(permissions.committing_enterprises(request.user, pooled_demand.association))
    if not enterprises:
        raise PermissionDenied
    form = CommitForm(request.POST, enterprises=enterprises, unit=pooled_demand.unit)
    if form.is_valid():
        try:
            _commitment, created = services.commitment_make(
                pooled_demand=pooled_demand,
                enterprise=form.cleaned_data["enterprise"],
                quantity=form.cleaned_data["quantity"],
                by=request.user,
            )
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            notice = _("Your commitment is recorded.") if created else _("Your commitment is changed.")
            if request.htmx:  # the partial says so itself: a flash message would turn up on the next page
                return _render_detail(request, pooled_demand, notice=notice)
            messages.success(request, notice)
            return redirect(pooled_demand)
    return _render_detail(request, pooled_demand, commit_form=form)


@login_required
@require_POST
def withdraw(request, pk):
    pooled_demand = get_pooled_demand(request.user, pk)
    enterprises = permissions.committing_enterprises(request.user, pooled_demand.association)
    if not enterprises.exists():
        raise PermissionDenied
    form = WithdrawForm(request.POST, enterprises=enterprises)
    if not form.is_valid():
        return _render_detail(request, pooled_demand, withdraw_error=_("Choose which commitment to withdraw."))
    try:
        services.commitment_withdraw(
            pooled_demand=pooled_demand, enterprise=form.cleaned_data["enterprise"], by=request.user
        )
    except ActionRefused as exc:
        return _render_detail(request, pooled_demand, withdraw_error=exc.message)
    notice = _("Your commitment is withdrawn.")
    if request.htmx:
        return _render_detail(request, pooled_demand, notice=notice)
    messages.success(request, notice)
    return redirect(pooled_demand)


def _managed_pool(request, pk) -> PooledDemand:
    pooled_demand = get_pooled_demand(request.user, pk)
    if not permissions.can_manage(request.user, pooled_demand.association):
        raise PermissionDenied
    return pooled_demand


@login_required
@require_POST
def close(request, pk):
    pooled_demand = _managed_pool(request, pk)
    try:
        services.pooled_demand_close(pooled_demand=pooled_demand, by=request.user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Commitments are closed. Export the list to negotiate, then record the outcome."))
    return redirect(pooled_demand)


@login_required
def cancel(request, pk):
    pooled_demand = _managed_pool(request, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pooled_demand_cancel(
                pooled_demand=pooled_demand, reason=form.cleaned_data["reason"], by=request.user
            )
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The pooled demand is cancelled; enterprises that committed have been told."))
            return redirect(pooled_demand)
    return render(request, "pooling/cancel.html", {"pool": pooled_demand, "form": form})


@login_required
def outcome(request, pk):
    pooled_demand = _managed_pool(request, pk)
    initial = {}
    if pooled_demand.status == Status.NEGOTIATED:
        initial = {
            "price_per_unit": pooled_demand.negotiated_price,
            "supplier": pooled_demand.supplier,
            "notes": pooled_demand.outcome_notes,
        }
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.pooled_demand_record_outcome(pooled_demand=pooled_demand, by=request.user, **form.cleaned_data)
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The outcome is recorded and the association's members have been told."))
            return redirect(pooled_demand)
    return render(
        request,
        "pooling/outcome.html",
        {"pool": pooled_demand, "form": form, "total": pooled_demand.total_committed()},
    )


@login_required
def export(request, pk, fmt):
    pooled_demand = get_pooled_demand(request.user, pk)
    if not permissions.can_export(request.user, pooled_demand):
        raise PermissionDenied
    content = services.pooled_demand_export(pooled_demand=pooled_demand, fmt=fmt, by=request.user)
    return core_exports.bytes_response(fmt, exports.filename(pooled_demand, fmt).rsplit(".", 1)[0], content)
