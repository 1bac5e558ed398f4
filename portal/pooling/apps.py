from django.apps import AppConfig


class PoolingConfig(AppConfig):
    name = "portal.pooling"
    label = "pooling"
    verbose_name = "Pooled demand"
