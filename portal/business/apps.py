from django.apps import AppConfig


class BusinessConfig(AppConfig):
    name = "portal.business"
    label = "business"
    verbose_name = "Member-to-member business"
