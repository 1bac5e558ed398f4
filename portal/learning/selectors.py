"""Reads for the learning library, always scoped to the user who looks."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, Value
from django.db.models.fields import FloatField
from django.utils.translation import get_language

from portal.core.i18n import Version, normalise_language, version_for
from portal.learning.models import (
    Bookmark,
    Kind,
    LearningPath,
    PathStep,
    Resource,
    ResourceTranslation,
    StepDone,
    Topic,
)

SHELF_SIZE = 6
# The order of the shelves on the library home: guidance first, raw documents last.
SHELF_ORDER = [
    Kind.SCHEME_GUIDE,
    Kind.TOOLKIT,
    Kind.CASE_STUDY,
    Kind.EPISODE,
    Kind.PUBLICATION,
    Kind.VIDEO,
    Kind.DOCUMENT,
]


def paths_for_stage(stage: str):
    """Published learning paths for a cluster stage, with the paths for any stage (blank) after them."""
    return LearningPath.objects.published().filter(Q(cluster_stage=stage) | Q(cluster_stage="")).blank_stage_last()


def reader_language() -> str:
    return normalise_language(get_language())


def version_of(resource: Resource, language: str) -> Version:
    """What a reader of ``language`` is shown of a resource fetched ``with_version(language)``."""
    translations = []
    if getattr(resource, "version_language", None):
        translations = [
            ResourceTranslation(
                language=resource.version_language,
                title=resource.version_title,
                summary=resource.version_summary,
                body=resource.version_body,
            )
        ]
    return version_for(resource, translations, language)


def _with_card_data(queryset, user):
    """What a resource card shows: owner, series, topics (one extra query), the version in the reader's language
    and whether the user bookmarked it."""
    queryset = (
        queryset.with_version(reader_language())
        .select_related("association", "series")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name")))
    )
    if user.is_authenticated:
        queryset = queryset.annotate(bookmarked=Exists(Bookmark.objects.filter(user=user, resource=OuterRef("pk"))))
    return queryset


def resources_for(user):
    """Published resources the user may open (drafts are on the "your resources" page)."""
    return Resource.objects.visible_to(user).published()


def shelves(user) -> list[tuple[str, str, list[Resource]]]:
    """The library home: the newest few resources of each kind, one query per kind (a fixed number)."""
    result = []
    base = _with_card_data(resources_for(user), user)
    for kind in SHELF_ORDER:
        value, label = kind.value, kind.label
        items = list(base.filter(kind=value).order_by("-published_at", "-id")[:SHELF_SIZE])
        if items:
            result.append((value, label, items))
    return result


@dataclass
class LibraryFilters:
    q: str = ""
    kind: str = ""
    topic: Topic | None = None
    sector: object | None = None
    stage: str = ""

    @property
    def any(self) -> bool:
        return bool(self.q or self.kind or self.topic or self.sector or self.stage)


def search(user, filters: LibraryFilters):
    """Resources the user may open matching the filters. With words on PostgreSQL: full-text with the "simple"
    configuration (no stemming, so Hindi and English are treated alike), best rank first; a title substring match
    is kept as well so a word the parser splits (Devanagari vowel signs) is still found. Elsewhere: icontains."""
    queryset = resources_for(user)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.topic:
        queryset = queryset.filter(topics=filters.topic)
    if filters.sector:
        queryset = queryset.filter(sectors=filters.sector)
    if filters.stage:
        queryset = queryset.filter(cluster_stage=filters.stage)
    ordering = ["-published_at", "-id"]
    q = filters.q.strip()
    if q and connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = (
            SearchVector("title", weight="A", config="simple")
            + SearchVector("summary", "speakers", weight="B", config="simple")
            + SearchVector("body", weight="C", config="simple")
        )
        query = SearchQuery(q, search_type="websearch", config="simple")
        queryset = queryset.annotate(rank=SearchRank(vector, query)).filter(
            Q(rank__gt=0) | Q(title__icontains=q) | Q(summary__icontains=q)
        )
        ordering = ["-rank", *ordering]
    elif q:
        condition = Q()
        for word in q.split()[:8]:
            condition &= (
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(body__icontains=word)
                | Q(speakers__icontains=word)
            )
        queryset = queryset.filter(condition).annotate(rank=Value(0.0, output_field=FloatField()))
    # Filtering on one topic and one sector joins one row each per resource: no duplicates, no DISTINCT needed.
    return _with_card_data(queryset, user).order_by(*ordering)


def bookmarks_of(user):
    """The user's bookmarks that they may still open, newest first."""
    visible = Resource.objects.visible_to(user).values("pk")
    return (
        Bookmark.objects.filter(user=user, resource__in=visible)
        .select_related("resource", "resource__association", "resource__series")
        .prefetch_related(Prefetch("resource__topics", queryset=Topic.objects.order_by("name")))
        .order_by("-created_at", "-id")
    )


@dataclass
class Progress:
    path: LearningPath
    steps: list[PathStep]
    done_ids: set[int]

    @property
    def done(self) -> int:
        return sum(1 for step in self.steps if step.pk in self.done_ids)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def next_step(self) -> PathStep | None:
        """Where the user left off: the first step not yet done."""
        return next((step for step in self.steps if step.pk not in self.done_ids), None)

    @property
    def finished(self) -> bool:
        return self.total > 0 and self.done == self.total

    def position(self, step: PathStep) -> int:
        return self.steps.index(step) + 1


def path_steps(path: LearningPath, user) -> list[PathStep]:
    """The path's steps whose resource the user may open (a resource unpublished later drops out)."""
    visible = Resource.objects.visible_to(user).published().values("pk")
    return list(
        path.steps.filter(resource__in=visible).select_related("resource", "resource__association").order_by("order")
    )


def progress_of(path: LearningPath, user) -> Progress:
    steps = path_steps(path, user)
    done = set()
    if user.is_authenticated:
        done = set(StepDone.objects.filter(user=user, path=path).values_list("step_id", flat=True))
    return Progress(path=path, steps=steps, done_ids=done)


def continue_where_left_off(user) -> Progress | None:
    """The path the user last made progress on and has not finished, with the next step (a fixed few queries)."""
    if not user.is_authenticated:
        return None
    recent = (
        StepDone.objects.filter(user=user, path__status="published")
        .order_by("-done_at", "-id")
        .values_list("path_id", flat=True)[:20]
    )
    seen = []
    for path_id in recent:
        if path_id not in seen:
            seen.append(path_id)
    for path in sorted(LearningPath.objects.filter(pk__in=seen[:3]), key=lambda p: seen.index(p.pk)):
        progress = progress_of(path, user)
        if progress.next_step is not None:
            return progress
    return None


def paths_with_progress(user, paths) -> list[Progress]:
    """Progress on each of the given paths, in three queries whatever their number."""
    paths = list(paths)
    visible = Resource.objects.visible_to(user).published().values("pk")
    steps = (
        PathStep.objects.filter(path__in=paths, resource__in=visible).select_related("resource").order_by("order", "id")
    )
    by_path: dict[int, list[PathStep]] = {path.pk: [] for path in paths}
    for step in steps:
        by_path[step.path_id].append(step)
    done = set()
    if user.is_authenticated:
        done = set(StepDone.objects.filter(user=user, path__in=paths).values_list("step_id", flat=True))
    return [Progress(path=path, steps=by_path[path.pk], done_ids=done) for path in paths]
