"""Two-factor log-in (TOTP) for SIDBI staff and platform admins; plain members are never asked for a code."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client

from portal import testing
from portal.accounts.models import SidbiRole

ACTIVATE = "/accounts/2fa/totp/activate/"
AUTHENTICATE = "/accounts/2fa/authenticate/"


def current_code(secret: str, *, step: int = 0) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


def log_in_with_password(user) -> tuple[Client, object]:
    client = Client()
    response = client.post("/accounts/login/", {"login": user.email, "password": testing.PASSWORD})
    return client, response


def is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# --- Staff without an authenticator must set one up first ----------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"sidbi_role": SidbiRole.OFFICER},
        {"sidbi_role": SidbiRole.AUTHORITY},
        {"sidbi_role": SidbiRole.CLUSTER_EXPERT},
        {"is_staff": True, "is_superuser": True},
    ],
    ids=["officer", "authority", "cluster-expert", "platform-admin"],
)
@pytest.mark.parametrize("page", ["/me/", "/associations/", "/", "/admin/"])
def test_staff_without_an_authenticator_is_sent_to_totp_set_up_from_any_page(client_for, fields, page):
    officer = testing.make_user("new-officer@sidbi.example.in", **fields)

    response = client_for(officer).get(page)

    assert response.status_code == 302
    assert response.url == f"{ACTIVATE}?next={page}"


def test_staff_without_an_authenticator_can_still_reach_account_pages_and_log_out(client_for, db):
    officer = testing.make_user("new-officer@sidbi.example.in", sidbi_role=SidbiRole.OFFICER)
    client = client_for(officer)

    assert client.get("/accounts/reauthenticate/").status_code == 200
    assert client.post("/accounts/logout/").url == "/"
    assert not is_logged_in(client)


def test_officer_sets_up_totp_after_confirming_the_password_and_then_reaches_the_dashboard(db):
    officer = testing.make_user("new-officer@sidbi.example.in", sidbi_role=SidbiRole.OFFICER)
    client, response = log_in_with_password(officer)
    assert client.get(response.url).url == f"{ACTIVATE}?next=/me/"

    # allauth asks for the password again before adding an authenticator.
    reauthenticate = client.get(f"{ACTIVATE}?next=/me/")
    assert reauthenticate.url.startswith("/accounts/reauthenticate/")
    client.post(reauthenticate.url, {"password": testing.PASSWORD})
    set_up = client.get(ACTIVATE)
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', set_up.content.decode()).group(1)

    assert (
        client.post(ACTIVATE, {"code": "000000" if current_code(secret) != "000000" else "111111"}).status_code == 200
    )
    assert not Authenticator.objects.filter(user=officer, type=Authenticator.Type.TOTP).exists()
    client.post(ACTIVATE, {"code": current_code(secret)})

    assert Authenticator.objects.filter(user=officer, type=Authenticator.Type.TOTP).exists()
    assert client.get("/me/").status_code == 200


# --- Staff with an authenticator are asked for the code at every log-in ------------------------------------------


def test_officer_with_totp_is_asked_for_a_code_after_the_password_and_is_not_yet_logged_in(officer):
    client, response = log_in_with_password(officer)

    assert response.url == AUTHENTICATE
    assert not is_logged_in(client)
    assert client.get("/me/").url == "/accounts/login/?next=/me/"
    page = client.get(AUTHENTICATE)
    assert page.status_code == 200
    assert 'name="code"' in page.content.decode()


def test_the_right_code_completes_the_log_in_and_opens_the_dashboard(officer):
    client, _response = log_in_with_password(officer)

    response = client.post(AUTHENTICATE, {"code": current_code(officer.totp_secret)})

    assert response.url == "/me/"
    dashboard = client.get("/me/")
    assert dashboard.status_code == 200
    assert dashboard.context["user"] == officer


def test_a_code_from_the_previous_half_minute_is_still_accepted_for_clock_drift(officer):
    client, _response = log_in_with_password(officer)

    assert client.post(AUTHENTICATE, {"code": current_code(officer.totp_secret, step=-1)}).url == "/me/"


def test_a_wrong_code_is_refused_and_the_officer_stays_logged_out(officer):
    client, _response = log_in_with_password(officer)
    wrong = "000000" if current_code(officer.totp_secret) != "000000" else "111111"

    response = client.post(AUTHENTICATE, {"code": wrong})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["Incorrect code."]
    assert not is_logged_in(client)
    assert client.get("/me/").url == "/accounts/login/?next=/me/"


def test_a_code_from_an_hour_ago_is_refused(officer):
    client, _response = log_in_with_password(officer)

    response = client.post(AUTHENTICATE, {"code": current_code(officer.totp_secret, step=-120)})

    assert response.status_code == 200
    assert not is_logged_in(client)


def test_a_code_cannot_be_used_twice(officer):
    code = current_code(officer.totp_secret)
    first, _response = log_in_with_password(officer)
    assert first.post(AUTHENTICATE, {"code": code}).url == "/me/"

    second, _response = log_in_with_password(officer)
    response = second.post(AUTHENTICATE, {"code": code})

    assert response.status_code == 200
    assert not is_logged_in(second)


def test_the_code_page_without_a_password_first_logs_nobody_in(anonymous, officer):
    response = anonymous.post(AUTHENTICATE, {"code": current_code(officer.totp_secret)})

    assert response.status_code == 302
    assert not is_logged_in(anonymous)


@pytest.mark.parametrize("person", ["authority", "platform_admin"])
def test_authority_and_platform_admin_are_also_asked_for_a_code(request, person, db):
    user = request.getfixturevalue(person)
    client, response = log_in_with_password(user)

    assert response.url == AUTHENTICATE
    assert not is_logged_in(client)


# --- Everyone else ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["member_a", "bearer_a", "provider_user"])
def test_members_office_bearers_and_providers_are_never_asked_for_a_code(request, person, db):
    user = request.getfixturevalue(person)

    client, response = log_in_with_password(user)

    assert response.url == "/me/"
    assert client.get("/me/").status_code == 200
    assert client.get("/associations/").status_code == 200


def test_totp_set_up_keeps_the_whole_page_address_to_return_to(client_for, db):
    expert = testing.make_user("expert@example.in", sidbi_role=SidbiRole.CLUSTER_EXPERT)

    response = client_for(expert).get("/associations/?q=knit&state=TN")

    assert response.url == "/accounts/2fa/totp/activate/?next=/associations/%3Fq%3Dknit%26state%3DTN"
