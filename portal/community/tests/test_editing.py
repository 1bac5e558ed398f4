"""Authors correct their own posts; nobody else can, and nothing is lost (the audit keeps the earlier text)."""

import pytest
from django.urls import reverse

from portal.community import services
from portal.core.errors import ActionRefused
from portal.core.models import AuditLog
from portal.notifications.models import Notification


def test_the_author_edits_a_topic_and_readers_see_it_was_edited(public_topic, member_a, client_for):
    client = client_for(member_a)
    response = client.post(
        reverse("community:topic_edit", args=[public_topic.pk]),
        {"title": "Which bank gives the best CGTMSE cover?", "body": "Corrected: cover, not rate."},
    )
    assert response.status_code == 302
    public_topic.refresh_from_db()
    assert public_topic.title == "Which bank gives the best CGTMSE cover?" and public_topic.edited_at is not None
    assert "edited" in client.get(public_topic.get_absolute_url()).content.decode()
    log = AuditLog.objects.get(action="community.topic_edited")
    assert log.data["previous_body"] == "Looking for advice on collateral-free loans."


def test_someone_else_cannot_edit_a_topic(public_topic, member_b, client_for):
    url = reverse("community:topic_edit", args=[public_topic.pk])
    assert client_for(member_b).get(url).status_code == 403
    assert client_for(member_b).post(url, {"title": "Spam", "body": "Spam"}).status_code == 403
    public_topic.refresh_from_db()
    assert public_topic.title != "Spam"


def test_a_private_topic_is_404_to_outsiders_even_for_editing(topic_a, member_b, client_for):
    assert client_for(member_b).get(reverse("community:topic_edit", args=[topic_a.pk])).status_code == 404


def test_a_locked_topic_cannot_be_edited(public_topic, member_a, platform_admin):
    services.topic_lock(topic=public_topic, by=platform_admin)
    with pytest.raises(ActionRefused):
        services.topic_edit(topic=public_topic, title="x", body="y", by=member_a)


def test_an_edited_reply_that_is_too_long_is_refused_and_keeps_the_old_text(public_topic, member_a, client_for):
    reply = services.reply_create(topic=public_topic, body="SBI, in my experience.", by=member_a)
    response = client_for(member_a).post(reverse("community:reply_edit", args=[reply.pk]), {"body": "x" * 20001})
    assert response.status_code == 200
    assert "the most is 20,000" in response.content.decode()
    reply.refresh_from_db()
    assert reply.body == "SBI, in my experience." and reply.edited_at is None


def test_only_people_newly_mentioned_by_an_edit_are_told(public_topic, member_a, member_b, bearer_a):
    from portal.community.services import handle_for

    reply = services.reply_create(topic=public_topic, body=f"Ask @{handle_for(member_b)}", by=member_a)
    told = Notification.objects.filter(kind="community.mention").count()
    services.reply_edit(reply=reply, body=f"Ask @{handle_for(member_b)} and @{handle_for(bearer_a)}", by=member_a)
    mentions = Notification.objects.filter(kind="community.mention")
    assert mentions.count() == told + 1
    assert mentions.order_by("-pk").first().user == bearer_a


def test_another_member_cannot_edit_a_reply(public_topic, member_a, member_b, client_for):
    reply = services.reply_create(topic=public_topic, body="Mine.", by=member_a)
    assert (
        client_for(member_b).post(reverse("community:reply_edit", args=[reply.pk]), {"body": "Theirs"}).status_code
        == 403
    )
