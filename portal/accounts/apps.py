from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from portal.accounts.middleware import start_staff_session

        user_logged_in.connect(start_staff_session, dispatch_uid="portal.accounts.start_staff_session")
