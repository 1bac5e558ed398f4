"""A message to a large audience is queued, then delivered in batches with its progress recorded."""

from portal import testing
from portal.accounts.models import User
from portal.notifications import services
from portal.notifications.models import Broadcast, BroadcastStatus, Notification


def test_a_broadcast_reaches_every_active_user_in_batches_and_records_progress(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "BROADCAST_BATCH", 2)
    people = [testing.make_user() for _ in range(5)]
    people[0].is_active = False
    people[0].save()

    with django_capture_on_commit_callbacks(execute=True):
        item = services.broadcast(
            users=User.objects.filter(pk__in=[p.pk for p in people]), kind="updates.new", title="New circular"
        )

    item.refresh_from_db()
    assert item.status == BroadcastStatus.DONE
    assert (item.total, item.sent, item.percent) == (4, 4, 100)
    assert Notification.objects.filter(kind="updates.new").count() == 4
    assert not Notification.objects.filter(user=people[0]).exists()


def test_publishing_returns_before_delivery_and_nothing_is_sent_if_the_change_rolls_back(db):
    testing.make_user()
    item = services.broadcast(users=User.objects.all(), kind="updates.new", title="Draft")

    assert Broadcast.objects.get(pk=item.pk).status == BroadcastStatus.QUEUED
    assert not Notification.objects.exists()
