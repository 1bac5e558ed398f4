"""Django admin (/admin/) is for platform administrators only; everyone else is turned away, SIDBI officers included."""

import pytest

from portal.associations.models import Status

CHANGELIST = "/admin/associations/association/"


def test_platform_admin_opens_the_admin_and_the_association_list(client_for, platform_admin, association_a):
    client = client_for(platform_admin)

    index = client.get("/admin/")
    changelist = client.get(CHANGELIST)

    assert index.status_code == 200
    assert "DIA Portal administration" in index.content.decode()
    assert changelist.status_code == 200
    assert association_a.name in changelist.content.decode()


def test_platform_admin_sees_the_association_status_but_cannot_change_it_there(
    client_for, platform_admin, association_a
):
    client = client_for(platform_admin)

    change = client.get(f"{CHANGELIST}{association_a.pk}/change/")

    assert change.status_code == 200
    assert 'name="status"' not in change.content.decode()  # approvals go through the recorded review
    assert association_a.status == Status.APPROVED


@pytest.mark.parametrize("person", ["member_a", "bearer_a", "officer", "authority", "provider_user"])
@pytest.mark.parametrize("url", ["/admin/", CHANGELIST])
def test_people_who_are_not_platform_admins_are_sent_to_the_admin_log_in_and_refused_there(
    client_for, request, association_a, person, url
):
    client = client_for(request.getfixturevalue(person))

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"/admin/login/?next={url}"
    refused = client.get(response.url)
    assert refused.status_code == 403
    assert association_a.name not in refused.content.decode()


def test_a_member_cannot_post_changes_through_the_admin(client_for, member_a, association_a):
    client = client_for(member_a)

    response = client.post(f"{CHANGELIST}{association_a.pk}/change/", {"name": "Hijacked"})

    assert response.status_code == 302
    association_a.refresh_from_db()
    assert association_a.name == "Tiruppur Knitwear Association"


def test_anonymous_visitor_is_sent_to_the_portal_log_in_which_asks_for_two_factor(anonymous):
    response = anonymous.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/accounts/login/")


def add_user_in_admin(client, email: str):
    return client.post(
        "/admin/accounts/user/add/",
        {
            "email": email,
            "password1": "Correct-Horse-Battery-9",
            "password2": "Correct-Horse-Battery-9",
            "sidbi_role": "officer",
            "usable_password": "true",
        },
    )


def test_platform_admin_adds_a_sidbi_officer_whose_email_is_stored_in_lower_case(client_for, platform_admin):
    from portal.accounts.models import User

    response = add_user_in_admin(client_for(platform_admin), "New.Officer@SIDBI.example.in")

    assert response.status_code == 302
    officer = User.objects.get(email="new.officer@sidbi.example.in")
    assert officer.sidbi_role == "officer"
    assert officer.needs_two_factor


def test_admin_refuses_a_second_account_for_the_same_email_in_other_letter_case(client_for, platform_admin, member_a):
    from portal.accounts.models import User

    response = add_user_in_admin(client_for(platform_admin), member_a.email.upper())

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == ["User with this Email address already exists."]
    assert User.objects.filter(email__iexact=member_a.email).count() == 1
