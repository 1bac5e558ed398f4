"""Similar resolved requirements and the providers who solved them, for whoever holds a new one.

On PostgreSQL the text part uses full-text search (a search vector over title and description,
ranked). On SQLite, which has no such search in Django, a word-overlap score over a bounded set of
recent candidates gives the same kind of answer. Kind, sector and state add to the score on both.
"""

import re
import unicodedata
from collections import Counter

from django.db import connection
from django.db.models import Q

from portal.desk.models import Requirement, Status, category_of

STOP_WORDS = {
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "for",
    "from",
    "has",
    "have",
    "in",
    "is",
    "it",
    "its",
    "of",
    "on",
    "or",
    "our",
    "the",
    "to",
    "we",
    "with",
    "need",
    "needs",
    "needed",
    "want",
    "wants",
    "require",
    "required",
    "requirement",
    "us",
    "new",
}
CANDIDATES = 300


# Letters, and the vowel signs and other combining marks that Indian scripts write inside a word
# ("सिकुड़न" would otherwise break into pieces at every matra).
_MARKS = "".join(chr(c) for c in range(0x0300, 0x3000) if unicodedata.category(chr(c)).startswith("M"))
_WORD = re.compile(rf"[^\W\d_](?:[^\W\d_]|[{re.escape(_MARKS)}])*")


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall((text or "").lower()) if len(w) >= 3 and w not in STOP_WORDS]


def _base_candidates(requirement: Requirement):
    from portal.desk.models import FINANCIAL_KINDS

    same_category = (
        Q(kind__in=list(FINANCIAL_KINDS)) if requirement.is_financial else ~Q(kind__in=list(FINANCIAL_KINDS))
    )
    return (
        Requirement.objects.filter(status__in=[Status.RESOLVED, Status.CLOSED])
        .filter(same_category)
        .exclude(pk=requirement.pk)
        .select_related("enterprise__sector", "enterprise__state", "assigned_provider")
    )


def _bonus(candidate: Requirement, requirement: Requirement) -> float:
    score = 0.0
    if candidate.kind == requirement.kind:
        score += 1.0
    if candidate.enterprise.sector_id == requirement.enterprise.sector_id:
        score += 0.5
    if candidate.enterprise.state_id == requirement.enterprise.state_id:
        score += 0.5
    return score


def similar_resolved(requirement: Requirement, limit: int = 5) -> list[tuple[Requirement, float]]:
    """The most similar solved requirements, best first, with a score."""
    terms = words(f"{requirement.title} {requirement.description}")
    base = _base_candidates(requirement)
    if connection.vendor == "postgresql" and terms:
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        query = SearchQuery(" OR ".join(sorted(set(terms))[:30]), search_type="websearch", config="english")
        vector = SearchVector("title", weight="A", config="english") + SearchVector(
            "description", weight="B", config="english"
        )
        candidates = list(
            base.annotate(rank=SearchRank(vector, query))
            .filter(Q(rank__gt=0) | Q(kind=requirement.kind))
            .order_by("-rank", "-resolved_at")[:CANDIDATES]
        )
        scored = [(c, float(c.rank) * 10 + _bonus(c, requirement)) for c in candidates]
    else:
        wanted = Counter(terms)
        candidates = list(base.order_by("-resolved_at")[:CANDIDATES])
        scored = []
        for candidate in candidates:
            have = set(words(f"{candidate.title} {candidate.description}"))
            overlap = sum(count for word, count in wanted.items() if word in have)
            text_score = overlap / (len(wanted) or 1)
            scored.append((candidate, text_score * 3 + _bonus(candidate, requirement)))
    scored = [(c, round(s, 2)) for c, s in scored if s > 0]
    scored.sort(key=lambda pair: (-pair[1], -(pair[0].resolved_at.timestamp() if pair[0].resolved_at else 0)))
    return scored[:limit]


def providers_for(requirement: Requirement, limit: int = 5) -> list[dict]:
    """Providers who solved similar requirements, with how many and their average rating there."""
    tally: dict[int, dict] = {}
    for candidate, score in similar_resolved(requirement, limit=50):
        provider = candidate.assigned_provider
        if provider is None:
            continue
        entry = tally.setdefault(provider.pk, {"provider": provider, "solved": 0, "ratings": [], "score": 0.0})
        entry["solved"] += 1
        entry["score"] += score
        if candidate.rating:
            entry["ratings"].append(candidate.rating)
    result = sorted(tally.values(), key=lambda e: -e["score"])[:limit]
    for entry in result:
        ratings = entry.pop("ratings")
        entry["rating"] = round(sum(ratings) / len(ratings), 1) if ratings else None
    return result


__all__ = ["category_of", "providers_for", "similar_resolved", "words"]
