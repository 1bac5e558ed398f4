from django.apps import AppConfig


class UpdatesConfig(AppConfig):
    name = "portal.updates"
    label = "updates"
    verbose_name = "Updates and opportunities"
