"""Capacity is never oversold, even when many people press "Register" at the same moment."""

import threading
import time

import pytest
from django.db import OperationalError, connection

from portal.core.errors import ActionRefused
from portal.events import services
from portal.events.models import Event, Registration, RegistrationStatus
from portal.events.tests.conftest import add_member, make_event


def call_retrying_shared_cache_locks(call):
    """Run a service call; retry only SQLite's "table is locked".

    The test database on SQLite is in memory with a shared cache, where a second writer gets SQLITE_LOCKED at
    once instead of waiting for the busy timeout as it does with the file database the portal runs on. The
    service is one transaction, so a retry starts from scratch. PostgreSQL never takes this path.
    """
    for _attempt in range(200):
        try:
            return call()
        except OperationalError as exc:
            if connection.vendor != "sqlite" or "locked" not in str(exc):
                raise
            time.sleep(0.02)
    raise AssertionError("still locked after 200 attempts")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_concurrent_registrations_never_oversell_the_event(association_a, bearer_a):
    event = make_event(owner=association_a, by=bearer_a, capacity=3)
    people = [add_member(association_a, name=f"Person {n}") for n in range(8)]
    barrier = threading.Barrier(len(people))
    errors = []

    def register(user):
        try:
            barrier.wait()
            call_retrying_shared_cache_locks(lambda: services.registration_create(event=event, by=user))
        except ActionRefused as exc:  # pragma: no cover - would be a bug, recorded for the assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(user,)) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    event.refresh_from_db()
    confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).count()
    assert errors == []
    assert confirmed == 3 == event.confirmed_count
    assert waiting == 5


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_concurrent_cancellations_promote_each_waiting_person_once(association_a, bearer_a):
    event = make_event(owner=association_a, by=bearer_a, capacity=2)
    people = [add_member(association_a, name=f"Person {n}") for n in range(5)]
    registrations = [services.registration_create(event=event, by=user) for user in people]
    leaving = registrations[:2]
    barrier = threading.Barrier(len(leaving))

    def cancel(registration):
        try:
            barrier.wait()
            call_retrying_shared_cache_locks(
                lambda: services.registration_cancel(registration=registration, by=registration.user)
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in leaving]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = [Registration.objects.get(pk=r.pk).status for r in registrations]
    assert statuses == ["cancelled", "cancelled", "confirmed", "confirmed", "waitlisted"]
    assert Event.objects.get(pk=event.pk).confirmed_count == 2


@pytest.mark.django_db
def test_the_database_refuses_a_confirmed_count_above_capacity(association_a, bearer_a):
    from django.db import IntegrityError, transaction

    event = make_event(owner=association_a, by=bearer_a, capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(confirmed_count=2)
