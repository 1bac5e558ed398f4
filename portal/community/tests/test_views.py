"""The discussion pages as their users meet them, with every refusal: 404 for other tenants, 403 for roles."""

import pytest
from django.urls import reverse

from portal.community import services
from portal.community.models import MAX_BODY, Reaction, Reply, Report, Space, Topic
from portal.notifications.models import Notification

from .conftest import post


def url(name, *args):
    return reverse(f"community:{name}", args=args)


# Reading


def test_the_index_lists_national_sector_state_and_own_association_spaces(client_for, member_a, association_a):
    page = client_for(member_a).get(url("index")).content.decode()
    assert "India: all members" in page and "Textiles" in page and "Tamil Nadu" in page
    assert association_a.name in page and "Ludhiana" not in page
    assert "@member-a" in page


def test_sidbi_sees_every_association_space_on_the_index(client_for, officer, space_a, space_b):
    page = client_for(officer).get(url("index")).content.decode()
    assert space_a.name in page and space_b.name in page


def test_anonymous_visitors_are_sent_to_log_in(anonymous, public_topic, national):
    for address in (url("index"), url("space", national.slug), url("topic", public_topic.pk), url("search")):
        response = anonymous.get(address)
        assert response.status_code == 302 and "/accounts/login/" in response.url
    assert anonymous.post(url("reply_new", public_topic.pk), {"body": "hi"}).status_code == 302
    assert not Reply.objects.exists()


def test_a_non_member_gets_404_on_the_private_space_its_topics_and_replies(client_for, member_b, bearer_b, topic_a):
    reply = services.reply_create(topic=topic_a, body="Ask the secretary", by=topic_a.author)
    for user in (member_b, bearer_b):
        client = client_for(user)
        for address in (
            url("space", topic_a.space.slug),
            url("topic_new", topic_a.space.slug),
            url("topic", topic_a.pk),
            url("reply", reply.pk),
        ):
            assert client.get(address).status_code == 404, address
        for address in (url("reply_new", topic_a.pk), url("react", topic_a.pk), url("report", topic_a.pk)):
            assert client.post(address, {"body": "x", "kind": "useful", "reason": "x"}).status_code == 404
    assert topic_a.replies.count() == 1 and not Reaction.objects.exists() and not Report.objects.exists()


def test_a_member_reads_and_replies_in_their_association_space(client_for, member_a, bearer_a, topic_a):
    client = client_for(bearer_a)
    assert topic_a.title in client.get(url("space", topic_a.space.slug)).content.decode()
    response = client.post(url("reply_new", topic_a.pk), {"body": "They check the **ZLD** logs."})
    reply = Reply.objects.get()
    assert response.url == url("reply", reply.pk)
    page = client.get(url("topic", topic_a.pk)).content.decode()
    assert "<strong>ZLD</strong>" in page


def test_starting_a_topic_from_the_space_page(client_for, member_b, national):
    client = client_for(member_b)
    response = client.post(url("topic_new", national.slug), {"title": "Job work GST", "body": "Anyone filed ITC-04?"})
    topic = Topic.objects.get()
    assert response.url == topic.get_absolute_url() and topic.space == national


def test_a_too_long_topic_is_refused_with_a_message_and_kept_in_the_form(client_for, member_b, national):
    body = "लंबा " * 5000
    response = client_for(member_b).post(url("topic_new", national.slug), {"title": "Long", "body": body})
    assert response.status_code == 200
    page = response.content.decode()
    assert "the most is 20,000" in page and "maxlength" not in page.split('name="body"')[1][:200]
    assert not Topic.objects.exists()


def test_a_too_long_reply_is_refused_and_shown_again(client_for, member_b, public_topic):
    response = client_for(member_b).post(url("reply_new", public_topic.pk), {"body": "x" * (MAX_BODY + 1)})
    assert response.status_code == 400 and "the most is 20,000" in response.content.decode()
    assert not Reply.objects.exists()


def test_a_locked_topic_refuses_replies_in_the_page_and_by_post(client_for, platform_admin, member_b, public_topic):
    services.topic_lock(topic=public_topic, by=platform_admin)
    client = client_for(member_b)
    page = client.get(url("topic", public_topic.pk)).content.decode()
    assert "This topic is locked" in page and 'id="reply-form"' not in page
    response = client.post(url("reply_new", public_topic.pk), {"body": "still here"}, follow=True)
    assert "locked" in response.content.decode() and not Reply.objects.exists()


def test_sidbi_reads_a_private_space_but_may_not_post_in_it(client_for, officer, topic_a):
    client = client_for(officer)
    assert client.get(url("topic", topic_a.pk)).status_code == 200
    assert client.post(url("reply_new", topic_a.pk), {"body": "x"}).status_code == 403
    assert client.get(url("topic_new", topic_a.space.slug)).status_code == 403


# Unread markers and pagination


