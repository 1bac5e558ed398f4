"""Django admin must not become a way around two-factor log-in."""

from portal import testing


def test_admin_login_form_does_not_log_in_staff_with_a_password_alone(platform_admin, anonymous):
    response = anonymous.post(
        "/admin/login/?next=/admin/", {"username": platform_admin.email, "password": testing.PASSWORD}
    )
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert "_auth_user_id" not in anonymous.session
    assert anonymous.get("/admin/").status_code == 302


def test_logged_in_non_staff_user_is_refused_the_admin(client_for, member_a):
    client = client_for(member_a)
    assert client.get("/admin/login/").status_code == 403
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert b"Site administration" not in response.content


def test_platform_admin_who_passed_two_factor_opens_the_admin(client_for, platform_admin):
    response = client_for(platform_admin).get("/admin/")
    assert response.status_code == 200
    assert b"DIA Portal administration" in response.content
