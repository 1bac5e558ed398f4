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
