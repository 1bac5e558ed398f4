"""Cross-cutting request handling that belongs to no app: the one input cleaner."""

import re

from django.http import QueryDict

# C0 control characters and DEL, except tab, line feed and carriage return (which textareas send). PostgreSQL
# refuses a NUL in text (a 500 on `?q=%00`), and none of them has a use in a form field or a filter.
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    return CONTROL_CHARACTERS.sub("", value)


def _cleaned(query: QueryDict) -> QueryDict | None:
    """A copy of the query without control characters in keys or values; None when there were none."""
    if not any(
        CONTROL_CHARACTERS.search(key) or any(CONTROL_CHARACTERS.search(v) for v in values)
        for key, values in query.lists()
    ):
        return None
    cleaned = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        cleaned.setlistdefault(clean_text(key), []).extend(clean_text(v) for v in values)
    cleaned._mutable = False
    return cleaned


class CleanInputMiddleware:
    """Strip control characters from every query parameter and form field (GET and POST), before any view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (cleaned := _cleaned(request.GET)) is not None:
            request.GET = cleaned
        if request.method == "POST" and request.content_type in FORM_TYPES:
            cleaned = _cleaned(request.POST)
            if cleaned is not None:
                request.POST = cleaned
        return self.get_response(request)
