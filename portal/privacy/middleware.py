from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from portal.core.audit import request_ip, security_event
from portal.privacy.models import UserSession

# The session list's "last seen" is written at most this often per session (not on every request).
LAST_SEEN_EVERY = timedelta(minutes=5)
SEEN_KEY = "_privacy_seen"


def track_session(request, user, *, force: bool = False) -> None:
    """Create or refresh the row listing this session on /me/sessions/ (at most every LAST_SEEN_EVERY)."""
    session = request.session
    now = timezone.now()
    seen_key, seen_at = (session.get(SEEN_KEY) or [None, 0])[:2]
    if not force and seen_key == session.session_key and now.timestamp() - seen_at < LAST_SEEN_EVERY.total_seconds():
        return
    if session.session_key is None:
        session.save()
    if seen_key and seen_key != session.session_key:  # the key changed (log-in, password change): one row, not two
        UserSession.objects.filter(session_key=seen_key, user=user).delete()
    UserSession.objects.update_or_create(
        session_key=session.session_key,
        defaults={
            "user": user,
            "last_seen_at": now,
            "ip": request_ip(request) or None,
            "user_agent": request.headers.get("user-agent", "")[:300],
        },
    )
    session[SEEN_KEY] = [session.session_key, now.timestamp()]


class SessionTrackingMiddleware:
    """Keeps the person's list of sessions current (after AuthenticationMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            track_session(request, user)
        return self.get_response(request)


class PermissionRefusalMiddleware:
    """Writes a security event for every 403 a view raises; Django still renders the 403 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            security_event(kind="permission_denied", user=getattr(request, "user", None), request=request)
        return None
