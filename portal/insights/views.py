from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.associations.models import Association, MembershipStatus
from portal.associations.permissions import refuse_at
from portal.core import exports
from portal.core.charts import Chart, Series
from portal.insights import drill, permissions
from portal.insights.figures import cached_national_figures, in_period
from portal.insights.filters import association_scope, filters_from
from portal.insights.indiamap import shaded_map

FORMATS = exports.FORMATS
MEASURES = {
    "associations": _("Approved associations"),
    "members": _("Member enterprises"),
    "requirements_posted": _("Requirements posted in the period"),
    "requirements_solved": _("Requirements solved in the period"),
}


def _require_national(user) -> None:
    if not permissions.can_see_national(user):
        raise PermissionDenied


def national_charts(figures) -> list[Chart]:
    stages = figures.sections["stages"]
    sectors = figures.sections["by_sector"][:12]
    requirements = {f.key: f for f in figures.sections["requirements"]}
    charts = [
        Chart(
            kind="bar",
            title=_("Associations by cluster stage"),
            labels=[row["label"] for row in stages],
            series=[Series(_("Associations"), [row["associations"] for row in stages])],
            summary=", ".join(f"{row['label']}: {row['associations']}" for row in stages),
        ),
        Chart(
            kind="horizontal-bar",
            title=_("Approved associations by sector"),
            labels=[row["name"] for row in sectors],
            series=[Series(_("Associations"), [row["associations"] for row in sectors])],
            summary=_("The sectors with the most associations come first."),
        ),
        Chart(
            kind="bar",
            title=_("Requirements in the period"),
            labels=[str(requirements["posted"].label), str(requirements["resolved"].label)],
            series=[
                Series(_("This period"), [requirements["posted"].value, requirements["resolved"].value]),
                Series(_("Previous period"), [requirements["posted"].previous, requirements["resolved"].previous]),
            ],
        ),
    ]
    heads = figures.sections.get("support_by_head", [])
    if heads:
        charts.append(
            Chart(
                kind="bar",
                title=_("DIA support in the period, by head (₹)"),
                labels=[row["label"] for row in heads],
                series=[
                    Series(_("Sanctioned"), [row["sanctioned"] for row in heads]),
                    Series(_("Released"), [row["released"] for row in heads]),
                    Series(_("Accounted for"), [row["accounted"] for row in heads]),
                ],
                unit="₹",
            )
        )
    for key, title in (
        ("share", _("Associations by self-earned share of income")),
        ("coverage", _("Associations by cost coverage")),
    ):
        if figures.sections.get(key):
            charts.append(
                Chart(
                    kind="bar",
                    title=title,
                    labels=[str(f.label) for f in figures.sections[key]],
                    series=[Series(_("Associations"), [f.value for f in figures.sections[key]])],
                )
            )
    return charts


@login_required
@require_GET
def national(request):
    _require_national(request.user)
    form, filters = filters_from(request)
    figures = cached_national_figures(filters)
    measure = request.GET.get("measure") if request.GET.get("measure") in MEASURES else "associations"
    states = figures.sections["states"]
    the_map = shaded_map({row["code"]: row[measure] for row in states}, {row["code"]: row["name"] for row in states})
    return render(
        request,
        "insights/national.html",
        {
            "form": form,
            "filters": filters,
            "figures": figures,
            "charts": national_charts(figures),
            "map": the_map,
            "measure": measure,
            "measure_label": MEASURES[measure],
            "measures": MEASURES,
            "state_rows": [row for row in states if row["associations"] or row[measure]] or states,
        },
    )


def national_table(figures, table: str):
    if table == "states":
        headers = [
            _("State"),
            _("North-east"),
            _("Approved associations"),
            _("Member enterprises"),
            _("Requirements posted"),
            _("Requirements solved"),
        ]
        rows = [
            [
                r["name"],
                _("yes") if r["north_east"] else _("no"),
                r["associations"],
                r["members"],
                r["requirements_posted"],
                r["requirements_solved"],
            ]
            for r in figures.sections["states"]
        ]
    elif table == "support":
        headers = [_("Head"), _("Sanctioned (₹)"), _("Released (₹)"), _("Accounted for (₹)")]
        rows = [
            [r["label"], r["sanctioned"], r["released"], r["accounted"]] for r in figures.sections["support_by_head"]
        ]
    elif table == "sectors":
        headers = [_("Sector"), _("Approved associations")]
        rows = [[r["name"], r["associations"]] for r in figures.sections["by_sector"]]
    else:
        headers = [_("Section"), _("Figure"), _("Value"), _("Previous period"), _("Unit")]
        rows = [[_("Headline"), f.label, f.value, f.previous, f.unit] for f in figures.headline]
        rows += [[_("Cluster stage"), r["label"], r["associations"], None, ""] for r in figures.sections["stages"]]
        for section, label in figures.sections.get("section_labels", {}).items():
            rows += [[label, f.label, f.value, f.previous, f.unit] for f in figures.sections.get(section, [])]
        rows += [[_("Requirements"), f.label, f.value, f.previous, f.unit] for f in figures.sections["requirements"]]
    return headers, rows


