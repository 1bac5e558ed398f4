"""Rate limits: per address for anonymous visitors, per person when signed in, tighter on exports and searches;
429 with Retry-After and a page saying when to try again; shared through Redis when it is set."""

import socket

import pytest
from django.test import Client
from django.urls import reverse

from portal.core import ratelimits
from portal.core.models import AuditLog
from portal.core.net import client_ip


@pytest.fixture
def limits_on(settings):
    settings.RATE_LIMIT_SCALE = 1


def test_the_101st_anonymous_request_in_a_minute_gets_429_with_retry_after_and_a_page(limits_on, db):
    visitor = Client(REMOTE_ADDR="203.0.113.5")
    for _ in range(100):
        assert visitor.get("/updates/feed/").status_code == 200

    response = visitor.get("/updates/feed/")

    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Please try again in" in response.content.decode()
    assert AuditLog.objects.filter(action="security.rate_limited").count() == 1
    # Someone else is not locked out.
    assert Client(REMOTE_ADDR="203.0.113.6").get("/updates/feed/").status_code == 200


def test_the_limit_lifts_in_the_next_window(limits_on, db, time_machine):
    time_machine.move_to("2026-12-04 10:00:00+00:00", tick=False)
    visitor = Client(REMOTE_ADDR="203.0.113.5")
    for _ in range(101):
        visitor.get("/updates/feed/")
    assert visitor.get("/updates/feed/").status_code == 429

    time_machine.move_to("2026-12-04 10:01:01+00:00", tick=False)

    assert visitor.get("/updates/feed/").status_code == 200


def test_behind_a_trusted_proxy_visitors_are_counted_by_their_own_address(limits_on, settings, db):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(101):
        Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5").get("/updates/feed/")

    assert Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1").get("/updates/feed/").status_code == 200


def test_signed_in_exports_are_limited_to_ten_a_minute(limits_on, client_for, officer):
    client = client_for(officer)
    url = reverse("insights:drilldown_export", args=["csv"])
    for _ in range(10):
        assert client.get(url).status_code == 200

    assert client.get(url).status_code == 429
    assert client.get(reverse("insights:drilldown")).status_code == 200  # the rest of the portal still works


def test_searches_are_limited_to_thirty_a_minute(limits_on, anonymous):
    for n in range(30):
        assert anonymous.get("/events/", {"q": f"gst {n}"}).status_code == 200

    assert anonymous.get("/events/", {"q": "gst"}).status_code == 429
    assert anonymous.get("/events/").status_code == 200


@pytest.mark.parametrize(
    ("count", "forwarded", "remote", "expected"),
    [
        (0, "1.1.1.1", "10.0.0.2", "10.0.0.2"),  # no proxy: the header is the client's own words
        (1, "1.1.1.1", "10.0.0.2", "1.1.1.1"),
        (1, "6.6.6.6, 1.1.1.1", "10.0.0.2", "1.1.1.1"),  # a forged entry on the left is ignored
        (2, "6.6.6.6, 1.1.1.1, 10.0.0.9", "10.0.0.2", "1.1.1.1"),
        (2, "1.1.1.1", "10.0.0.2", "10.0.0.2"),  # fewer entries than proxies: did not come through them
    ],
)
def test_client_ip_believes_only_the_trusted_proxies(rf, settings, count, forwarded, remote, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_ip(request) == expected


def _redis_url():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return None
    return "redis://127.0.0.1:6379/14"


@pytest.mark.skipif(_redis_url() is None, reason="Redis is not reachable")
def test_with_redis_the_counters_are_shared_by_every_app_server(limits_on, settings, db):
    from django.core.cache import cache, caches
    from django.core.cache.backends.redis import RedisCache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url()}}
    cache.clear()
    try:
        assert isinstance(caches["default"], RedisCache)
        for _ in range(100):
            assert ratelimits.hit("anonymous", "ip:203.0.113.77") == 0
        assert ratelimits.hit("anonymous", "ip:203.0.113.77") > 0
        visitor = Client(REMOTE_ADDR="203.0.113.77")
        assert visitor.get("/updates/feed/").status_code == 429
    finally:
        cache.clear()
