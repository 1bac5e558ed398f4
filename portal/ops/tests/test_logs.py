import json
import re

from django.core.management import call_command
from django.test import Client

from portal import testing
from portal.core.tasks import send_email
from portal.ops.context import request_id_var


def _requests(lines):
    return [entry for entry in map(json.loads, lines) if entry["logger"] == "portal.request"]


def test_every_request_writes_one_json_line_with_its_id(client_for, member_a, log_lines):
    response = client_for(member_a).get("/me/")
    request_id = response["X-Request-ID"]
    entries = [entry for entry in _requests(log_lines()) if entry["request_id"] == request_id]
    assert len(entries) == 1
    entry = entries[0]
    assert entry["level"] == "INFO"
    assert entry["user_id"] == member_a.pk
    assert entry["view"] == response.resolver_match.view_name
    assert entry["method"] == "GET"
    assert entry["status"] == response.status_code
    assert entry["duration_ms"] >= 0
    assert entry["queries"] > 0
    assert re.match(r"^\d{4}-\d\d-\d\dT", entry["time"])


def test_a_proxys_request_id_is_kept_and_a_malformed_one_replaced(anonymous):
    assert anonymous.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a9c21-0001")["X-Request-ID"] == "lb-7f3a9c21-0001"
    replaced = anonymous.get("/healthz", HTTP_X_REQUEST_ID="bad id\n{json}")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", replaced)


def test_a_queued_task_logs_the_id_of_the_request_that_enqueued_it(transactional_db, database_queue, log_lines):
    token = request_id_var.set("req-from-the-web-01")
    try:
        send_email.enqueue(subject="Welcome", body="Hello", to=["someone@example.in"])
    finally:
        request_id_var.reset(token)

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    tasks = [entry for entry in map(json.loads, log_lines()) if entry["logger"] == "portal.tasks"]
    assert len(tasks) == 1
    assert tasks[0]["request_id"] == "req-from-the-web-01"
    assert tasks[0]["task"] == "portal.core.tasks.send_email"
    assert tasks[0]["status"] == "SUCCESSFUL"
    assert tasks[0]["queries"] >= 0
    assert "someone@example.in" not in json.dumps(tasks)


def test_logs_carry_no_personal_data(db, member_a, log_lines):
    member_a.phone = "+919876543210"
    member_a.save(update_fields=["phone"])
    client = Client()
    # A failed log-in, a real one, then some pages.
    client.post("/accounts/login/", {"login": member_a.email, "password": "not-the-password"})
    response = client.post("/accounts/login/", {"login": member_a.email, "password": testing.PASSWORD})
    assert response.status_code == 302
    for path in ["/me/", "/notifications/", "/desk/", "/associations/?q=member-a%40example.in"]:
        client.get(path)

    text = "\n".join(log_lines())
    assert len(_requests(log_lines())) >= 6
    assert member_a.email not in text
    assert "member-a%40example.in" not in text
    assert "9876543210" not in text
    assert "Member A" not in text
    assert "@" not in text
