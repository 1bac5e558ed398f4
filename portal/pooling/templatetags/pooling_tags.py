from decimal import Decimal, InvalidOperation

from django import template

from portal.core.money import group_indian

register = template.Library()


@register.filter
def qty(value) -> str:
    """A quantity as people write it, in the Indian grouping: 150000.500 -> 1,50,000.5; 20.000 -> 20."""
    if value in (None, ""):
        return ""
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    sign = "-" if number < 0 else ""
    text = format(abs(number).normalize(), "f")
    whole, _dot, fraction = text.partition(".")
    return f"{sign}{group_indian(int(whole))}" + (f".{fraction}" if fraction else "")
