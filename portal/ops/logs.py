"""One JSON object per log line, for the log collector.

Only the fields a caller passes in ``extra`` and the standard ones are written: the request and task
log lines pass ids, names, counts and durations, never a person's email, phone or identifiers.
"""

import json
import logging
from datetime import UTC, datetime

from portal.ops.context import current_request_id

# Attributes every LogRecord has; anything else on a record came from ``extra``. Django's ``request``
# extra is left out: its text is the full path with the query string, which can hold what a person searched.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime", "request"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or current_request_id()
        if request_id:
            entry["request_id"] = request_id
        for key, value in record.__dict__.items():
            if key not in _STANDARD and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class QueryCounter:
    """A database execute wrapper that counts queries and their time (``connection.execute_wrapper``)."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        from time import perf_counter

        started = perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += perf_counter() - started
