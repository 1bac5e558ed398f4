from django.tasks import task


@task
def build_data_export(*, export_id: int) -> None:
    """Gather the person's data from every app and store the zip (runs in the worker)."""
    from portal.privacy.services import export_build

    export_build(export_id=export_id)
