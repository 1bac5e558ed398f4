"""What deleting an account does to this app's rows (see portal/core/personal_data.py)."""

from portal.core.personal_data import DELETE, KEEP, Source, blank, register

register(
    Source("business.Connection", "requested_by", KEEP, "connections between enterprises"),
    Source("business.Connection", "decided_by", KEEP, "connections between enterprises"),
    Source("business.Lead", "posted_by", KEEP, "the enterprise's leads"),
    Source("business.Interest", "by", KEEP, "the enterprise's replies to leads"),
    Source("business.Conversation", "user_low", KEEP, "the other person's copy of the conversation"),
    Source("business.Conversation", "user_high", KEEP, "the other person's copy of the conversation"),
    Source(
        "business.Message",
        "sender",
        blank("body"),
        "private messages: the text is erased, the other person sees that a message was deleted",
    ),
    Source("business.Block", "blocker", DELETE, "the person's blocks"),
    Source("business.Block", "blocked", DELETE, "blocks of the person"),
    Source("business.Report", "reporter", KEEP, "moderation records"),
    Source("business.Report", "resolved_by", KEEP, "moderation records"),
)
