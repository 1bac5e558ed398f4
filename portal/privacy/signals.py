"""Security events from Django's and allauth's signals, and the session list kept up to date at log-in/out."""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from portal.core.audit import security_event
from portal.privacy.middleware import track_session
from portal.privacy.models import UserSession


@receiver(user_logged_in, dispatch_uid="privacy_logged_in")
def _logged_in(sender, request, user, **kwargs):
    security_event(kind="login", user=user, request=request)
    if request is not None and hasattr(request, "session"):
        track_session(request, user, force=True)


@receiver(user_logged_out, dispatch_uid="privacy_logged_out")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        security_event(kind="logout", user=user, request=request)
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        UserSession.objects.filter(session_key=key).delete()


@receiver(user_login_failed, dispatch_uid="privacy_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # The address typed is personal data (and may be someone else's): record only the account's id if it exists.
    email = (credentials or {}).get("email") or (credentials or {}).get("username") or ""
    user = get_user_model().objects.filter(email__iexact=email).only("pk").first() if email else None
    security_event(kind="login_failed", user=user, request=request, known_account=user is not None)


@receiver(account_signals.password_changed, dispatch_uid="privacy_password_changed")
def _password_changed(sender, request, user, **kwargs):
    security_event(kind="password_changed", user=user, request=request)


@receiver(account_signals.password_set, dispatch_uid="privacy_password_set")
def _password_set(sender, request, user, **kwargs):
    security_event(kind="password_set", user=user, request=request)


@receiver(account_signals.password_reset, dispatch_uid="privacy_password_reset")
def _password_reset(sender, request, user, **kwargs):
    security_event(kind="password_reset", user=user, request=request)


@receiver(mfa_signals.authenticator_added, dispatch_uid="privacy_mfa_added")
def _mfa_added(sender, request, user, authenticator, **kwargs):
    security_event(kind="mfa_added", user=user, request=request, authenticator=authenticator.type)


@receiver(mfa_signals.authenticator_removed, dispatch_uid="privacy_mfa_removed")
def _mfa_removed(sender, request, user, authenticator, **kwargs):
    security_event(kind="mfa_removed", user=user, request=request, authenticator=authenticator.type)


@receiver(mfa_signals.authenticator_reset, dispatch_uid="privacy_mfa_reset")
def _mfa_reset(sender, request, user, authenticator, **kwargs):
    security_event(kind="mfa_reset", user=user, request=request, authenticator=authenticator.type)
