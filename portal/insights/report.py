"""The monthly scheme report: the national figures of one month as a PDF with charts.

Charts are drawn by matplotlib (Agg, no display) as PNG and placed in the PDF; each bar has a
hatch pattern as well as a colour, and every chart is followed by the table of its numbers.
"""

import io
from datetime import date

import matplotlib

matplotlib.use("Agg")
from django.utils.translation import gettext as _  # noqa: E402
from matplotlib import pyplot  # noqa: E402

from portal.core.pdf import PortalPDF  # noqa: E402
from portal.insights.figures import national_figures  # noqa: E402
from portal.insights.filters import Filters  # noqa: E402

HATCHES = ["", "//", "..", "xx", "--", "||"]
COLOURS = ["#1f5f99", "#d55e00", "#009e73", "#8a6d00", "#cc79a7", "#56b4e9"]


def bar_png(title: str, labels: list[str], series: list[tuple[str, list]], *, horizontal: bool = False) -> bytes:
    figure, axes = pyplot.subplots(figsize=(7, 3.2), dpi=110)
    try:
        count = len(series)
        width = 0.8 / max(count, 1)
        positions = range(len(labels))
        for index, (name, values) in enumerate(series):
            offsets = [p + (index - (count - 1) / 2) * width for p in positions]
            numbers = [0 if v is None else float(v) for v in values]
            draw = axes.barh if horizontal else axes.bar
            bars = draw(
                offsets,
                numbers,
                width,
                label=name,
                color=COLOURS[index % len(COLOURS)],
                hatch=HATCHES[index % len(HATCHES)],
                edgecolor="black",
                linewidth=0.5,
            )
            axes.bar_label(bars, fmt="%g", fontsize=7, padding=2)
        if horizontal:
            axes.set_yticks(list(positions), labels, fontsize=7)
            axes.invert_yaxis()
        else:
            axes.set_xticks(list(positions), labels, fontsize=7)
        axes.set_title(title, fontsize=10)
        axes.spines[["top", "right"]].set_visible(False)
        if count > 1:
            axes.legend(fontsize=7, frameon=False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        pyplot.close(figure)


def _value(figure) -> str:
    if figure.value is None:
        return "–"
    return f"{figure.value} {figure.unit}".strip() if figure.unit and figure.unit != "₹" else str(figure.value)


def build_report(month: date) -> bytes:
    figures = national_figures(Filters(period="month", month=month))
    title = _("DIA scheme: monthly report for %(month)s") % {"month": month.strftime("%B %Y")}
    pdf = PortalPDF(title=title)
    pdf.heading(title)
    pdf.paragraph(
        _(
            "National figures of the Development of Industry Associations scheme, computed from the portal's records. "
            "Flows (requirements, events, money) are for the month; stocks (associations, members, stages) are as "
            "they stood when the report was made. Previous month in brackets."
        ),
        size=9,
    )
    rows = [[f.label, _value(f), "" if f.previous is None else str(f.previous)] for f in figures.headline]
    for key in figures.sections.get("section_labels", {}):
        rows += [[f.label, _value(f), "" if f.previous is None else str(f.previous)] for f in figures.sections[key]]
    rows += [
        [f.label, _value(f), "" if f.previous is None else str(f.previous)] for f in figures.sections["requirements"]
    ]
    pdf.data_table([_("Figure"), _("This month"), _("Previous month")], rows, widths=(3, 1.4, 1.4), align_right=(1, 2))

    stages = figures.sections["stages"]
    stage_labels = [row["label"] for row in stages]
    stage_values = [row["associations"] for row in stages]
    pdf.heading(_("Associations by cluster stage"), size=13)
    pdf.image(
        io.BytesIO(bar_png(_("Associations by cluster stage"), stage_labels, [(_("Associations"), stage_values)])),
        w=170,
    )
    pdf.data_table(
        [_("Stage"), _("Associations")],
        [[label, v] for label, v in zip(stage_labels, stage_values, strict=True)],
        align_right=(1,),
    )

    sectors = figures.sections["by_sector"][:10]
    if sectors:
        pdf.heading(_("Approved associations by sector (top 10)"), size=13)
        pdf.image(
            io.BytesIO(
                bar_png(
                    _("Approved associations by sector (top 10)"),
                    [row["name"] for row in sectors],
                    [(_("Associations"), [row["associations"] for row in sectors])],
                    horizontal=True,
                )
            ),
            w=170,
        )
        pdf.data_table(
            [_("Sector"), _("Associations")], [[row["name"], row["associations"]] for row in sectors], align_right=(1,)
        )
    states = sorted(figures.sections["states"], key=lambda row: (-row["associations"], row["name"]))
    pdf.add_page()
    pdf.heading(_("By state"), size=13)
    pdf.data_table(
        [_("State"), _("Associations"), _("Members"), _("Requirements posted"), _("Solved")],
        [
            [
                r["name"] + (" (NE)" if r["north_east"] else ""),
                r["associations"],
                r["members"],
                r["requirements_posted"],
                r["requirements_solved"],
            ]
            for r in states
            if r["associations"] or r["requirements_posted"]
        ],
        widths=(3, 1, 1, 1.3, 1),
        align_right=(1, 2, 3, 4),
    )
    return pdf.to_bytes()
