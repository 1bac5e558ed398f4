from portal.core.personal_data import KEEP, Source, register

register(
    Source("core.AuditLog", "actor", KEEP, "audit and security logs: append-only, kept at least 180 days (CERT-In)")
)
