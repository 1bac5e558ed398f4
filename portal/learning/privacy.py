"""What deleting an account does to this app's rows (see portal/core/personal_data.py)."""

from portal.core.personal_data import DELETE, KEEP, Source, register

register(
    Source("learning.Series", "created_by", KEEP, "published series"),
    Source("learning.Resource", "created_by", KEEP, "published resources"),
    Source("learning.Bookmark", "user", DELETE, "bookmarks"),
    Source("learning.LearningPath", "created_by", KEEP, "published paths"),
    Source("learning.StepDone", "user", DELETE, "the person's progress"),
)
