"""Sign-up with email and password, mandatory email verification, log-in and log-out (django-allauth at /accounts/)."""

import re

from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from portal import testing
from portal.accounts.models import User

NEW_EMAIL = "lakshmi@knitworks.example.in"
NEW_PASSWORD = "Tiruppur-Knit-2026"


def sign_up(client: Client, email: str = NEW_EMAIL, password: str = NEW_PASSWORD):
    fields = {"email": email, "password1": password, "password2": password}
    return client.post("/accounts/signup/", {**fields, "full_name": "Lakshmi Narayanan", "consent_account": "on"})


def log_in(client: Client, email: str, password: str = NEW_PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


def confirmation_link(message) -> str:
    match = re.search(r"http://testserver(/accounts/confirm-email/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_sign_up_creates_an_unverified_account_and_emails_a_confirmation_link(anonymous):
    response = sign_up(anonymous, email="Lakshmi@KnitWorks.example.in")

    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    user = User.objects.get()
    assert user.email == NEW_EMAIL
    assert user.check_password(NEW_PASSWORD)
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [NEW_EMAIL]
    assert message.subject.startswith("[DIA Portal] ")
    assert confirmation_link(message)


def test_confirmation_email_names_the_site_instead_of_leaving_blanks(anonymous):
    sign_up(anonymous)

    body = mail.outbox[0].body
    assert "Hello from testserver!" in body
    assert "register an account on testserver." in body
    assert "from !" not in body and " on ." not in body


def test_unverified_user_is_sent_to_the_verification_page_not_the_dashboard(anonymous):
    sign_up(anonymous)
    browser = Client()

    response = log_in(browser, NEW_EMAIL)

    assert response.url == "/accounts/confirm-email/"
    assert "_auth_user_id" not in browser.session
    assert browser.get("/me/").url == "/accounts/login/?next=/me/"


def test_following_the_confirmation_link_lets_the_user_log_in_to_the_dashboard(anonymous):
    sign_up(anonymous)
    link = confirmation_link(mail.outbox[0])
    browser = Client()  # the link is often opened in another browser, e.g. on the phone

    assert browser.get(link).status_code == 200  # a page with a button: mail scanners that fetch links confirm nothing
    assert not EmailAddress.objects.get(email=NEW_EMAIL).verified
    browser.post(link)
    assert EmailAddress.objects.get(email=NEW_EMAIL).verified

    response = log_in(browser, "LAKSHMI@knitworks.example.in")

    assert response.url == "/me/"
    dashboard = browser.get("/me/")
    assert dashboard.status_code == 200
    assert dashboard.context["user"].email == NEW_EMAIL


def test_a_made_up_confirmation_link_verifies_nothing(anonymous):
    sign_up(anonymous)

    bogus = "/accounts/confirm-email/MQ:1abcde:not-a-real-signature/"

    assert "expired or is invalid" in anonymous.get(bogus).content.decode()
    assert anonymous.post(bogus).status_code == 404
    assert not EmailAddress.objects.filter(verified=True).exists()


def test_signing_up_with_a_taken_email_does_not_create_a_second_account_or_reveal_it(anonymous, member_a):
    response = sign_up(anonymous, email=member_a.email)

    assert response.url == "/accounts/confirm-email/"  # same answer as for a new address
    assert User.objects.filter(email=member_a.email).count() == 1
    member_a.refresh_from_db()
    assert member_a.check_password(testing.PASSWORD)
    assert mail.outbox[-1].to == [member_a.email]
    assert "already exists" in mail.outbox[-1].body


def test_a_weak_password_is_refused_with_the_reason_next_to_the_field(anonymous):
    response = sign_up(anonymous, password="password1")

    assert response.status_code == 200
    errors = response.context["form"].errors["password1"]
    assert "This password is too short. It must contain at least 10 characters." in errors
    assert "This password is too common." in errors
    assert not User.objects.exists()
    assert not mail.outbox


def test_verified_member_logs_in_with_email_and_password_and_reaches_the_dashboard(anonymous, member_a):
    response = log_in(anonymous, member_a.email, testing.PASSWORD)

    assert response.url == "/me/"
    assert anonymous.get("/me/").context["user"] == member_a


def test_wrong_password_is_refused_without_saying_whether_the_email_exists(anonymous, member_a):
    wrong_password = log_in(anonymous, member_a.email, "Not-The-Password-1")
    unknown_email = log_in(Client(), "nobody@example.in", "Not-The-Password-1")

    for response in (wrong_password, unknown_email):
        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == [
            "The email address and/or password you specified are not correct."
        ]
    assert "_auth_user_id" not in anonymous.session


def test_inactive_user_cannot_log_in(anonymous, member_a):
    member_a.is_active = False
    member_a.save(update_fields=["is_active"])

    response = log_in(anonymous, member_a.email, testing.PASSWORD)

    assert response.url == "/accounts/inactive/"
    assert "_auth_user_id" not in anonymous.session
    assert anonymous.get("/me/").url == "/accounts/login/?next=/me/"


def test_log_out_ends_the_session(client_for, member_a):
    client = client_for(member_a)

    response = client.post("/accounts/logout/")

    assert response.url == "/"
    assert "_auth_user_id" not in client.session
    assert client.get("/me/").url == "/accounts/login/?next=/me/"
