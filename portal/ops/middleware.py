"""Request id, one JSON log line and the Prometheus figures for every request."""

import logging
from time import perf_counter

from django.conf import settings
from django.db import connection

from portal.ops import metrics
from portal.ops.context import request_id_from, request_id_var
from portal.ops.logs import QueryCounter

logger = logging.getLogger("portal.request")
KNOWN_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def view_name(request) -> str:
    """The route name (never the raw path, which would carry ids and make one series per object)."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name or match._func_path
    if request.path.startswith("/" + settings.STATIC_URL.lstrip("/")):
        return "static"
    return "unmatched"


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get("X-Request-ID"))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        counter = QueryCounter()
        started = perf_counter()
        try:
            with connection.execute_wrapper(counter):
                response = self.get_response(request)
            seconds = perf_counter() - started
            response["X-Request-ID"] = request_id
            view = view_name(request)
            user = getattr(request, "user", None)
            logger.log(
                logging.ERROR if response.status_code >= 500 else logging.INFO,
                "request",
                extra={
                    "request_id": request_id,
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                    "view": view,
                    "method": request.method,
                    "status": response.status_code,
                    "duration_ms": round(seconds * 1000, 1),
                    "queries": counter.count,
                    "query_ms": round(counter.seconds * 1000, 1),
                },
            )
            metrics.record_request(
                view=view,
                method=request.method if request.method in KNOWN_METHODS else "other",
                status=response.status_code,
                seconds=seconds,
                queries=counter.count,
                query_seconds=counter.seconds,
            )
            return response
        finally:
            request_id_var.reset(token)
