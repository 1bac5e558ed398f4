"""Reads for discussions, always scoped to the user: topic lists with unread markers, replies, reactions, search."""

from collections import defaultdict

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, Subquery

from portal.associations.models import Association
from portal.community.models import (
    REACTION_EMOJI,
    Reaction,
    ReactionKind,
    Reply,
    Report,
    ReportStatus,
    Space,
    Topic,
    TopicFollow,
    TopicRead,
    associations_of,
    managed_association_ids,
)


def my_associations(user):
    """Approved associations whose private spaces the user reads as member, office-bearer or staff."""
    return Association.objects.filter(pk__in=associations_of(user))


def managed_associations(user):
    """Approved associations whose spaces the user moderates as office-bearer."""
    return Association.objects.filter(pk__in=managed_association_ids(user))


def topics_for(user, *, space: Space | None = None, moderator: bool = False):
    """Topics the user may see (in one space, or in all they can read), with ``last_read`` and ``following``."""
    topics = Topic.objects.select_related("author__community_profile", "space").annotate(
        last_read=Subquery(TopicRead.objects.filter(topic=OuterRef("pk"), user=user).values("read_at")[:1]),
        following=Exists(TopicFollow.objects.filter(topic=OuterRef("pk"), user=user)),
    )
    if space is not None:
        topics = topics.filter(space=space)
    else:
        topics = topics.filter(space__in=Space.objects.visible_to(user))
    if not moderator:
        topics = topics.exclude(hidden=True)
    return topics


def is_unread(topic) -> bool:
    return topic.last_read is None or topic.last_activity_at > topic.last_read


def replies_for(topic: Topic):
    return topic.replies.select_related("author__community_profile")


def reaction_counts(user, *, topic: Topic, replies) -> dict:
    """{("topic"|"reply", id): [(kind, emoji, label, count, mine)]} for the topic and the replies shown (2 queries)."""
    reply_ids = [reply.pk for reply in replies]
    condition = Q(topic=topic) | Q(reply_id__in=reply_ids)
    counts: dict = defaultdict(dict)
    for row in Reaction.objects.filter(condition).values("topic_id", "reply_id", "kind").annotate(n=Count("id")):
        key = ("reply", row["reply_id"]) if row["reply_id"] else ("topic", row["topic_id"])
        counts[key][row["kind"]] = row["n"]
    mine = set()
    for topic_id, reply_id, kind in Reaction.objects.filter(condition, user=user).values_list(
        "topic_id", "reply_id", "kind"
    ):
        mine.add((("reply", reply_id) if reply_id else ("topic", topic_id), kind))
    keys = [("topic", topic.pk)] + [("reply", pk) for pk in reply_ids]
    return {
        key: [
            (kind, REACTION_EMOJI[kind], label, counts[key].get(kind, 0), (key, kind) in mine)
            for kind, label in ReactionKind.choices
        ]
        for key in keys
    }


def open_reports_for(user):
    """Open reports on content in the spaces the user moderates, oldest first."""
    spaces = Space.objects.moderated_by(user)
    return (
        Report.objects.filter(status=ReportStatus.OPEN, topic__space__in=spaces)
        .select_related("reporter", "topic__space", "reply__author", "topic__author")
        .order_by("created_at", "id")
    )


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


def search(user, query: str):
    """(topics, replies) matching the query among what the user can see; ranked on PostgreSQL.

    On PostgreSQL this is full-text search with the "simple" configuration (no stemming, so Hindi in
    Devanagari matches word for word as well as English does); SQLite falls back to a substring match.
    Private spaces are filtered by ``visible_to`` first, so they never leak; hidden content only reaches
    moderators of its space.
    """
    query = (query or "").strip()[:200]
    spaces = Space.objects.visible_to(user)
    moderated = Space.objects.moderated_by(user)
    topics = Topic.objects.filter(space__in=spaces).filter(Q(hidden=False) | Q(space__in=moderated))
    replies = Reply.objects.filter(topic__space__in=spaces).filter(
        Q(hidden=False, topic__hidden=False) | Q(topic__space__in=moderated)
    )
    if not query:
        return topics.none(), replies.none()
    if uses_full_text_search():
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        search_query = SearchQuery(query, config="simple", search_type="websearch")
        topic_vector = SearchVector("title", weight="A", config="simple") + SearchVector(
            "body", weight="B", config="simple"
        )
        topics = (
            topics.annotate(document=topic_vector)
            .filter(document=search_query)
            .annotate(rank=SearchRank(topic_vector, search_query))
            .order_by("-rank", "-last_activity_at", "-id")
        )
        reply_vector = SearchVector("body", config="simple")
        replies = (
            replies.annotate(document=reply_vector)
            .filter(document=search_query)
            .annotate(rank=SearchRank(reply_vector, search_query))
            .order_by("-rank", "-created_at", "-id")
        )
    else:
        topics = topics.filter(Q(title__icontains=query) | Q(body__icontains=query)).order_by(
            "-last_activity_at", "-id"
        )
        replies = replies.filter(body__icontains=query).order_by("-created_at", "-id")
    topics = topics.select_related("space", "author")
    replies = replies.select_related("topic__space", "author")
    return topics, replies
