"""The client's real address, behind as many trusted reverse proxies as TRUSTED_PROXY_COUNT says."""

from django.conf import settings


def client_ip(request) -> str:
    """The address that reached the first trusted proxy (or the server itself when the count is 0).

    Each trusted proxy appends the address it received the request from to X-Forwarded-For, so the client is the
    entry ``TRUSTED_PROXY_COUNT`` places from the right; anything further left was written by the client and is
    not believed. With too few entries (a request that skipped a proxy) REMOTE_ADDR is used.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote
    return forwarded[-count][:64]
