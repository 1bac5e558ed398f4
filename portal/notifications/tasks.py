from django.tasks import task


@task
def deliver_broadcast(*, broadcast_id: int) -> None:
    from portal.notifications.services import broadcast_deliver

    broadcast_deliver(broadcast_id)
