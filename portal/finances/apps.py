from django.apps import AppConfig


class FinancesConfig(AppConfig):
    name = "portal.finances"
    label = "finances"
    verbose_name = "Association finances and sustainability"
