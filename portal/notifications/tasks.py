from django.tasks import task


@task
def deliver_broadcast(*, broadcast_id: int) -> None:
    from portal.notifications.services import broadcast_deliver

    broadcast_deliver(broadcast_id)


@task
def send_digests(*, weekly: bool | None = None) -> dict:
    """Daily (and on the configured weekday, weekly) digests. Run by `manage.py send_digests` from cron once a day."""
    from portal.notifications.services import send_due_digests

    return send_due_digests(weekly=weekly)
