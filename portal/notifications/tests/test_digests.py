"""Daily and weekly digests, with frozen time: one email per person, each item once, nothing empty."""

import time_machine
from django.core import mail
from django.core.management import call_command

from portal import testing
from portal.notifications import services
from portal.notifications.models import Frequency, Notification

# 23 November 2026 is a Monday; weekly digests go out on Mondays by default (NOTIFICATION_WEEKLY_DIGEST_WEEKDAY=0).
SUNDAY_EVENING = "2026-11-22 18:00 +05:30"
MONDAY_MORNING = "2026-11-23 07:00 +05:30"
TUESDAY_MORNING = "2026-11-24 07:00 +05:30"


def _user(frequency, group="desk"):
    user = testing.make_user()
    services.preference_set(user=user, group=group, frequency=frequency, by=user)
    return user


def _notify(capture, user, title, kind="desk.assigned"):
    with capture(execute=True):
        services.notify(users=[user], kind=kind, title=title, link="/desk/7/")


def test_the_daily_digest_sends_yesterdays_items_once_in_one_email(db, django_capture_on_commit_callbacks):
    user = _user(Frequency.DAILY)
    with time_machine.travel(SUNDAY_EVENING, tick=False):
        _notify(django_capture_on_commit_callbacks, user, "First thing")
        _notify(django_capture_on_commit_callbacks, user, "Second thing", kind="updates.news")
    services.preference_set(user=user, group="updates", frequency=Frequency.DAILY, by=user)
    with time_machine.travel(SUNDAY_EVENING, tick=False):
        _notify(django_capture_on_commit_callbacks, user, "Third thing", kind="updates.news")
    assert len(mail.outbox) == 1  # "Second thing" went at once: updates were still "immediately" then
    mail.outbox.clear()

    with time_machine.travel(MONDAY_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_digests() == {"daily": 1, "weekly": 0}
    (digest,) = mail.outbox
    assert digest.to == [user.email]
    assert digest.subject == "[DIA Portal] Your daily digest: 2 notifications"
    assert "First thing" in digest.body and "Third thing" in digest.body and "Second thing" not in digest.body
    assert "Requirements" in digest.body and "Updates and opportunities" in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not Notification.objects.exclude(digest="").exists()

    with time_machine.travel(TUESDAY_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_digests() == {"daily": 0, "weekly": 0}
    assert len(mail.outbox) == 1


def test_the_weekly_digest_waits_for_the_configured_weekday(db, settings, django_capture_on_commit_callbacks):
    user = _user(Frequency.WEEKLY)
    with time_machine.travel("2026-11-17 10:00 +05:30", tick=False):  # a Tuesday
        _notify(django_capture_on_commit_callbacks, user, "Tender closing soon")

    for day in ("2026-11-18", "2026-11-20", "2026-11-22"):
        with time_machine.travel(f"{day} 07:00 +05:30", tick=False), django_capture_on_commit_callbacks(execute=True):
            assert services.send_due_digests()["weekly"] == 0
    assert mail.outbox == []

    with time_machine.travel(MONDAY_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_digests()["weekly"] == 1
    assert mail.outbox[0].subject == "[DIA Portal] Your weekly digest: 1 notification"
    assert "Tender closing soon" in mail.outbox[0].body

    with time_machine.travel(MONDAY_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_digests()["weekly"] == 0
    assert len(mail.outbox) == 1

    settings.NOTIFICATION_WEEKLY_DIGEST_WEEKDAY = 1
    with time_machine.travel(MONDAY_MORNING, tick=False):
        _notify(django_capture_on_commit_callbacks, user, "Another")
        with django_capture_on_commit_callbacks(execute=True):
            assert services.send_due_digests()["weekly"] == 0  # Monday is no longer the weekly day
    with time_machine.travel(TUESDAY_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_digests()["weekly"] == 1


def test_empty_digests_are_not_sent(db, django_capture_on_commit_callbacks):
    _user(Frequency.DAILY)
    reader = _user(Frequency.DAILY)
    with time_machine.travel(SUNDAY_EVENING, tick=False):
        _notify(django_capture_on_commit_callbacks, reader, "Already seen")
    Notification.objects.filter(user=reader).update(read_at="2026-11-22T13:00:00Z")

    with time_machine.travel(MONDAY_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_digests() == {"daily": 0, "weekly": 0}

    assert mail.outbox == []
    notification = Notification.objects.get(user=reader)
    assert (notification.digest, notification.emailed_at) == ("", None)


def test_items_of_a_group_set_to_never_after_queuing_are_dropped_from_the_digest(
    db, django_capture_on_commit_callbacks
):
    user = _user(Frequency.DAILY)
    with time_machine.travel(SUNDAY_EVENING, tick=False):
        _notify(django_capture_on_commit_callbacks, user, "Was wanted")
    services.preference_set(user=user, group="desk", frequency=Frequency.NEVER, by=user)

    with time_machine.travel(MONDAY_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_digests()["daily"] == 0
    assert mail.outbox == []


def test_each_person_gets_their_own_digest(db, django_capture_on_commit_callbacks):
    first, second = _user(Frequency.DAILY), _user(Frequency.DAILY)
    with time_machine.travel(SUNDAY_EVENING, tick=False):
        _notify(django_capture_on_commit_callbacks, first, "For the first")
        _notify(django_capture_on_commit_callbacks, second, "For the second")

    with time_machine.travel(MONDAY_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        services.send_due_digests()

    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "For the first" in bodies[first.email] and "For the second" not in bodies[first.email]
    assert "For the second" in bodies[second.email]


def test_the_send_digests_command_sends_and_reports(db, django_capture_on_commit_callbacks, capsys):
    user = _user(Frequency.WEEKLY)
    with time_machine.travel("2026-11-24 10:00 +05:30", tick=False):
        _notify(django_capture_on_commit_callbacks, user, "Weekly item")

    with time_machine.travel("2026-11-25 07:00 +05:30", tick=False), django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")
        call_command("send_digests", "--weekly")

    out = capsys.readouterr().out
    assert "weekly digests sent: 0." in out and "weekly digests sent: 1." in out
    assert len(mail.outbox) == 1
