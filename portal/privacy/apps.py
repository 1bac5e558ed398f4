from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class PrivacyConfig(AppConfig):
    name = "portal.privacy"
    label = "privacy"
    verbose_name = "Personal data and security"

    def ready(self) -> None:
        # Every app declares its own personal data in portal/<app>/privacy.py (see portal.core.personal_data);
        # importing them here fills the registry without this app importing any app above it.
        autodiscover_modules("privacy")
        from portal.privacy import signals  # noqa: F401
