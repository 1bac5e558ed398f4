"""SIDBI staff and platform admins are logged out after 30 idle minutes and 12 hours in all; members are not."""

import pytest

from portal.core.models import AuditLog

DASHBOARD = "/me/"


@pytest.fixture
def at(time_machine):
    def move(when: str):
        time_machine.move_to(f"2026-12-04 {when}+05:30", tick=False)

    move("09:00:00")
    return move


def test_officer_idle_for_31_minutes_is_logged_out_with_a_message(at, client_for, officer):
    client = client_for(officer)
    assert client.get(DASHBOARD).status_code == 200

    at("09:31:00")
    response = client.get(DASHBOARD, follow=True)

    assert response.redirect_chain[0][0].startswith("/accounts/login/")
    assert "after 30 minutes without activity" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditLog.objects.filter(action="security.session_timeout", actor=officer).exists()


def test_officer_active_every_20_minutes_stays_until_the_12_hour_limit(at, client_for, officer):
    client = client_for(officer)
    for hour in range(9, 21):
        for minute in ("00", "20", "40"):
            at(f"{hour:02d}:{minute}:00")
            assert client.get(DASHBOARD).status_code == 200, (hour, minute)

    at("21:00:01")

    assert client.get(DASHBOARD).status_code == 302


def test_platform_admin_times_out_too(at, client_for, platform_admin):
    client = client_for(platform_admin)
    at("09:45:00")
    assert client.get(DASHBOARD).status_code == 302


def test_a_member_keeps_the_usual_session(at, client_for, member_a):
    client = client_for(member_a)
    at("23:59:00")
    assert client.get(DASHBOARD).status_code == 200
