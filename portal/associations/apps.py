from django.apps import AppConfig


class AssociationsConfig(AppConfig):
    name = "portal.associations"
    label = "associations"
    verbose_name = "Industry associations"
