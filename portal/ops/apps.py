from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the portal: health and readiness, metrics, structured logs, backups."""

    name = "portal.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        from portal.ops import tasklog  # noqa: F401  (connects the task signals)
