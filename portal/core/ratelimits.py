"""The one rate-limit policy of the portal, applied to every request by RateLimitMiddleware.

Counters live in Django's cache (Redis when REDIS_URL is set, so every app server shares them; local memory
otherwise). Anonymous traffic is counted per client address (portal.core.net.client_ip, which believes only the
trusted proxies), signed-in traffic per person. Log-in failures and password resets are limited by allauth
(ACCOUNT_RATE_LIMITS in settings). Over a limit: 429 with Retry-After and a page saying when to try again.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


@dataclass(frozen=True)
class Limit:
    """At most ``count`` requests in ``seconds`` (a fixed window)."""

    count: int
    seconds: int


# What the limit applies to -> the limit. docs/security.md has the same table.
POLICY = {
    "anonymous": Limit(100, 60),  # every request from one address without a log-in
    "user": Limit(200, 60),  # every request of one signed-in person
    "post": Limit(30, 60),  # every form sent (POST)
    "message": Limit(10, 60),  # a message, a topic or a reply
    "search": Limit(30, 60),  # a list or search with ?q=
    "export": Limit(10, 60),  # a CSV or XLSX download
    "upload": Limit(10, 60),  # a form carrying files
}

# URL names (namespace:name) in the tighter buckets.
MESSAGE_VIEWS = {
    "business:message_start",
    "business:send",
    "desk:message",
    "community:topic_new",
    "community:reply_new",
}
EXPORT_VIEWS = {
    "insights:national_export",
    "insights:drilldown_export",
    "insights:open_data_file",
    "pooling:export_csv",
    "pooling:export_xlsx",
    "research:export",
    "finances:import_template",
}
# Never limited: probes of the load balancer and monitoring, and static files.
EXEMPT_PATHS = ("/static/", "/healthz", "/readyz", "/metrics")


def buckets(request, view_name: str) -> list[str]:
    """The limits a request counts against."""
    names = ["user" if request.user.is_authenticated else "anonymous"]
    if request.method == "POST":
        names.append("post")
        if view_name in MESSAGE_VIEWS:
            names.append("message")
        if request.content_type == "multipart/form-data":
            names.append("upload")
    if view_name in EXPORT_VIEWS:
        names.append("export")
    if request.method == "GET" and request.GET.get("q", "").strip():
        names.append("search")
    return names


def hit(bucket: str, who: str, *, now: float | None = None) -> int:
    """Count one request; the seconds to wait when it is over the limit, else 0."""
    limit = POLICY[bucket]
    allowed = limit.count * settings.RATE_LIMIT_SCALE
    now = time.time() if now is None else now
    window = int(now // limit.seconds)
    key = f"ratelimit:{bucket}:{who}:{window}"
    if cache.add(key, 1, timeout=limit.seconds + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=limit.seconds + 1)
            count = 1
    if count <= allowed:
        return 0
    return max(1, int((window + 1) * limit.seconds - now + 0.999))


def too_many(request, retry_after: int, *, bucket: str, first: bool):
    if first:  # one audit row per person and window, not one per refused request
        from portal.core.audit import security_event

        security_event(kind="rate_limited", user=request.user, request=request, bucket=bucket)
    response = render(request, "429.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitMiddleware:
    """Applies POLICY to every request (after authentication, so people are counted as themselves)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if settings.RATE_LIMIT_SCALE <= 0 or request.path.startswith(EXEMPT_PATHS):
            return None
        from portal.core.net import client_ip

        match = request.resolver_match
        view_name = match.view_name if match else ""
        who = f"user:{request.user.pk}" if request.user.is_authenticated else f"ip:{client_ip(request)}"
        for bucket in buckets(request, view_name):
            retry_after = hit(bucket, who)
            if retry_after:
                first = cache.add(f"ratelimit-logged:{bucket}:{who}", 1, timeout=retry_after)
                return too_many(request, retry_after, bucket=bucket, first=first)
        return None
