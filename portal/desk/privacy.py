"""What deleting an account does to this app's rows (see portal/core/personal_data.py)."""

from portal.core.personal_data import KEEP, Source, register

register(
    Source("desk.Requirement", "created_by", KEEP, "the case file (loans and offers may be financial records)"),
    Source("desk.Transition", "by", KEEP, "the case history"),
    Source("desk.Message", "author", KEEP, "the case file's conversation, kept without the name"),
    Source("desk.Attachment", "uploaded_by", KEEP, "the case file's documents"),
    Source("desk.Offer", "created_by", KEEP, "the provider's offer (financial record)"),
)
