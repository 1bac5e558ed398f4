"""Endpoints for load balancers and Prometheus; none of them needs a session or a log-in."""

import hmac
import ipaddress

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import CONTENT_TYPE_LATEST

from portal.ops import health
from portal.ops.metrics import exposition


@never_cache
@require_safe
def healthz(request):
    """The process answers. Touches no database, so a database outage does not restart every server."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    """Ready for traffic: database, cache and task queue answer, the queue moves, migrations are applied."""
    ready, checks = health.readiness()
    return JsonResponse({"status": "ok" if ready else "fail", "checks": checks}, status=200 if ready else 503)


def _metrics_allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    authorization = request.headers.get("Authorization", "")
    if token and authorization.startswith("Bearer "):
        return hmac.compare_digest(authorization.removeprefix("Bearer ").encode(), token.encode())
    # A request relayed by a proxy shows the proxy's address (often 127.0.0.1): only a direct connection
    # from an allowed address counts, so a proxy on the same host does not open /metrics to the world.
    if "X-Forwarded-For" in request.headers:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in network for network in settings.METRICS_ALLOWED_NETWORKS)


@never_cache
@require_safe
def metrics(request):
    """Prometheus text format; only from METRICS_ALLOWED_IPS or with ``Authorization: Bearer METRICS_TOKEN``."""
    if not _metrics_allowed(request):
        return HttpResponseForbidden("Forbidden", content_type="text/plain")
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
