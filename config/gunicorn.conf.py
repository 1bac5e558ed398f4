"""gunicorn settings for the portal: `gunicorn -c config/gunicorn.conf.py` (what `make serve` runs).

Every value can be changed from the environment; the defaults suit one app server behind a reverse proxy.
"""

import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: the portal's requests are short and database-bound. Two per core plus one keeps the
# cores busy while some workers wait on PostgreSQL; WEB_CONCURRENCY overrides (as on most platforms).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A request still running after this long is killed and its worker replaced (exports and reports run
# in the task worker, not in a request).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Each worker is replaced after about a thousand requests (the jitter stops them all restarting at once),
# which bounds any slow memory growth.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))

# Which addresses may set X-Forwarded-Proto/-For: the reverse proxy's only. Keep it in step with
# TRUSTED_PROXY_COUNT, which tells the portal how many proxies' X-Forwarded-For entries to trust.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# No access log: the portal writes one JSON line per request itself (with request id, user id, route
# name, duration and query count). gunicorn's own messages are JSON lines too.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "portal.ops.logs.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
        "error_console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
    },
    "root": {"level": "INFO", "handlers": ["error_console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        # Silent: a logging config would otherwise switch gunicorn's access log back on.
        "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
    },
}

# gunicorn 27's control socket defaults to one path per user; several servers on one host would share it.
control_socket_disable = True

# Prometheus: every worker writes its counters into one directory, so /metrics served by any worker adds
# up all of them. Set here, in the master, before any worker imports prometheus_client.
_multiproc_dir = Path(
    os.environ.setdefault(
        "PROMETHEUS_MULTIPROC_DIR",
        str(Path(tempfile.gettempdir()) / f"dia-portal-prometheus-{bind.replace(':', '-').replace('/', '-')}"),
    )
)


def on_starting(server):
    # Figures from a previous run would be added to this one's.
    shutil.rmtree(_multiproc_dir, ignore_errors=True)
    _multiproc_dir.mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
