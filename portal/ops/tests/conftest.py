import io
import logging

import pytest

from portal.ops import health
from portal.ops.logs import JsonFormatter


@pytest.fixture(autouse=True)
def _fresh_migration_check():
    health._migrations_applied = False
    yield
    health._migrations_applied = False


@pytest.fixture
def log_lines():
    """Everything logged while the test runs, as the JSON lines production writes; call it to read them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: [line for line in stream.getvalue().splitlines() if line]
    root.removeHandler(handler)
    root.setLevel(previous_level)


@pytest.fixture
def database_queue(settings):
    """The production task queue (rows in the database, run by the worker) instead of immediate tasks."""
    settings.TASKS = {"default": {"BACKEND": "portal.ops.taskbackend.DatabaseBackend"}}
