from urllib.parse import quote

from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/")


class RequireStaffTwoFactorMiddleware:
    """SIDBI staff and platform admins cannot use the portal until they have set up TOTP.

    allauth asks for the code at every log-in once an authenticator exists; this closes the
    gap before the first one is set up by sending such users to the set-up page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.needs_two_factor
            and not request.path.startswith(ALLOWED_PREFIXES)
            and not has_totp(user)
        ):
            return redirect(reverse("mfa_activate_totp") + "?next=" + quote(request.get_full_path(), safe="/"))
        return self.get_response(request)


def has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    cached = getattr(user, "_has_totp", None)
    if cached is None:
        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._has_totp = cached
    return cached


class StaffSessionTimeoutMiddleware:
    """SIDBI staff and platform admins are logged out after 30 idle minutes and after 12 hours in all.

    They hold the keys to sanctions and releases; a session left open on an office computer must not last the
    two weeks everyone else keeps. The times are kept in the session itself, so they hold on every app server.
    """

    STARTED, SEEN = "staff_session_started", "staff_session_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.needs_two_factor:
            expired = self._expired(request)
            if expired:
                return self._log_out(request, user, expired)
        return self.get_response(request)

    def _expired(self, request) -> str:
        import time

        from django.conf import settings

        now, session = int(time.time()), request.session
        started, seen = session.get(self.STARTED), session.get(self.SEEN)
        if started is None or seen is None:
            session[self.STARTED] = session[self.SEEN] = now
            return ""
        if now - started > settings.STAFF_SESSION_MAX_SECONDS:
            return "absolute"
        if now - seen > settings.STAFF_SESSION_IDLE_SECONDS:
            return "idle"
        if now - seen >= 60:  # one session write a minute at most
            session[self.SEEN] = now
        return ""

    def _log_out(self, request, user, why: str):
        from django.contrib import messages
        from django.contrib.auth import logout
        from django.contrib.auth.views import redirect_to_login
        from django.utils.translation import gettext as _

        from portal.core.audit import security_event

        security_event(kind="session_timeout", user=user, request=request, reason=why)
        logout(request)
        if why == "idle":
            messages.info(request, _("You were logged out after 30 minutes without activity. Please log in again."))
        else:
            messages.info(request, _("You were logged out after 12 hours. Please log in again."))
        return redirect_to_login(request.get_full_path())


def start_staff_session(sender, request, user, **kwargs):
    """The clocks of StaffSessionTimeoutMiddleware start at log-in (saved with the log-in's own session write)."""
    import time

    if request is not None and hasattr(request, "session") and user.needs_two_factor:
        now = int(time.time())
        request.session[StaffSessionTimeoutMiddleware.STARTED] = now
        request.session[StaffSessionTimeoutMiddleware.SEEN] = now


class UserLanguageMiddleware:
    """A logged-in person's language is the one on their profile, on every device and in every session.

    Runs after AuthenticationMiddleware (LocaleMiddleware, before it, has already followed the cookie or
    the browser's Accept-Language for visitors). Reads only the user row already loaded for the request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
