"""What deleting an account does to this app's rows (see portal/core/personal_data.py)."""

from portal.core.personal_data import DELETE, KEEP, Source, register

register(
    Source("community.Space", "created_by", KEEP, "discussion spaces"),
    Source("community.SpaceFollow", "user", DELETE, "what the person follows"),
    Source("community.Profile", "user", DELETE, "the public profile"),
    Source("community.Topic", "author", KEEP, "discussions others replied to, shown as by a deleted user"),
    Source("community.Reply", "author", KEEP, "replies in others' discussions, shown as by a deleted user"),
    Source("community.TopicFollow", "user", DELETE, "what the person follows"),
    Source("community.TopicRead", "user", DELETE, "reading marks"),
    Source("community.Reaction", "user", DELETE, "reactions"),
    Source("community.Report", "reporter", KEEP, "moderation records"),
    Source("community.Report", "decided_by", KEEP, "moderation records"),
)
