"""What deleting an account does to this app's rows (see portal/core/personal_data.py)."""

from portal.core.personal_data import KEEP, Source, register

register(
    Source("finances.LedgerEntry", "created_by", KEEP, "the association's books (accounting law)"),
    Source("finances.OpeningBalance", "declared_by", KEEP, "the books"),
    Source("finances.SustainabilityTarget", "set_by", KEEP, "the association's target"),
    Source("finances.DuesSchedule", "created_by", KEEP, "dues schedules"),
    Source("finances.Invoice", "created_by", KEEP, "invoices (accounting law)"),
    Source("finances.Payment", "recorded_by", KEEP, "payments (accounting law)"),
    Source("finances.BookImport", "uploaded_by", KEEP, "the books' import history"),
)
