from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "portal.support"
    label = "support"
    verbose_name = "DIA support applications and disbursement"