def test_the_topic_list_marks_unread_topics_until_opened(client_for, member_a, member_b, public_topic, national):
    client = client_for(member_b)
    assert "Unread" in client.get(url("space", national.slug)).content.decode()
    client.get(url("topic", public_topic.pk))
    assert "Unread" not in client.get(url("space", national.slug)).content.decode()
    services.reply_create(topic=public_topic, body="An update", by=member_a)
    assert "Unread" in client.get(url("space", national.slug)).content.decode()
    assert ">New<" in client.get(url("topic", public_topic.pk)).content.decode()


def test_topics_and_replies_are_paginated(client_for, member_a, member_b, national):
    for n in range(23):
        post(national, member_a, title=f"Topic number {n}")
    client = client_for(member_b)
    first = client.get(url("space", national.slug)).content.decode()
    assert "Topic number 22" in first and "Topic number 0<" not in first and "Page 1 of 2" in first
    assert "Topic number 0<" in client.get(url("space", national.slug) + "?page=2").content.decode()
    topic = Topic.objects.get(title="Topic number 0")
    replies = [services.reply_create(topic=topic, body=f"reply {n}", by=member_b) for n in range(21)]
    response = client.get(url("reply", replies[-1].pk))
    assert response.url == f"{url('topic', topic.pk)}?page=2#reply-{replies[-1].pk}"
    assert "reply 20" in client.get(response.url).content.decode()


# Query counts


def _fill(space, author, replier, topics: int, replies: int):
    made = [post(space, author, title=f"T{n}") for n in range(topics)]
    for n in range(replies):
        reply = services.reply_create(topic=made[0], body=f"Reply {n} @{author.email.split('@')[0]}", by=replier)
        services.reaction_toggle(kind="useful", reply=reply, by=author)
    return made[0]


@pytest.mark.parametrize("rows", [3, 20])
def test_the_topic_list_runs_a_fixed_number_of_queries(
    client_for, member_a, member_b, national, rows, django_assert_max_num_queries
):
    _fill(national, member_a, member_b, rows, 0)
    client = client_for(member_b)
    client.get(url("space", national.slug))
    with django_assert_max_num_queries(9):
        assert client.get(url("space", national.slug)).status_code == 200


@pytest.mark.parametrize("rows", [3, 20])
def test_the_topic_page_runs_a_fixed_number_of_queries(
    client_for, member_a, member_b, national, rows, django_assert_max_num_queries
):
    topic = _fill(national, member_a, member_b, 1, rows)
    client = client_for(member_b)
    client.get(url("topic", topic.pk))
    with django_assert_max_num_queries(17):
        assert client.get(url("topic", topic.pk)).status_code == 200


def test_query_counts_do_not_grow_with_rows(client_for, member_a, member_b, national):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counts():
        client = client_for(member_b)
        topic = Topic.objects.order_by("created_at").first()
        client.get(url("topic", topic.pk))
        client.get(url("space", national.slug))
        result = []
        for address in (url("space", national.slug), url("topic", topic.pk)):
            with CaptureQueriesContext(connection) as queries:
                client.get(address)
            result.append(len(queries))
        return result

    _fill(national, member_a, member_b, 3, 3)
    small = counts()
    _fill(national, member_a, member_b, 17, 17)
    assert counts() == small


# Reactions, following, answers


def test_reacting_and_following_from_the_topic_page(client_for, member_b, public_topic):
    client = client_for(member_b)
    client.post(url("react", public_topic.pk), {"kind": "thanks"})
    assert Reaction.objects.filter(user=member_b, topic=public_topic, kind="thanks").exists()
    page = client.get(url("topic", public_topic.pk)).content.decode()
    assert 'aria-pressed="true"' in page
    client.post(url("react", public_topic.pk), {"kind": "thanks"})
    assert not Reaction.objects.exists()
    client.post(url("follow_topic", public_topic.pk), {"follow": "1"})
    assert public_topic.follows.filter(user=member_b).exists()


def test_only_the_author_or_a_moderator_sees_and_uses_accept(client_for, member_a, member_b, bearer_b, public_topic):
    reply = services.reply_create(topic=public_topic, body="Use CGTMSE", by=member_b)
    assert "Accept as answer" not in client_for(member_b).get(url("topic", public_topic.pk)).content.decode()
    assert client_for(bearer_b).post(url("accept", public_topic.pk), {"reply": reply.pk}).status_code == 403
    client_for(member_a).post(url("accept", public_topic.pk), {"reply": reply.pk})
    assert Topic.objects.get(pk=public_topic.pk).accepted_reply == reply
    assert "Accepted answer" in client_for(member_b).get(url("topic", public_topic.pk)).content.decode()


# Moderation


def test_only_moderators_can_hide_lock_pin_or_move(client_for, member_a, member_b, bearer_a, public_topic, national):
    for action in ("hide", "lock", "pin"):
        for user in (member_a, member_b, bearer_a):  # author, reader, another space's office-bearer
            assert client_for(user).post(url("moderate_topic", public_topic.pk, action)).status_code == 403
    assert client_for(member_b).post(url("move", public_topic.pk), {"to": national.pk}).status_code == 403
    topic = Topic.objects.get(pk=public_topic.pk)
    assert not (topic.hidden or topic.locked or topic.pinned)


