import json
import re
from decimal import Decimal

import pytest
from django.template import Context, Template

from portal.core.charts import Chart, Series


def test_a_series_must_have_one_value_per_label():
    with pytest.raises(ValueError, match="2 values for 3 labels"):
        Chart(kind="bar", title="Members", labels=["2024", "2025", "2026"], series=[Series("Members", [1, 2])])


def test_unknown_kinds_are_refused():
    with pytest.raises(ValueError, match="Unknown chart kind"):
        Chart(kind="pie3d", title="x", labels=[], series=[])


def test_the_figure_carries_its_data_a_summary_and_a_table_with_the_same_numbers():
    chart = Chart(
        kind="line",
        title="Cost coverage",
        labels=["2025-26", "2026-27"],
        series=[Series("Actual", [Decimal("45.5"), None]), Series("Target", [50, 75], kind="line")],
        unit="%",
        summary="Cost coverage rose to 45.5% in 2025-26.",
    )
    html = Template("{% load charts %}{% chart c %}").render(Context({"c": chart}))

    data = json.loads(
        re.search(rf'<script id="{chart.element_id}" type="application/json">(.*?)</script>', html).group(1)
    )
    assert data["series"][0]["values"] == [45.5, None]
    assert data["unit"] == "%"
    assert 'role="img"' in html and "Cost coverage rose to 45.5% in 2025-26." in html
    assert '<th scope="row">2025-26</th><td>45.5%</td><td>50%</td>' in html
    assert "<td>–</td>" in html  # a missing value says so in the table


def test_chart_scripts_are_served_by_the_portal_itself():
    html = Template("{% load charts %}{% chart_scripts %}").render(Context())
    assert "/static/vendor/chartjs/chart.umd.min.js" in html and "/static/js/charts.js" in html
    assert "http" not in html
