"""The discussion services: posting, mentions and notifications, follows, reactions, answers, moderation."""

import pytest

from portal import testing
from portal.community import services
from portal.community.models import MAX_BODY, Reaction, Reply, Report, ReportStatus, Topic, TopicFollow
from portal.core.errors import ActionRefused
from portal.core.models import AuditLog
from portal.notifications.models import Notification

from .conftest import post


def notes(user, kind):
    return Notification.objects.filter(user=user, kind=kind)


# Handles and mentions


def test_a_handle_comes_from_the_name_and_a_number_settles_a_clash(db):
    first = testing.make_user(full_name="Lakshmi Narayanan")
    second = testing.make_user(full_name="Lakshmi Narayanan")
    assert services.handle_for(first) == "lakshmi-narayanan"
    assert services.handle_for(second) == "lakshmi-narayanan-2"
    assert services.handle_for(first) == "lakshmi-narayanan"


def test_mentions_find_handles_and_unique_email_local_parts_but_not_email_addresses(member_a, member_b, bearer_a):
    services.handle_for(member_b)  # "member-b"
    text = "Ask @member-b and @bearer-a. Write to someone@member-a.example or x@member-a too. @nobody"
    assert {u.pk for u in services.mentioned_users(text)} == {member_b.pk, bearer_a.pk}


def test_a_mention_notifies_the_user_who_can_see_the_space(national, member_a, member_b):
    topic = post(national, member_a, body="What do you think, @member-b?")
    note = notes(member_b, "community.mention").get()
    assert note.link == topic.get_absolute_url() and "Member A" in note.title


def test_a_mention_in_a_private_space_does_not_notify_an_outsider(space_a, member_a, member_b, bearer_a):
    post(space_a, member_a, body="@member-b and @bearer-a please look")
    assert not notes(member_b, "community.mention").exists()
    assert notes(bearer_a, "community.mention").count() == 1


def test_mentioning_yourself_notifies_nobody(national, member_a):
    post(national, member_a, body="note to self @member-a")
    assert not Notification.objects.exists()


# Posting


def test_a_post_longer_than_the_limit_is_refused_not_cut(national, member_a):
    with pytest.raises(ActionRefused, match="20,001 characters"):
        post(national, member_a, body="x" * (MAX_BODY + 1))
    assert not Topic.objects.exists()
    topic = post(national, member_a, body="x" * MAX_BODY)
    assert len(topic.body) == MAX_BODY


def test_an_empty_title_or_message_is_refused(national, member_a):
    with pytest.raises(ActionRefused):
        post(national, member_a, title="  ")
    with pytest.raises(ActionRefused):
        post(national, member_a, body=" ")


def test_an_outsider_cannot_post_in_a_private_space(space_a, member_b, officer):
    for user in (member_b, officer):
        with pytest.raises(ActionRefused):
            post(space_a, user)


def test_a_reply_notifies_the_topic_followers_but_not_its_writer(public_topic, member_a, member_b, bearer_b):
    services.topic_follow(topic=public_topic, by=bearer_b)
    reply = services.reply_create(topic=public_topic, body="Try SIDBI's direct lending.", by=member_b)
    public_topic.refresh_from_db()
    assert public_topic.reply_count == 1 and public_topic.last_activity_at == reply.created_at
    assert notes(member_a, "community.reply").get().link == reply.get_absolute_url()
    assert notes(bearer_b, "community.reply").count() == 1
    assert not notes(member_b, "community.reply").exists()
    assert TopicFollow.objects.filter(topic=public_topic, user=member_b).exists()  # repliers follow
    assert AuditLog.objects.filter(action="community.reply_created").count() == 1


def test_a_mentioned_follower_is_told_once(public_topic, member_a, member_b):
    services.reply_create(topic=public_topic, body="@member-a see the CGTMSE site", by=member_b)
    assert Notification.objects.filter(user=member_a).count() == 1
    assert notes(member_a, "community.mention").exists()


def test_space_followers_hear_of_new_topics_only_if_they_can_read_the_space(national, space_a, member_a, member_b):
    services.space_follow(space=national, by=member_b)
    post(national, member_a)
    assert notes(member_b, "community.topic").count() == 1
    from portal.community.models import SpaceFollow

    SpaceFollow.objects.create(space=space_a, user=member_b)  # e.g. followed before leaving the association
    post(space_a, member_a)
    assert notes(member_b, "community.topic").count() == 1


def test_a_locked_topic_refuses_replies(public_topic, platform_admin, member_b):
    services.topic_lock(topic=public_topic, by=platform_admin)
    with pytest.raises(ActionRefused, match="locked"):
        services.reply_create(topic=public_topic, body="late", by=member_b)
    assert not Reply.objects.exists()


# Reactions and answers


def test_a_reaction_toggles_on_and_off(public_topic, member_b):
    assert services.reaction_toggle(kind="useful", topic=public_topic, by=member_b) is True
    assert services.reaction_toggle(kind="thanks", topic=public_topic, by=member_b) is True
    assert Reaction.objects.count() == 2
    assert services.reaction_toggle(kind="useful", topic=public_topic, by=member_b) is False
    assert list(Reaction.objects.values_list("kind", flat=True)) == ["thanks"]


