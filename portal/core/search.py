"""Search that finds words in every script: one helper for the apps' text search boxes.

PostgreSQL: full-text search with the "simple" configuration: words are lower-cased and matched as written,
with no English stemming (which would mangle Tamil or Hindi words) and no stop words, so a word in any of
the twelve languages matches itself. A substring match on the first field keeps partial words ("knit" finds
"knitwear") working too. SQLite (the embedded default): a case-insensitive substring match on every field.
"""

from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Q, QuerySet

MAX_QUERY = 200


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


def text_search(queryset: QuerySet, query: str, fields: list[str], *, also: Q | None = None) -> QuerySet:
    """``queryset`` narrowed to rows whose ``fields`` contain the words of ``query`` (or that match ``also``)."""
    query = (query or "").strip()[:MAX_QUERY]
    if not query:
        return queryset
    extra = also if also is not None else Q()
    if uses_full_text_search():
        from django.contrib.postgres.search import SearchQuery, SearchVector

        words = SearchQuery(query, config="simple", search_type="websearch")
        queryset = queryset.annotate(search_document=SearchVector(*fields, config="simple"))
        return queryset.filter(Q(search_document=words) | Q(**{f"{fields[0]}__icontains": query}) | extra)
    return queryset.filter(reduce(or_, (Q(**{f"{field}__icontains": query}) for field in fields)) | extra)
