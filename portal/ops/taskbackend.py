"""The database task queue, carrying the enqueuing request's id to the worker.

The id rides in the stored ``args_kwargs`` next to the task's own arguments (which django-tasks-db
reads by key, so the extra key does not reach the task function); ``portal.ops.tasklog`` puts it back
into the log context when the worker runs the task.
"""

from django.utils.json import normalize_json
from django_tasks_db import DatabaseBackend as _DatabaseBackend

from portal.ops.context import current_request_id


class DatabaseBackend(_DatabaseBackend):
    def _row(self, task, args, kwargs) -> dict:
        args_kwargs = normalize_json({"args": args, "kwargs": kwargs})
        request_id = current_request_id()
        if request_id:
            args_kwargs["request_id"] = request_id
        return {
            "id": self._get_id(),
            "args_kwargs": args_kwargs,
            "priority": task.priority,
            "task_path": task.module_path,
            "queue_name": task.queue_name,
            "run_after": task.run_after,
            "backend_name": self.alias,
        }

    def _task_to_db_task(self, task, args, kwargs):
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.create(**self._row(task, args, kwargs))

    async def _atask_to_db_task(self, task, args, kwargs):
        from django_tasks_db.models import DBTaskResult

        return await DBTaskResult.objects.acreate(**self._row(task, args, kwargs))
