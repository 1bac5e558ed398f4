from portal.core.models import AuditLog


def audit(*, actor, action: str, target, reason: str = "", association=None, **data) -> AuditLog:
    """Write one audit record. Call inside the transaction of the change it describes."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditLog.objects.create(
        actor=actor,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        association=association,
        reason=reason,
        data=data,
    )
