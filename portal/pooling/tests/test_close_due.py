"""The scheduled closing: pooled demands past their closing time are closed and the office is told."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from portal.core.models import AuditLog
from portal.notifications.models import Notification
from portal.pooling import services
from portal.pooling.models import PooledDemand, Status
from portal.pooling.tasks import close_due_pooled_demands

from .conftest import open_pool


def test_only_pools_past_their_closing_time_are_closed(association_a, bearer_a, member_a, travel):
    soon = open_pool(association_a, bearer_a, title="Soon", closes_at=timezone.now() + timedelta(days=1))
    later = open_pool(association_a, bearer_a, title="Later", closes_at=timezone.now() + timedelta(days=5))
    services.commitment_make(pooled_demand=soon, enterprise=member_a.enterprise, quantity="10", by=member_a)
    travel(timezone.now() + timedelta(days=2))

    closed = services.close_due_pooled_demands()

    assert closed == 1
    assert dict(PooledDemand.objects.values_list("title", "status")) == {"Soon": Status.CLOSED, "Later": Status.OPEN}
    entry = AuditLog.objects.get(action="pooled_demand.closed")
    assert entry.actor is None and entry.data["automatic"] is True
    assert entry.reason == "The closing time was reached."
    office = Notification.objects.get(user=bearer_a, kind="pooled_demand_closed")
    assert office.title == "Closing time reached: Soon" and "Export the list" in office.body
    assert Notification.objects.filter(user=member_a, kind="pooled_demand_closed").count() == 1
    assert later.pk not in set(PooledDemand.objects.filter(status=Status.CLOSED).values_list("pk", flat=True))


def test_running_it_again_closes_nothing_more(association_a, bearer_a, travel):
    open_pool(association_a, bearer_a, closes_at=timezone.now() + timedelta(hours=1))
    travel(timezone.now() + timedelta(hours=2))

    assert services.close_due_pooled_demands() == 1
    assert services.close_due_pooled_demands() == 0
    assert AuditLog.objects.filter(action="pooled_demand.closed").count() == 1


def test_pools_already_closed_or_cancelled_by_the_office_are_left_alone(association_a, bearer_a, travel):
    cancelled = open_pool(association_a, bearer_a, closes_at=timezone.now() + timedelta(hours=1))
    services.pooled_demand_cancel(pooled_demand=cancelled, reason="Fair postponed", by=bearer_a)
    travel(timezone.now() + timedelta(hours=2))

    assert services.close_due_pooled_demands() == 0
    cancelled.refresh_from_db()
    assert cancelled.status == Status.CANCELLED


def test_the_task_and_the_management_command_run_the_same_closing(association_a, bearer_a, travel):
    open_pool(association_a, bearer_a, title="First", closes_at=timezone.now() + timedelta(hours=1))
    open_pool(association_a, bearer_a, title="Second", closes_at=timezone.now() + timedelta(hours=3))
    travel(timezone.now() + timedelta(hours=2))

    result = close_due_pooled_demands.enqueue()  # the immediate backend in tests, a worker in production
    assert result.return_value == 1
    travel(timezone.now() + timedelta(hours=2))
    out = StringIO()
    call_command("close_due_pooled_demands", stdout=out)

    assert out.getvalue().strip() == "Closed 1 pooled demand(s) past their closing time."
    assert set(PooledDemand.objects.values_list("status", flat=True)) == {Status.CLOSED}
