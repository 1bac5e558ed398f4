"""Charts, described in Python and drawn in the browser by Chart.js (served by the portal itself).

A view builds a :class:`Chart`; the template says ``{% load charts %}{% chart my_chart %}``. That renders
a ``<figure>`` with a canvas, the data as JSON (``json_script``, so the strict CSP holds), a one-line
text summary for screen readers and a table with the same numbers ("Show as a table"), so a chart
never hides data from someone who cannot see it or whose phone did not load the script.
``static/js/charts.js`` draws every chart on the page, with a different fill pattern or dash for
each series so it can be read in black and white.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import count

KINDS = {"bar", "horizontal-bar", "stacked-bar", "line", "radar", "doughnut"}
_ids = count(1)


@dataclass
class Series:
    label: str
    values: list
    # "line" inside a bar chart draws this series as a line (a target path over actual bars, say).
    kind: str = ""


@dataclass
class Chart:
    kind: str
    title: str
    labels: list[str]
    series: list[Series]
    unit: str = ""  # shown after numbers: "%", "₹", "members"
    summary: str = ""  # one sentence that says what the chart shows, for screen readers
    max_value: float | None = None  # fixes the value axis (100 for percentages, say)
    element_id: str = field(default_factory=lambda: f"chart-{next(_ids)}")

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown chart kind {self.kind!r}; use one of {sorted(KINDS)}")
        for series in self.series:
            if len(series.values) != len(self.labels):
                raise ValueError(
                    f"Series {series.label!r} has {len(series.values)} values for {len(self.labels)} labels"
                )

    @staticmethod
    def _number(value):
        if value is None:
            return None
        if isinstance(value, Decimal):
            return float(value)
        return value

    def as_data(self) -> dict:
        """What charts.js reads (plain JSON numbers; Decimals become floats only here, for drawing)."""
        return {
            "kind": self.kind,
            "title": str(self.title),
            "labels": [str(label) for label in self.labels],
            "unit": str(self.unit),
            "max": self.max_value,
            "series": [
                {"label": str(s.label), "kind": s.kind, "values": [self._number(v) for v in s.values]}
                for s in self.series
            ],
        }

    def rows(self) -> list[tuple[str, list]]:
        """The table alternative: one row per label, one column per series."""
        return [(label, [s.values[index] for s in self.series]) for index, label in enumerate(self.labels)]