@login_required
@require_GET
def national_export(request, fmt: str):
    _require_national(request.user)
    if fmt not in FORMATS:
        raise Http404
    _form, filters = filters_from(request)
    figures = cached_national_figures(filters)
    table = request.GET.get("table", "figures")
    headers, rows = national_table(figures, table)
    caption = _("DIA Portal national dashboard · %(filters)s · computed %(when)s") % {
        "filters": filters.describe(),
        "when": figures.computed_at.strftime("%d %b %Y %H:%M UTC"),
    }
    return exports.export_response(fmt, f"dia-national-{table}", headers=headers, rows=rows, caption=caption)


def drilldown_queryset(request, filters):
    status_all = request.GET.get("status") == "all"
    qs = association_scope(filters, approved=not status_all)
    if request.GET.get("approved_in_period"):
        qs = qs.filter(in_period("approved_at", filters.bounds()))
    if request.GET.get("moved_up"):
        from portal.insights.figures import moved_up

        qs = moved_up(qs, filters.bounds())
    activity = drill.activity_condition(request.GET.get("activity", ""), filters.bounds())
    if activity is not None:
        qs = qs.filter(activity)
    share, coverage = request.GET.get("share"), request.GET.get("coverage")
    if share in dict(drill.SHARE_BUCKETS) or coverage in dict(drill.COVERAGE_BUCKETS):
        qs = drill.with_money(qs, filters.bounds())
        if share in dict(drill.SHARE_BUCKETS):
            qs = qs.filter(drill.share_condition(share))
        if coverage in dict(drill.COVERAGE_BUCKETS):
            qs = qs.filter(drill.coverage_condition(coverage))
    return (
        qs.select_related("state")
        .annotate(members=Count("memberships", filter=Q(memberships__status=MembershipStatus.APPROVED), distinct=True))
        .order_by("state__name", "name")
    )


@login_required
@require_GET
def drilldown(request):
    """The associations behind any figure of the national dashboard."""
    _require_national(request.user)
    form, filters = filters_from(request)
    page = Paginator(drilldown_queryset(request, filters), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "insights/drilldown.html",
        {"form": form, "filters": filters, "page": page, "query": request.GET.urlencode()},
    )


@login_required
@require_GET
def drilldown_export(request, fmt: str):
    _require_national(request.user)
    if fmt not in FORMATS:
        raise Http404
    _form, filters = filters_from(request)
    headers = [_("Association"), _("State"), _("District"), _("Cluster"), _("Stage"), _("Status"), _("Members")]
    rows = [
        [a.name, a.state.name, a.district, a.cluster_name, a.get_stage_display(), a.get_status_display(), a.members]
        for a in drilldown_queryset(request, filters)
    ]
    return exports.export_response(fmt, "dia-associations", headers=headers, rows=rows, caption=filters.describe())


@login_required
@require_GET
def association_dashboard(request, slug: str):
    from portal.insights.association import association_figures

    association = get_object_or_404(Association, slug=slug)
    if not permissions.can_see_association_dashboard(request.user, association):
        refuse_at(request.user, association, _("Only the association's office, its cluster expert and SIDBI see this."))
    return render(
        request,
        "insights/association.html",
        {"association": association, "figures": association_figures(association)},
    )


OPEN_COLUMNS = ["associations", "member_enterprises", "requirements_posted", "requirements_solved"]


@require_GET
def open_data_page(request):
    from portal.insights.opendata import SUPPRESS_BELOW, open_data

    return render(request, "insights/open_data.html", {"data": open_data(), "suppress_below": SUPPRESS_BELOW})


@require_GET
def open_data_file(request, table: str, fmt: str):
    from django.http import JsonResponse

    from portal.insights.opendata import open_data

    data = open_data()
    if table not in ("states", "sectors") or fmt not in ("csv", "json"):
        raise Http404
    rows = data["by_state"] if table == "states" else data["by_sector"]
    if fmt == "json":
        response = JsonResponse(
            {"generated_at": data["generated_at"], "suppression": data["suppression"], "rows": rows},
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        label = "state" if table == "states" else "sector"
        headers = [label, *OPEN_COLUMNS]
        body = [[row[label], *("<5" if row[c] is None else row[c] for c in OPEN_COLUMNS)] for row in rows]
        response = exports.export_response(
            "csv", f"dia-open-data-{table}", headers=headers, rows=body, caption=data["suppression"]
        )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_required
def reports(request):
    """SIDBI's monthly reports: the list, and a form to prepare one (in the background)."""
    from portal.insights.forms import ReportMonthForm
    from portal.insights.models import SchemeReport
    from portal.insights.services import scheme_report_request

    _require_national(request.user)
    form = ReportMonthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        scheme_report_request(month=form.cleaned_data["month"], by=request.user)
        messages.success(request, _("The report is being prepared; it appears below when ready."))
        return redirect("insights:reports")
    return render(
        request,
        "insights/reports.html",
        {"form": form, "reports": SchemeReport.objects.select_related("requested_by")[:24]},
    )


@login_required
@require_GET
def report_download(request, pk: int):
    from portal.core.pdf import pdf_response
    from portal.insights.models import ReportStatus, SchemeReport

    _require_national(request.user)
    report = get_object_or_404(SchemeReport, pk=pk, status=ReportStatus.READY)
    with report.file.open("rb") as handle:
        return pdf_response(handle.read(), f"dia-scheme-report-{report.month:%Y-%m}.pdf")
