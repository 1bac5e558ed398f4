"""Whatever the portal sends is in the recipient's language, not the sender's (issue #12)."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from portal import testing
from portal.core.i18n import Msg
from portal.desk.services import message_post
from portal.notifications import services
from portal.notifications.models import Frequency, Notification

TAMIL = {
    "New message on %(ref)s from %(who)s": "%(ref)s இல் %(who)s அனுப்பிய புதிய செய்தி",
    "Choose how you hear from the portal: %(settings)s\nUnsubscribe from these emails: %(url)s": (
        "அறிவிப்புகளை எப்படிப் பெறுவது: %(settings)s\nஇந்த மின்னஞ்சல்களை நிறுத்த: %(url)s"
    ),
    ("Your daily digest: %(n)d notification", "Your daily digest: %(n)d notifications"): (
        "உங்கள் தினசரி சுருக்கம்: %(n)d அறிவிப்பு",
        "உங்கள் தினசரி சுருக்கம்: %(n)d அறிவிப்புகள்",
    ),
}
HINDI = {"New message on %(ref)s from %(who)s": "%(ref)s पर %(who)s का नया संदेश"}


@pytest.fixture
def catalogues(settings, tmp_path):
    testing.install_test_catalogue(settings, tmp_path / "ta", "ta", TAMIL)
    testing.install_test_catalogue(settings, tmp_path / "hi", "hi", HINDI)


@pytest.fixture
def tamil_member(member_a):
    member_a.language = "ta"
    member_a.save(update_fields=["language"])
    return member_a


@pytest.fixture
def hindi_secretary(bearer_a):
    bearer_a.language = "hi"
    bearer_a.save(update_fields=["language"])
    return bearer_a


def test_hindi_secretary_writes_and_the_tamil_member_is_told_in_tamil(
    catalogues, tamil_member, hindi_secretary, django_capture_on_commit_callbacks
):
    requirement = testing.make_requirement(by=tamil_member)
    mail.outbox.clear()
    with translation.override("hi"), django_capture_on_commit_callbacks(execute=True):
        message_post(requirement=requirement, by=hindi_secretary, body="कृपया जीएसटी प्रमाणपत्र भेजें")

    (email,) = [m for m in mail.outbox if m.to == [tamil_member.email]]
    assert email.subject == f"[DIA Portal] {requirement.reference} இல் {hindi_secretary} அனுப்பிய புதிய செய்தி"
    assert "அறிவிப்புகளை எப்படிப் பெறுவது" in email.body
    # What the secretary wrote stays as written.
    assert "कृपया जीएसटी प्रमाणपत्र भेजें" in email.body
    assert "पर" not in email.subject

    notification = Notification.objects.get(user=tamil_member, kind="desk.message")
    # Stored as message id and parameters, with the English text for older readers (admin, search).
    assert notification.title == f"New message on {requirement.reference} from {hindi_secretary}"
    assert notification.message["title"]["id"] == "New message on %(ref)s from %(who)s"


def test_a_notification_is_rendered_in_the_readers_language_when_read(catalogues, tamil_member):
    services.notify(
        users=[tamil_member],
        kind="desk.message",
        title=Msg("New message on %(ref)s from %(who)s", ref="R-1", who="Asha"),
    )
    client = Client()
    client.force_login(tamil_member)
    assert "R-1 இல் Asha அனுப்பிய புதிய செய்தி" in client.get(reverse("notifications:inbox")).content.decode()
    # Changing language changes the notification already received.
    client.post(reverse("set_language"), {"language": "hi", "next": "/"})
    assert "R-1 पर Asha का नया संदेश" in client.get(reverse("notifications:inbox")).content.decode()


def test_older_notifications_without_a_message_still_read_as_stored(tamil_member):
    row = Notification.objects.create(user=tamil_member, kind="desk.message", title="Plain old title", body="b")
    assert row.display_title == "Plain old title" and row.display_body == "b"


def test_the_digest_is_in_the_recipients_language(catalogues, tamil_member, django_capture_on_commit_callbacks):
    services.preference_set(user=tamil_member, group="desk", frequency=Frequency.DAILY, by=tamil_member)
    services.notify(
        users=[tamil_member],
        kind="desk.message",
        title=Msg("New message on %(ref)s from %(who)s", ref="R-2", who="Asha"),
    )
    mail.outbox.clear()
    with translation.override("hi"), django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send(frequency=Frequency.DAILY) == 1
    (email,) = mail.outbox
    assert email.subject == "[DIA Portal] உங்கள் தினசரி சுருக்கம்: 1 அறிவிப்பு"
    assert "R-2 இல் Asha அனுப்பிய புதிய செய்தி" in email.body


def test_a_message_with_a_broken_translation_falls_back_to_english(settings, tmp_path, tamil_member):
    testing.install_test_catalogue(settings, tmp_path, "ta", {"Hello %(name)s": "வணக்கம் %(nme)s"})
    with translation.override("ta"):
        assert str(Msg("Hello %(name)s", name="Asha")) == "Hello Asha"
