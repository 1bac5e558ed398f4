"""What deleting an account does to this app's rows (see portal/core/personal_data.py)."""

from portal.core.personal_data import DELETE, DETACH, KEEP, Source, register

register(
    Source("research.Topic", "proposed_by", KEEP, "proposed research topics"),
    Source("research.TopicFollow", "user", DELETE, "what the person follows"),
    Source("research.TopicVote", "user", KEEP, "vote counts that others see"),
    Source("research.Study", "created_by", KEEP, "the association's study"),
    Source(
        "research.Response", "respondent", DETACH, "survey answers stay in the results, no longer linked to the person"
    ),
)
