"""Password guessing is cut off: 5 failures for one account lock it for 30 minutes; 20 a minute from one address."""

import time
from types import SimpleNamespace

import pytest
from django.test import Client

from portal import testing

LOCKED = "Too many failed login attempts. Try again later."
WRONG = "The email address and/or password you specified are not correct."


def attempt(client: Client, email: str, password: str):
    return client.post("/accounts/login/", {"login": email, "password": password})


def errors(response) -> list[str]:
    return list(response.context["form"].non_field_errors()) if response.context else []


def fail(client: Client, email: str, times: int) -> None:
    for n in range(times):
        response = attempt(client, email, f"Guess-number-{n}-wrong")
        assert errors(response) == [WRONG], n


@pytest.fixture
def later(monkeypatch):
    """Move allauth's rate-limit clock ``seconds`` ahead of now (the cache itself keeps real time)."""

    from allauth.core.internal import ratelimit

    def move(seconds: int) -> None:
        monkeypatch.setattr(
            ratelimit,
            "time",
            SimpleNamespace(time=lambda: time.time() + seconds, monotonic=time.monotonic, sleep=time.sleep),
        )

    return move


def test_after_five_failures_even_the_right_password_is_refused_with_a_message(anonymous, member_a):
    fail(anonymous, member_a.email, 5)

    response = attempt(anonymous, member_a.email, testing.PASSWORD)

    assert response.status_code == 200
    assert errors(response) == [LOCKED]
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in anonymous.session


def test_four_failures_do_not_lock_the_account(anonymous, member_a):
    fail(anonymous, member_a.email, 4)

    assert attempt(anonymous, member_a.email, testing.PASSWORD).url == "/me/"


def test_the_lock_holds_from_another_browser_and_whatever_the_case_of_the_email(anonymous, member_a):
    fail(anonymous, member_a.email.upper(), 5)

    response = attempt(Client(REMOTE_ADDR="203.0.113.9"), member_a.email, testing.PASSWORD)

    assert errors(response) == [LOCKED]


def test_locking_one_account_does_not_lock_another(anonymous, member_a, member_b):
    fail(anonymous, member_a.email, 5)

    assert attempt(Client(), member_b.email, testing.PASSWORD).url == "/me/"


def test_the_lock_ends_when_the_thirty_minute_window_has_passed(anonymous, member_a, later):
    fail(anonymous, member_a.email, 5)
    later(29 * 60)
    assert errors(attempt(anonymous, member_a.email, testing.PASSWORD)) == [LOCKED]

    later(30 * 60 + 1)

    assert attempt(anonymous, member_a.email, testing.PASSWORD).url == "/me/"


def test_one_address_guessing_across_many_accounts_is_cut_off_after_twenty_failures_a_minute(anonymous, member_a):
    for n in range(20):
        assert errors(attempt(anonymous, f"someone{n}@example.in", "Guess-1234-wrong")) == [WRONG]

    response = attempt(anonymous, member_a.email, testing.PASSWORD)

    assert errors(response) == [LOCKED]
    assert attempt(Client(REMOTE_ADDR="198.51.100.7"), member_a.email, testing.PASSWORD).url == "/me/"


def test_a_password_reset_lifts_the_lock(anonymous, member_a):
    import re

    from django.core import mail

    fail(anonymous, member_a.email, 5)
    anonymous.post("/accounts/password/reset/", {"email": member_a.email})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[-1].body).group(1)
    browser = Client()
    form_url = browser.get(link, follow=True).redirect_chain[-1][0]
    browser.post(form_url, {"password1": "Brand-New-Secret-42", "password2": "Brand-New-Secret-42"})

    assert attempt(Client(), member_a.email, "Brand-New-Secret-42").url == "/me/"


def test_failures_and_the_lock_out_are_security_events_in_the_audit_log(anonymous, member_a):
    from portal.core.models import AuditLog

    fail(anonymous, member_a.email, 5)
    attempt(anonymous, member_a.email, testing.PASSWORD)

    assert AuditLog.objects.filter(action="security.login_failed").count() == 5
    assert AuditLog.objects.filter(action="security.lockout").count() == 1


def test_behind_the_proxy_one_address_guessing_does_not_lock_out_the_others(settings, member_a):
    """Everyone arrives from the proxy's address; only the trusted proxy's X-Forwarded-For tells them apart."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    guesser = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66")
    for n in range(20):
        assert errors(attempt(guesser, f"someone{n}@example.in", "Guess-1234-wrong")) == [WRONG]
    assert errors(attempt(guesser, member_a.email, testing.PASSWORD)) == [LOCKED]

    colleague = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert attempt(colleague, member_a.email, testing.PASSWORD).url == "/me/"


def test_two_password_reset_emails_an_hour_for_one_address(anonymous, member_a):
    from django.core import mail

    for _ in range(3):
        anonymous.post("/accounts/password/reset/", {"email": member_a.email})

    assert len(mail.outbox) == 2
