"""Readiness checks: each returns a small dict with ``ok`` and what it found, and never raises."""

import logging
import uuid
from datetime import UTC, datetime
from time import perf_counter

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

logger = logging.getLogger("portal.ops")

# Set once the database has every migration applied: migrations only change at a deploy, which restarts
# the processes, so after one clean answer the check costs nothing.
_migrations_applied = False


def _timed(check) -> dict:
    started = perf_counter()
    try:
        result = check()
    except Exception as exc:  # noqa: BLE001 - any failure of a dependency means "not ready"
        # The body names the kind of failure only; the log line has the detail for the operator.
        logger.warning(
            "readiness check failed", extra={"check": check.__name__, "error": f"{type(exc).__name__}: {exc}"[:500]}
        )
        result = {"ok": False, "error": type(exc).__name__}
    result["ms"] = round((perf_counter() - started) * 1000, 1)
    return result


def check_database() -> dict:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def check_cache() -> dict:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    found = cache.get(key)
    cache.delete(key)
    if found != "1":
        return {"ok": False, "error": "the cache did not return what was just stored"}
    return {"ok": True}


def check_tasks() -> dict:
    """The queue table answers and its oldest waiting task is younger than the bound (a worker is running)."""
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if not isinstance(backend, DatabaseBackend):
        return {"ok": True, "backend": type(backend).__name__}
    ready = DBTaskResult.objects.ready()  # waiting and due (not deferred to later)
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    age = (datetime.now(UTC) - oldest).total_seconds() if oldest else 0.0
    bound = settings.READINESS_MAX_TASK_AGE_SECONDS
    result = {"ok": age <= bound, "oldest_queued_age_seconds": round(age, 1), "max_age_seconds": bound}
    if not result["ok"]:
        result["error"] = "the oldest queued task has waited too long: is a worker running?"
    return result


def check_migrations() -> dict:
    global _migrations_applied
    if _migrations_applied:
        return {"ok": True}
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return {"ok": False, "error": f"{len(plan)} migration(s) not applied", "unapplied": len(plan)}
    _migrations_applied = True
    return {"ok": True}


def readiness() -> tuple[bool, dict]:
    checks = {"database": _timed(check_database), "cache": _timed(check_cache)}
    if checks["database"]["ok"]:
        checks["tasks"] = _timed(check_tasks)
        checks["migrations"] = _timed(check_migrations)
    else:
        checks["tasks"] = {"ok": False, "error": "database unavailable"}
        checks["migrations"] = {"ok": False, "error": "database unavailable"}
    return all(check["ok"] for check in checks.values()), checks