def test_an_unknown_reaction_is_refused(public_topic, member_b):
    with pytest.raises(ActionRefused):
        services.reaction_toggle(kind="angry", topic=public_topic, by=member_b)


def test_the_author_accepts_an_answer_and_others_cannot(public_topic, member_a, member_b, bearer_b):
    reply = services.reply_create(topic=public_topic, body="Use CGTMSE.", by=member_b)
    with pytest.raises(ActionRefused):
        services.topic_accept(topic=public_topic, reply=reply, by=bearer_b)
    services.topic_accept(topic=public_topic, reply=reply, by=member_a)
    public_topic.refresh_from_db()
    assert public_topic.accepted_reply == reply


def test_a_moderator_accepts_an_answer_in_their_space(topic_a, bearer_a, member_a):
    reply = services.reply_create(topic=topic_a, body="They check the ZLD plant logs.", by=bearer_a)
    services.topic_accept(topic=topic_a, reply=reply, by=bearer_a)
    assert Topic.objects.get(pk=topic_a.pk).accepted_reply == reply


# Reports and moderation


def test_a_reader_reports_once_and_the_office_hears_of_it(topic_a, member_a, bearer_a):
    services.report_create(topic=topic_a, reason="Names a competitor's staff", by=member_a)
    with pytest.raises(ActionRefused, match="already reported"):
        services.report_create(topic=topic_a, reason="again", by=member_a)
    assert notes(bearer_a, "community.report").count() == 1


def test_a_report_needs_a_reason(public_topic, member_b):
    with pytest.raises(ActionRefused):
        services.report_create(topic=public_topic, reason=" ", by=member_b)


def test_an_outsider_cannot_report_what_they_cannot_see(topic_a, member_b):
    with pytest.raises(ActionRefused):
        services.report_create(topic=topic_a, reason="spam", by=member_b)


def test_hiding_closes_the_reports_on_that_content(topic_a, member_a, bearer_a):
    reply = services.reply_create(topic=topic_a, body="Buy cheap followers at spam.example", by=member_a)
    services.report_create(topic=topic_a, reply=reply, reason="spam", by=bearer_a)
    services.report_create(topic=topic_a, reason="off topic", by=bearer_a)
    services.reply_hide(reply=reply, by=bearer_a)
    assert Report.objects.get(reply=reply).status == ReportStatus.ACTIONED
    assert Report.objects.get(reply__isnull=True).status == ReportStatus.OPEN
    assert AuditLog.objects.filter(action="community.reply_hidden").exists()


def test_only_moderators_hide_lock_pin_and_move(public_topic, topic_a, member_a, bearer_a, bearer_b, national):
    for service in (services.topic_hide, services.topic_lock, services.topic_pin):
        with pytest.raises(ActionRefused):
            service(topic=public_topic, by=member_a)  # the author is no moderator
        with pytest.raises(ActionRefused):
            service(topic=topic_a, by=bearer_b)  # another association's office
    with pytest.raises(ActionRefused):
        services.topic_move(topic=topic_a, to=national, by=bearer_a)  # an office-bearer stays in their spaces


def test_an_office_bearer_moves_a_topic_between_their_association_spaces(topic_a, association_a, bearer_a):
    circle = services.space_create_circle(association=association_a, name="Exporters' circle", by=bearer_a)
    services.topic_move(topic=topic_a, to=circle, by=bearer_a)
    assert Topic.objects.get(pk=topic_a.pk).space == circle
    assert AuditLog.objects.get(action="community.topic_moved").data == {
        "from_space": "association-tiruppur",
        "to_space": circle.slug,
    }


def test_a_platform_moderator_pins_and_dismisses(public_topic, platform_admin, member_b):
    report = services.report_create(topic=public_topic, reason="duplicate", by=member_b)
    services.topic_pin(topic=public_topic, by=platform_admin)
    services.report_dismiss(report=report, by=platform_admin)
    assert Topic.objects.get(pk=public_topic.pk).pinned
    assert Report.objects.get().status == ReportStatus.DISMISSED
    with pytest.raises(ActionRefused):
        services.report_dismiss(report=Report.objects.get(), by=platform_admin)


def test_space_for_association_is_created_once(association_a):
    assert services.space_for_association(association_a) == services.space_for_association(association_a)


def test_public_spaces_exist_for_every_sector_and_state(db):
    from portal.community.models import Space
    from portal.core.models import Sector, State

    services.ensure_public_spaces()
    services.ensure_public_spaces()
    assert Space.objects.public().count() == 1 + Sector.objects.count() + State.objects.count()


def test_a_user_can_be_mentioned_by_the_handle_of_their_name_before_they_ever_open_discussions(national, member_a):
    ravi = testing.make_user("ravi@kongu.example.in", full_name="Ravi Shankar")
    testing.make_user("other@kongu.example.in", full_name="Ravi Shankar Iyer")
    post(national, member_a, body="@ravi-shankar who audited you?")
    assert notes(ravi, "community.mention").count() == 1
    assert services.handle_for(ravi) == "ravi-shankar"
