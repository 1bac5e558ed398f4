from django.tasks import task


@task
def publish_due_updates() -> int:
    """Publish scheduled updates that have come due. Run by `manage.py publish_due_updates` from cron or a systemd
    timer (every few minutes)."""
    from portal.updates.services import publish_due_updates as publish_due

    return publish_due()
