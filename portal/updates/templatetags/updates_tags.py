from django import template

from portal.updates import selectors

register = template.Library()


@register.simple_tag
def recognitions_for(association):
    """``{% recognitions_for association as items %}``: the association's ambassadors and champions."""
    return list(selectors.recognitions_for(association))


@register.simple_tag
def current_recognitions():
    """``{% current_recognitions as items %}``: this financial year's ambassadors and champions."""
    return list(selectors.current_recognitions())
