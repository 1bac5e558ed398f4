"""Forgotten password: an emailed, single-use link sets a new password that then works for log-in."""

import re

from django.core import mail
from django.test import Client

from portal import testing

NEW_PASSWORD = "Ludhiana-Fasteners-77"


def request_reset(client: Client, email: str):
    return client.post("/accounts/password/reset/", {"email": email})


def reset_link(message) -> str:
    match = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def set_new_password(client: Client, link: str, password: str = NEW_PASSWORD):
    """Open the emailed link (allauth moves the key into the session and redirects), then post the form."""
    opened = client.get(link, follow=True)
    form_url = opened.redirect_chain[-1][0] if opened.redirect_chain else link
    return client.post(form_url, {"password1": password, "password2": password})


def log_in(email: str, password: str):
    client = Client()
    response = client.post("/accounts/login/", {"login": email, "password": password})
    return client, response


def test_asking_for_a_reset_emails_a_link_to_the_address(anonymous, member_a):
    response = request_reset(anonymous, member_a.email.upper())

    assert response.url == "/accounts/password/reset/done/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member_a.email]
    assert mail.outbox[0].subject == "[DIA Portal] Password Reset Email"
    assert reset_link(mail.outbox[0])


def test_the_link_sets_a_new_password_that_works_and_the_old_one_stops_working(anonymous, member_a):
    request_reset(anonymous, member_a.email)

    response = set_new_password(Client(), reset_link(mail.outbox[0]))

    assert response.status_code == 302
    assert response.url == "/accounts/password/reset/key/done/"
    client, logged_in = log_in(member_a.email, NEW_PASSWORD)
    assert logged_in.url == "/me/"
    assert client.get("/me/").context["user"] == member_a
    _client, refused = log_in(member_a.email, testing.PASSWORD)
    assert refused.status_code == 200
    assert "_auth_user_id" not in _client.session


def test_a_reset_link_works_only_once(anonymous, member_a):
    request_reset(anonymous, member_a.email)
    link = reset_link(mail.outbox[0])
    set_new_password(Client(), link)

    second = set_new_password(Client(), link, password="Someone-Else-Took-It-9")

    assert second.status_code == 200
    assert "The password reset link was invalid" in second.content.decode()
    _client, response = log_in(member_a.email, NEW_PASSWORD)
    assert response.url == "/me/"


def test_a_weak_new_password_is_refused_and_the_old_one_still_works(anonymous, member_a):
    request_reset(anonymous, member_a.email)

    response = set_new_password(Client(), reset_link(mail.outbox[0]), password="12345678")

    assert response.status_code == 200
    assert "This password is entirely numeric." in response.context["form"].errors["password1"]
    member_a.refresh_from_db()
    assert member_a.check_password(testing.PASSWORD)


def test_a_reset_for_an_unknown_address_sends_no_link_and_looks_the_same(anonymous, member_a):
    response = request_reset(anonymous, "stranger@example.in")

    assert response.url == "/accounts/password/reset/done/"  # same page: nobody learns who has an account
    assert all("/accounts/password/reset/key/" not in message.body for message in mail.outbox)
