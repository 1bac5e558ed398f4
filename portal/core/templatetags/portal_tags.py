from django import template

from portal.core.money import format_inr, format_inr_short

register = template.Library()


@register.filter
def inr(value):
    return "" if value in (None, "") else format_inr(value)


@register.filter
def inr_short(value):
    return "" if value in (None, "") else format_inr_short(value)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some keys changed: keeps filters across pagination links."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()


@register.filter(name="markdown")
def markdown_filter(value):
    """``{{ post.body|markdown }}``: user markdown, rendered and sanitised (see portal.core.markdown)."""
    from portal.core.markdown import render_markdown

    return render_markdown(value or "")


@register.filter
def get_item(mapping, key):
    """``{{ dict|get_item:key }}`` for keys held in a variable."""
    return mapping.get(key) if hasattr(mapping, "get") else None
