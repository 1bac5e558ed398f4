from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache.backends.redis import RedisCache
from django.db import OperationalError, connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.core.tasks import send_email
from portal.ops import health


def test_healthz_answers_without_touching_the_database(anonymous, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = anonymous.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_200_when_everything_answers(anonymous):
    response = anonymous.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "tasks", "migrations"}
    assert all(check["ok"] for check in body["checks"].values())


def test_readyz_names_the_database_when_it_fails(anonymous):
    refused = OperationalError("connection refused")
    with mock.patch.object(connection, "ensure_connection", side_effect=refused):
        response = anonymous.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == {"ok": False, "error": "OperationalError", "ms": checks["database"]["ms"]}
    assert checks["cache"]["ok"] is True
    assert checks["tasks"]["ok"] is False


def test_readyz_names_the_cache_when_redis_is_unreachable(anonymous, monkeypatch):
    # A real Redis client pointed at a port nothing listens on.
    unreachable = RedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 1}})
    monkeypatch.setattr(health, "cache", unreachable)
    response = anonymous.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"]["ok"] is False
    assert checks["cache"]["error"] == "ConnectionError"
    assert checks["database"]["ok"] is True


def test_readyz_fails_when_the_oldest_queued_task_waited_too_long(anonymous, database_queue, settings):
    settings.READINESS_MAX_TASK_AGE_SECONDS = 600
    result = send_email.enqueue(subject="s", body="b", to=["someone@example.in"])
    assert anonymous.get("/readyz").status_code == 200

    DBTaskResult.objects.filter(id=result.id).update(enqueued_at=timezone.now() - timedelta(minutes=11))
    response = anonymous.get("/readyz")
    assert response.status_code == 503
    tasks = response.json()["checks"]["tasks"]
    assert tasks["ok"] is False
    assert tasks["oldest_queued_age_seconds"] > 600
    assert "worker" in tasks["error"]


def test_readyz_fails_while_a_migration_is_not_applied(anonymous):
    MigrationRecorder.Migration.objects.filter(app="sessions", name="0001_initial").delete()
    response = anonymous.get("/readyz")
    assert response.status_code == 503
    migrations = response.json()["checks"]["migrations"]
    assert migrations["ok"] is False
    assert migrations["unapplied"] >= 1


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_refuse_writes(anonymous, path):
    assert anonymous.post(path).status_code == 405
