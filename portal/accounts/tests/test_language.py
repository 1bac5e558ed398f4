"""The language switcher, the remembered choice and the profile's language (issue #12)."""

import pytest
from django.test import Client
from django.urls import reverse

from portal import testing
from portal.core.audit import AuditLog

TAMIL = {"Change language": "மொழியை மாற்று", "Log in": "உள்நுழை"}


@pytest.fixture
def tamil(settings, tmp_path):
    testing.install_test_catalogue(settings, tmp_path, "ta", TAMIL)


def test_switcher_lists_every_language_in_its_own_script(client, db):
    html = client.get(reverse("account_login")).content.decode()
    assert f'action="{reverse("set_language")}"' in html
    for code, name in [("hi", "हिन्दी"), ("as", "অসমীয়া"), ("pa", "ਪੰਜਾਬੀ"), ("ta", "தமிழ்"), ("or", "ଓଡ଼ିଆ")]:
        assert f'<option value="{code}" lang="{code}">{name}</option>' in html
    # Works without JavaScript: a real submit button.
    assert 'type="submit">Change language</button>' in html


def test_switcher_is_on_the_sign_up_page_and_the_dashboard(client, member_a):
    assert 'id="language-switcher"' in client.get(reverse("account_signup")).content.decode()
    client.force_login(member_a)
    assert 'id="language-switcher"' in client.get(reverse("accounts:dashboard")).content.decode()


def test_first_visit_follows_the_browser(client, db, tamil):
    response = client.get(reverse("account_login"), headers={"accept-language": "ta-IN,ta;q=0.9,en;q=0.5"})
    html = response.content.decode()
    assert '<html lang="ta">' in html
    assert "மொழியை மாற்று" in html
    assert response["Content-Language"] == "ta"


def test_unsupported_browser_language_gets_english(client, db):
    response = client.get(reverse("account_login"), headers={"accept-language": "fr-FR"})
    assert '<html lang="en">' in response.content.decode()


def test_visitor_choice_is_remembered_in_a_cookie(client, db, tamil, settings):
    response = client.post(reverse("set_language"), {"language": "ta", "next": "/accounts/login/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ta"
    # Later pages follow the choice whatever the browser says.
    html = client.get(reverse("account_login"), headers={"accept-language": "hi"}).content.decode()
    assert '<html lang="ta">' in html and "மொழியை மாற்று" in html


def test_switcher_refuses_an_unknown_language(client, member_a):
    client.force_login(member_a)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    member_a.refresh_from_db()
    assert member_a.language == ""


def test_switcher_needs_post(client, db):
    assert client.get(reverse("set_language"), {"language": "ta"}).status_code == 405


def test_logged_in_choice_is_saved_on_the_profile_and_follows_to_another_device(member_a, tamil):
    phone, laptop = Client(), Client()
    phone.force_login(member_a)
    phone.post(reverse("set_language"), {"language": "ta", "next": "/"})
    member_a.refresh_from_db()
    assert member_a.language == "ta"
    assert AuditLog.objects.filter(action="accounts.language_set", actor=member_a).exists()
    # A second device with no cookie and an English browser still gets Tamil.
    laptop.force_login(member_a)
    html = laptop.get(reverse("accounts:dashboard"), headers={"accept-language": "en"}).content.decode()
    assert '<html lang="ta">' in html and "மொழியை மாற்று" in html


def test_profile_language_beats_an_old_cookie(client, member_a, tamil, settings):
    member_a.language = "ta"
    member_a.save(update_fields=["language"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    client.force_login(member_a)
    assert '<html lang="ta">' in client.get(reverse("accounts:dashboard")).content.decode()


def test_a_visitors_choice_is_kept_on_the_profile_at_log_in(client, member_a):
    client.post(reverse("set_language"), {"language": "bn", "next": "/"})
    client.post(reverse("account_login"), {"login": member_a.email, "password": testing.PASSWORD})
    member_a.refresh_from_db()
    assert member_a.language == "bn"
