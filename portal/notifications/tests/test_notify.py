"""notify() always notifies in the portal, and emails or texts each person as they chose."""

import pytest
from django.core import mail

from portal import testing
from portal.notifications import services
from portal.notifications.channels import ConsoleChannel, TextChannel, text_channel
from portal.notifications.kinds import group_of
from portal.notifications.models import Frequency, Notification, NotificationPreference


@pytest.fixture
def person(db):
    return testing.make_user("person@example.in", phone="+919800000001")


def _notify(capture, users, kind="desk.assigned", **extra):
    with capture(execute=True):
        return services.notify(users=users, kind=kind, title="A requirement for you", link="/desk/1/", **extra)


def test_kinds_fall_into_the_groups_of_the_registry_and_unknown_kinds_into_other():
    assert group_of("desk.assigned") == "desk"
    assert group_of("pooled_demand_opened") == "pooling"
    assert group_of("updates.circular") == "updates"
    assert group_of("research.study") == "research"
    assert group_of("provider.to_review") == "providers"
    assert group_of("something.new") == "other"


def test_with_no_preference_a_person_is_emailed_at_once_with_an_unsubscribe_header(
    person, django_capture_on_commit_callbacks
):
    assert _notify(django_capture_on_commit_callbacks, [person]) == 1

    notification = Notification.objects.get(user=person)
    assert notification.emailed_at is not None and notification.digest == ""
    (message,) = mail.outbox
    assert message.to == [person.email]
    assert message.subject == "[DIA Portal] A requirement for you"
    assert "/desk/1/" in message.body and "/notifications/unsubscribe/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_daily_or_weekly_choice_keeps_the_email_for_the_digest(person, django_capture_on_commit_callbacks):
    services.preference_set(user=person, group="desk", frequency=Frequency.DAILY, by=person)
    services.preference_set(user=person, group="updates", frequency=Frequency.WEEKLY, by=person)

    _notify(django_capture_on_commit_callbacks, [person])
    _notify(django_capture_on_commit_callbacks, [person], kind="updates.news")

    assert mail.outbox == []
    assert dict(Notification.objects.values_list("kind", "digest")) == {
        "desk.assigned": "daily",
        "updates.news": "weekly",
    }
    assert not Notification.objects.filter(emailed_at__isnull=False).exists()


def test_never_sends_no_email_but_still_shows_it_in_the_portal(person, django_capture_on_commit_callbacks):
    services.preference_set(user=person, group="desk", frequency=Frequency.NEVER, by=person)

    _notify(django_capture_on_commit_callbacks, [person])

    assert mail.outbox == []
    notification = Notification.objects.get(user=person)
    assert (notification.digest, notification.emailed_at) == ("", None)


def test_a_preference_for_one_group_does_not_change_another(person, django_capture_on_commit_callbacks):
    services.preference_set(user=person, group="updates", frequency=Frequency.NEVER, by=person)

    _notify(django_capture_on_commit_callbacks, [person])

    assert len(mail.outbox) == 1


def test_email_off_sends_nothing_and_queues_nothing_for_a_digest(person, django_capture_on_commit_callbacks):
    services.preference_set(user=person, group="desk", frequency=Frequency.DAILY, email=False, by=person)

    _notify(django_capture_on_commit_callbacks, [person])

    assert mail.outbox == []
    assert Notification.objects.get(user=person).digest == ""


def test_email_false_from_the_caller_keeps_it_in_the_portal_only(person, django_capture_on_commit_callbacks):
    _notify(django_capture_on_commit_callbacks, [person], email=False)

    assert mail.outbox == []
    assert Notification.objects.filter(user=person, emailed_at__isnull=True, digest="").count() == 1


def test_sms_goes_through_the_console_channel_only_when_chosen_and_immediate(
    person, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(ConsoleChannel, "sent", [])
    other = testing.make_user(phone="+919800000002")
    services.preference_set(user=person, group="desk", frequency=Frequency.IMMEDIATELY, sms=True, by=person)

    _notify(django_capture_on_commit_callbacks, [person, other])

    assert [to for to, _text in ConsoleChannel.sent] == ["+919800000001"]
    assert "A requirement for you" in ConsoleChannel.sent[0][1]
    assert len(mail.outbox) == 2


class Recorder(TextChannel):
    """A stand-in gateway."""

    sent: list = []  # noqa: RUF012

    def send(self, *, to, text):
        Recorder.sent.append(to)


def test_the_text_channel_is_chosen_by_setting(settings, person, django_capture_on_commit_callbacks):
    assert isinstance(text_channel(), ConsoleChannel)
    settings.NOTIFICATION_SMS_CHANNEL = "portal.notifications.tests.test_notify.Recorder"
    services.preference_set(user=person, group="desk", frequency=Frequency.IMMEDIATELY, sms=True, by=person)

    _notify(django_capture_on_commit_callbacks, [person])

    assert Recorder.sent == ["+919800000001"]


def test_inactive_and_repeated_users_are_notified_once_or_not_at_all(person, django_capture_on_commit_callbacks):
    gone = testing.make_user(is_active=False)

    assert _notify(django_capture_on_commit_callbacks, [person, person, gone, None]) == 1
    assert Notification.objects.count() == 1


def test_nothing_is_emailed_when_the_change_rolls_back(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notify(users=[person], kind="desk.new", title="Draft")

    assert len(callbacks) == 1 and mail.outbox == []


def test_notify_reads_preferences_in_one_query_whatever_the_audience(
    db, django_assert_num_queries, django_capture_on_commit_callbacks
):
    people = [testing.make_user() for _ in range(5)]
    services.preference_set(user=people[0], group="desk", frequency=Frequency.DAILY, by=people[0])

    with django_assert_num_queries(2):  # preferences, bulk insert
        services.notify(users=people, kind="desk.new", title="New")


def test_saving_the_default_choice_stores_no_row_and_an_unknown_group_is_refused(person):
    assert services.preference_set(user=person, group="desk", frequency=Frequency.IMMEDIATELY, by=person) is False
    assert not NotificationPreference.objects.exists()
    with pytest.raises(ValueError):
        services.preference_set(user=person, group="nonsense", frequency=Frequency.DAILY, by=person)
    with pytest.raises(ValueError):
        services.preference_set(user=person, group="desk", frequency="hourly", by=person)
