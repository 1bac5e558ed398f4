from django.apps import AppConfig


class SchemeConfig(AppConfig):
    name = "portal.scheme"
    label = "scheme"
    verbose_name = "DIA scheme: appraisal and cluster stages"
