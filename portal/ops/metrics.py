"""Prometheus metrics: per-view request figures recorded as requests run, portal gauges read at scrape time.

Under gunicorn, ``config/gunicorn.conf.py`` sets PROMETHEUS_MULTIPROC_DIR before the workers start, so
every worker writes its counters there and a scrape of any worker adds them all up.
"""

import os
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import Count, Min
from django.tasks.base import TaskResultStatus
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import REGISTRY, Collector

REQUESTS = Counter(
    "portal_http_requests", "Requests answered, by route name, method and status code.", ["view", "method", "status"]
)
LATENCY = Histogram(
    "portal_http_request_duration_seconds",
    "Time to answer a request, by route name.",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
DB_QUERIES = Histogram(
    "portal_db_queries_per_request",
    "Database queries run by one request, by route name.",
    ["view"],
    buckets=(0, 1, 2, 5, 10, 20, 50, 100, 250),
)
DB_SECONDS = Counter("portal_db_query_duration_seconds", "Time spent in database queries, by route name.", ["view"])


def record_request(*, view: str, method: str, status: int, seconds: float, queries: int, query_seconds: float) -> None:
    REQUESTS.labels(view, method, str(status)).inc()
    LATENCY.labels(view).observe(seconds)
    DB_QUERIES.labels(view).observe(queries)
    DB_SECONDS.labels(view).inc(query_seconds)


class PortalCollector(Collector):
    """Task queue, desk and notification gauges: a handful of aggregate queries per scrape."""

    def collect(self):
        up = GaugeMetricFamily("portal_gauges_up", "1 when the portal gauges below could be read from the database.")
        try:
            families = [*self._tasks(), *self._requirements(), *self._broadcasts()]
        except DatabaseError:
            # The per-request figures above are still worth a scrape; /readyz names the database as down.
            families = []
        up.add_metric([], 1 if families else 0)
        yield up
        yield from families
        yield from self._cache()

    def _tasks(self):
        from django_tasks_db.models import DBTaskResult

        from portal.core.tasks import send_email

        queued = GaugeMetricFamily("portal_tasks_queued", "Tasks waiting for a worker, by task.", labels=["task"])
        oldest = GaugeMetricFamily("portal_tasks_oldest_queued_age_seconds", "Age of the oldest task still waiting.")
        failed = GaugeMetricFamily("portal_tasks_failed", "Failed task results kept in the queue table.")
        emails = GaugeMetricFamily("portal_emails_waiting", "Emails queued and not yet sent.")
        rows = DBTaskResult.objects.ready().values("task_path").annotate(n=Count("id"), oldest=Min("enqueued_at"))
        now = datetime.now(UTC)
        oldest_at = None
        waiting_emails = 0
        for row in rows:
            queued.add_metric([row["task_path"]], row["n"])
            if row["task_path"] == send_email.module_path:
                waiting_emails = row["n"]
            if oldest_at is None or row["oldest"] < oldest_at:
                oldest_at = row["oldest"]
        oldest.add_metric([], (now - oldest_at).total_seconds() if oldest_at else 0)
        failed.add_metric([], DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count())
        emails.add_metric([], waiting_emails)
        yield from (queued, oldest, failed, emails)

    def _requirements(self):
        from portal.desk.models import Holder, Requirement
        from portal.desk.selectors import overdue_q

        open_ = GaugeMetricFamily(
            "portal_requirements_open", "Open requirements, by who must act next.", labels=["holder"]
        )
        overdue = GaugeMetricFamily(
            "portal_requirements_overdue", "Open requirements past their service level, by holder.", labels=["holder"]
        )
        open_counts = dict(Requirement.objects.open().values_list("holder").annotate(n=Count("id")).order_by())
        overdue_counts = dict(
            Requirement.objects.filter(overdue_q()).values_list("holder").annotate(n=Count("id")).order_by()
        )
        for holder in Holder.values:
            open_.add_metric([holder], open_counts.get(holder, 0))
            overdue.add_metric([holder], overdue_counts.get(holder, 0))
        yield from (open_, overdue)

    def _broadcasts(self):
        from portal.notifications.models import Broadcast, BroadcastStatus

        gauge = GaugeMetricFamily("portal_broadcasts_in_progress", "Broadcasts queued or being sent.")
        gauge.add_metric(
            [], Broadcast.objects.filter(status__in=[BroadcastStatus.QUEUED, BroadcastStatus.SENDING]).count()
        )
        yield gauge

    def _cache(self):
        """Redis's own hit and miss counters (the whole Redis server); nothing for the local-memory cache."""
        client = getattr(cache, "_cache", None)
        if client is None or not hasattr(client, "get_client"):
            return
        try:
            stats = client.get_client().info("stats")
        except Exception:  # noqa: BLE001 - a scrape must not fail because Redis is away; /readyz reports it
            return
        hits = GaugeMetricFamily("portal_cache_hits", "Cache hits counted by Redis since it started.")
        misses = GaugeMetricFamily("portal_cache_misses", "Cache misses counted by Redis since it started.")
        hits.add_metric([], stats.get("keyspace_hits", 0))
        misses.add_metric([], stats.get("keyspace_misses", 0))
        yield from (hits, misses)


_portal_registry = CollectorRegistry(auto_describe=False)
_portal_registry.register(PortalCollector())


def exposition() -> bytes:
    """The Prometheus text: this process (or all gunicorn workers), then the portal gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry) + generate_latest(_portal_registry)
