import logging

from portal.core.models import AuditLog

security_log = logging.getLogger("portal.security")


def _target_fields(target) -> dict:
    """Who or what a record is about. A person is named by id only, so erasing an account never needs the
    (append-only) audit rows changed: the name lives on the user row, which is pseudonymised instead."""
    label = target._meta.label_lower
    if getattr(target._meta, "label", "") == _user_label():
        return {"target_type": label, "target_id": str(target.pk), "target_repr": f"user #{target.pk}"}
    return {"target_type": label, "target_id": str(target.pk), "target_repr": str(target)[:300]}


def _user_label() -> str:
    from django.conf import settings

    return settings.AUTH_USER_MODEL


def audit(*, actor, action: str, target, reason: str = "", association=None, **data) -> AuditLog:
    """Write one audit record. Call inside the transaction of the change it describes."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditLog.objects.create(
        actor=actor, action=action, association=association, reason=reason, data=data, **_target_fields(target)
    )


def request_ip(request) -> str:
    try:
        from portal.core.net import client_ip
    except ImportError:  # the security engineer's helper (trusted proxies); REMOTE_ADDR until it lands
        return request.META.get("REMOTE_ADDR", "")
    return client_ip(request) or ""


def security_event(*, kind: str, user=None, request=None, **data) -> AuditLog:
    """Record a security event (log-in, failure, lock-out, 2FA change, refusal, export, data download, deletion).

    Writes an audit row (action ``security.<kind>``, about the user when there is one) and one line on the
    ``portal.security`` logger. The line carries the user's id and the client address, never an email or a
    name, so log files hold no more personal data than CERT-In's rules need.
    """
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if request is not None:
        data.setdefault("ip", request_ip(request))
        data.setdefault("path", request.path[:200])
        data.setdefault("user_agent", request.headers.get("user-agent", "")[:200])
    if user is not None:
        target = {"target_type": _user_label().lower(), "target_id": str(user.pk), "target_repr": f"user #{user.pk}"}
    else:
        target = {"target_type": "", "target_id": "", "target_repr": ""}
    record = AuditLog.objects.create(actor=user, action=f"security.{kind}"[:80], data=data, **target)
    security_log.info(
        "security.%s user=%s ip=%s path=%s",
        kind,
        user.pk if user is not None else "-",
        data.get("ip", "-") or "-",
        data.get("path", "-"),
        extra={"security_event": kind, "user_id": user.pk if user is not None else None},
    )
    return record
