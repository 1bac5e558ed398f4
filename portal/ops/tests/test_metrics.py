import pytest
from django.test import Client

from portal import testing
from portal.core.tasks import send_email


@pytest.fixture
def from_elsewhere(db) -> Client:
    return Client(REMOTE_ADDR="10.20.30.40")


def test_metrics_answer_a_local_scraper_in_prometheus_text(anonymous):
    anonymous.get("/healthz")
    response = anonymous.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    text = response.content.decode()
    for name in [
        "portal_http_requests_total",
        "portal_http_request_duration_seconds_bucket",
        "portal_db_queries_per_request_bucket",
        "portal_db_query_duration_seconds_total",
        "portal_tasks_queued",
        "portal_tasks_oldest_queued_age_seconds",
        "portal_tasks_failed",
        "portal_emails_waiting",
        "portal_requirements_open",
        "portal_requirements_overdue",
        "portal_broadcasts_in_progress",
        "portal_gauges_up 1.0",
    ]:
        assert name in text, name
    assert 'portal_http_requests_total{method="GET",status="200",view="ops:healthz"}' in text


def test_metrics_are_refused_to_another_address_without_the_token(from_elsewhere, settings):
    settings.METRICS_TOKEN = "scrape-token-0123456789"
    assert from_elsewhere.get("/metrics").status_code == 403
    assert from_elsewhere.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong-token").status_code == 403


def test_metrics_without_a_configured_token_refuse_any_bearer(from_elsewhere, settings):
    settings.METRICS_TOKEN = ""
    assert from_elsewhere.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 403


def test_metrics_are_served_anywhere_with_the_token(from_elsewhere, settings):
    settings.METRICS_TOKEN = "scrape-token-0123456789"
    response = from_elsewhere.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-token-0123456789")
    assert response.status_code == 200
    assert b"portal_requirements_open" in response.content


def test_metrics_relayed_by_a_local_proxy_are_refused(anonymous):
    # The proxy connects from 127.0.0.1, but the request came from outside.
    assert anonymous.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 403


def test_metrics_allow_a_configured_network(from_elsewhere, settings):
    import ipaddress

    settings.METRICS_ALLOWED_NETWORKS = [ipaddress.ip_network("10.20.0.0/16")]
    assert from_elsewhere.get("/metrics").status_code == 200


def test_request_series_are_labelled_by_route_name_never_by_path(anonymous, association_a):
    anonymous.get(f"/associations/{association_a.pk}/")
    text = anonymous.get("/metrics").content.decode()
    assert 'view="associations:detail"' in text
    assert f"/associations/{association_a.pk}" not in text


def test_portal_gauges_count_open_requirements_by_holder_and_waiting_emails(anonymous, member_a, settings):
    testing.make_requirement(by=member_a)
    settings.TASKS = {"default": {"BACKEND": "portal.ops.taskbackend.DatabaseBackend"}}
    send_email.enqueue(subject="s", body="b", to=["someone@example.in"])
    text = anonymous.get("/metrics").content.decode()
    assert 'portal_requirements_open{holder="association"} 1.0' in text
    assert 'portal_requirements_open{holder="provider"} 0.0' in text
    assert "portal_emails_waiting 1.0" in text
    assert 'portal_tasks_queued{task="portal.core.tasks.send_email"} 1.0' in text
