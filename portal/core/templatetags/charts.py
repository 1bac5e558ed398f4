from django import template
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()


@register.inclusion_tag("core/_chart.html")
def chart(chart):
    """``{% chart some_chart %}``: the figure, its data, a text summary and a table with the same numbers."""
    return {"chart": chart}


@register.simple_tag
def chart_scripts():
    """Put once on a page with charts (in ``{% block extra_body %}``): Chart.js and the portal's drawing code."""
    return format_html(
        '<script src="{}" defer></script><script src="{}" defer></script>',
        static("vendor/chartjs/chart.umd.min.js"),
        static("js/charts.js"),
    )