def test_an_office_bearer_of_b_cannot_moderate_a_space_of_a(client_for, bearer_b, topic_a):
    reply = services.reply_create(topic=topic_a, body="spam", by=topic_a.author)
    client = client_for(bearer_b)
    assert client.post(url("moderate_topic", topic_a.pk, "hide")).status_code == 404
    assert client.post(url("moderate_reply", reply.pk, "hide")).status_code == 404
    report = services.report_create(topic=topic_a, reason="spam", by=topic_a.author)
    assert client.post(url("report_dismiss", report.pk)).status_code == 404
    assert "spam" not in client.get(url("moderation")).content.decode()
    assert not Topic.objects.get(pk=topic_a.pk).hidden


def test_a_member_cannot_open_the_moderation_queue(client_for, member_a):
    assert client_for(member_a).get(url("moderation")).status_code == 403


def test_an_unknown_moderation_action_is_404(client_for, platform_admin, public_topic):
    assert client_for(platform_admin).post(url("moderate_topic", public_topic.pk, "delete")).status_code == 404


def test_hidden_content_is_shown_as_hidden_to_readers_and_in_full_to_moderators(
    client_for, member_a, member_b, bearer_a, topic_a
):
    reply = services.reply_create(topic=topic_a, body="Rude words here", by=member_a)
    client_for(bearer_a).post(url("moderate_reply", reply.pk, "hide"))
    page = client_for(member_a).get(url("topic", topic_a.pk)).content.decode()
    assert "Rude words here" not in page and "Hidden by a moderator." in page
    assert "Rude words here" in client_for(bearer_a).get(url("topic", topic_a.pk)).content.decode()
    client_for(bearer_a).post(url("moderate_topic", topic_a.pk, "hide"))
    page = client_for(member_a).get(url("topic", topic_a.pk)).content.decode()
    assert topic_a.title not in page and "hidden by a moderator" in page
    assert topic_a.title not in client_for(member_a).get(url("space", topic_a.space.slug)).content.decode()


def test_the_office_bearer_works_the_queue_report_by_report(client_for, member_a, bearer_a, topic_a):
    client_for(member_a).post(url("report", topic_a.pk), {"reason": "Shares an inspector's phone number"})
    report = Report.objects.get()
    client = client_for(bearer_a)
    page = client.get(url("moderation")).content.decode()
    assert "Shares an inspector" in page and topic_a.title in page
    client.post(url("moderate_topic", topic_a.pk, "hide"), {"next": url("moderation")})
    report.refresh_from_db()
    assert report.status == "actioned" and Topic.objects.get(pk=topic_a.pk).hidden
    assert "Shares an inspector" not in client.get(url("moderation")).content.decode()


def test_a_platform_moderator_moves_a_topic_to_a_sector_space(client_for, platform_admin, public_topic):
    textiles = Space.objects.get(slug="sector-textiles")
    client_for(platform_admin).post(url("move", public_topic.pk), {"to": textiles.pk})
    assert Topic.objects.get(pk=public_topic.pk).space == textiles


def test_an_office_bearer_cannot_move_into_a_space_they_do_not_moderate(client_for, bearer_a, topic_a, national):
    client_for(bearer_a).post(url("move", topic_a.pk), {"to": national.pk})
    assert Topic.objects.get(pk=topic_a.pk).space == topic_a.space


def test_an_office_bearer_opens_a_circle_and_a_member_cannot(client_for, bearer_a, member_a, association_a):
    assert client_for(member_a).get(url("circle_new", association_a.slug)).status_code == 403
    client_for(bearer_a).post(url("circle_new", association_a.slug), {"name": "Exporters' circle"})
    circle = Space.objects.get(kind="circle")
    assert circle.association == association_a
    assert "Exporters" in client_for(member_a).get(url("index")).content.decode()


# Mentions end to end


def test_a_mention_reaches_the_user_and_links_to_the_topic(client_for, member_a, member_b, national):
    client_for(member_a).post(url("topic_new", national.slug), {"title": "Steel prices", "body": "@member-b any view?"})
    note = Notification.objects.get(user=member_b, kind="community.mention")
    assert client_for(member_b).get(note.link).status_code == 200


def test_a_reply_from_another_topic_or_a_bad_id_is_404(client_for, member_a, member_b, public_topic, national):
    other = post(national, member_b, title="Other")
    reply = services.reply_create(topic=other, body="elsewhere", by=member_a)
    client = client_for(member_a)
    assert client.post(url("accept", public_topic.pk), {"reply": reply.pk}).status_code == 404
    assert client.post(url("react", public_topic.pk), {"reply": "x1", "kind": "useful"}).status_code == 404
    assert client.post(url("report", public_topic.pk), {"reply": reply.pk, "reason": "x"}).status_code == 404
    assert Topic.objects.get(pk=public_topic.pk).accepted_reply is None
