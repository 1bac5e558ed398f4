"""One JSON log line per task run, with the id of the request that enqueued it and its query count."""

import logging
import threading
from time import perf_counter

from django.db import connection
from django.dispatch import receiver
from django.tasks.base import TaskResultStatus
from django.tasks.signals import task_finished, task_started

from portal.ops.context import request_id_var
from portal.ops.logs import QueryCounter

logger = logging.getLogger("portal.tasks")

# Task id -> (started, query counter, context token); a worker runs one task at a time per thread.
_running = threading.local()


def _runs() -> dict:
    if not hasattr(_running, "runs"):
        _running.runs = {}
    return _running.runs


@receiver(task_started, dispatch_uid="portal.ops.task_started")
def task_run_started(sender, task_result, **kwargs) -> None:
    db_result = getattr(task_result, "db_result", None)
    request_id = (db_result.args_kwargs or {}).get("request_id") if db_result is not None else None
    # An immediately-run task (development) already runs inside its request's context.
    token = request_id_var.set(request_id) if request_id else None
    counter = QueryCounter()
    connection.execute_wrappers.append(counter)
    _runs()[str(task_result.id)] = (perf_counter(), counter, token)


@receiver(task_finished, dispatch_uid="portal.ops.task_finished")
def task_run_finished(sender, task_result, **kwargs) -> None:
    run = _runs().pop(str(task_result.id), None)
    if run is None:
        return
    started, counter, token = run
    if counter in connection.execute_wrappers:
        connection.execute_wrappers.remove(counter)
    failed = task_result.status == TaskResultStatus.FAILED
    logger.log(
        logging.ERROR if failed else logging.INFO,
        "task",
        extra={
            "task": task_result.task.module_path,
            "task_id": str(task_result.id),
            "status": str(task_result.status),
            "duration_ms": round((perf_counter() - started) * 1000, 1),
            "queries": counter.count,
            "request_id": request_id_var.get(),
        },
    )
    if token is not None:
        request_id_var.reset(token)
