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


def security_event(*, kind: str, user=None, request=None, **data) -> AuditLog:
    """A security event (refusal, lock-out, time-out) as an audit row and a line on the ``portal.security`` logger.

    Minimal version for the security branch; the privacy branch owns the full one (same signature).
    """
    import logging

    from portal.core.net import client_ip

    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if request is not None:
        data.setdefault("ip", client_ip(request))
        data.setdefault("path", request.path[:200])
    logging.getLogger("portal.security").warning("security event %s", kind, extra={"security": data})
    return AuditLog.objects.create(
        actor=user,
        action=f"security.{kind}",
        target_type=user._meta.label_lower if user is not None else "security",
        target_id=str(user.pk) if user is not None else "",
        target_repr=str(user)[:300] if user is not None else kind,
        data=data,
    )
