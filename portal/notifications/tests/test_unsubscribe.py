"""One-click unsubscribe from an email: a signed token, no log-in; a tampered or old link changes nothing."""

import time_machine
from django.core import mail

from portal import testing
from portal.notifications import services
from portal.notifications.models import Frequency, NotificationPreference


def _url(user, groups=("desk",)):
    return services.unsubscribe_url(user, groups).removeprefix("http://127.0.0.1:8000")


def _frequency(user, group="desk"):
    return services.preferences_of(user)[group].frequency


def test_the_link_in_an_email_unsubscribes_without_signing_in(db, anonymous, django_capture_on_commit_callbacks):
    user = testing.make_user()
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(users=[user], kind="desk.new", title="New requirement")
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = link.split("8000", 1)[1]

    page = anonymous.get(path)
    assert page.status_code == 200
    assert b"Stop these emails?" in page.content and b"Requirements" in page.content
    assert _frequency(user) == Frequency.IMMEDIATELY  # GET alone changes nothing

    done = anonymous.post(path)
    assert done.status_code == 200 and b"You are unsubscribed" in done.content
    assert _frequency(user) == Frequency.NEVER
    assert _frequency(user, "updates") == Frequency.IMMEDIATELY


def test_rfc_8058_one_click_post_from_a_mail_client_works_without_a_csrf_token(db):
    from django.test import Client

    user = testing.make_user()
    response = Client(enforce_csrf_checks=True).post(_url(user), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert _frequency(user) == Frequency.NEVER


def test_a_digest_link_unsubscribes_every_group_in_the_digest(db, anonymous):
    user = testing.make_user()
    services.preference_set(user=user, group="updates", frequency=Frequency.WEEKLY, sms=True, by=user)

    anonymous.post(_url(user, ["desk", "updates"]))

    assert _frequency(user) == Frequency.NEVER and _frequency(user, "updates") == Frequency.NEVER
    assert NotificationPreference.objects.get(user=user, group="updates").sms is True


def test_a_tampered_token_does_nothing_and_says_so(db, anonymous):
    user = testing.make_user()
    url = _url(user)
    tampered = url[:-3] + ("AAA" if not url.endswith("AAA/") else "BBB") + "/"

    for response in (
        anonymous.get(tampered),
        anonymous.post(tampered),
        anonymous.post("/notifications/unsubscribe/x/"),
    ):
        assert response.status_code == 400
        assert b"This unsubscribe link does not work" in response.content
        assert b"Nothing was changed" in response.content
    assert not NotificationPreference.objects.exists()


def test_a_token_signed_for_another_purpose_is_refused(db, anonymous):
    from django.core import signing

    user = testing.make_user()
    forged = signing.dumps({"u": user.pk, "g": ["desk"]}, salt="something-else", compress=True)

    assert anonymous.post(f"/notifications/unsubscribe/{forged}/").status_code == 400
    assert not NotificationPreference.objects.exists()


def test_an_expired_token_does_nothing_and_says_it_expired(db, anonymous, settings):
    settings.NOTIFICATION_UNSUBSCRIBE_MAX_AGE_DAYS = 30
    user = testing.make_user()
    with time_machine.travel("2026-01-01 10:00 +05:30", tick=False):
        url = _url(user)

    with time_machine.travel("2026-03-01 10:00 +05:30", tick=False):
        response = anonymous.post(url)

    assert response.status_code == 400 and b"The link has expired" in response.content
    assert _frequency(user) == Frequency.IMMEDIATELY


def test_a_token_for_a_deactivated_user_is_refused(db, anonymous):
    user = testing.make_user()
    url = _url(user)
    user.is_active = False
    user.save()

    assert anonymous.post(url).status_code == 400
