from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from portal.accounts.middleware import start_staff_session

        user_logged_in.connect(start_staff_session, dispatch_uid="portal.accounts.start_staff_session")
        user_logged_in.connect(remember_language_at_first_log_in, dispatch_uid="accounts.remember_language")


def remember_language_at_first_log_in(sender, request, user, **kwargs) -> None:
    """Someone who never chose keeps the language they were reading in when they logged in (emails follow it)."""
    from django.conf import settings
    from django.utils import translation

    from portal.accounts.services import user_language_set
    from portal.core.i18n import language_codes

    language = translation.get_language()
    chose_other = language != settings.LANGUAGE_CODE and language in language_codes()
    if request is not None and not user.language and chose_other:
        user_language_set(user=user, language=language)
