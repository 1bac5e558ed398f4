"""Password guessing is cut off: 5 failures for one account lock it for 5 minutes; 20 a minute from one address."""

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


def test_the_lock_ends_when_the_five_minute_window_has_passed(anonymous, member_a, later):
    fail(anonymous, member_a.email, 5)
    later(4 * 60)
    assert errors(attempt(anonymous, member_a.email, testing.PASSWORD)) == [LOCKED]

    later(5 * 60 + 1)

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
