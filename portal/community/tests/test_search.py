"""Search over topics and replies: ranked full text on PostgreSQL, substring on SQLite; private spaces never leak."""

from django.urls import reverse

from portal.community import selectors, services

from .conftest import post

HINDI_TITLE = "निर्यात के लिए ऋण"
HINDI_BODY = "क्या किसी ने सिडबी से निर्यात ऋण लिया है? ब्याज दर कितनी है?"


def test_search_finds_topics_and_replies(member_a, member_b, national):
    topic = post(national, member_a, title="Solar rooftop finance", body="Net metering in Tamil Nadu")
    reply = services.reply_create(topic=topic, body="We used a rooftop loan from SIDBI", by=member_b)
    post(national, member_a, title="Unrelated", body="Nothing here")
    topics, replies = selectors.search(member_b, "rooftop")
    assert list(topics) == [topic] and list(replies) == [reply]


def test_search_finds_hindi_text(member_a, member_b, national):
    topic = post(national, member_a, title=HINDI_TITLE, body=HINDI_BODY)
    post(national, member_a, title="English only", body="Export credit question")
    topics, _replies = selectors.search(member_b, "निर्यात")
    assert list(topics) == [topic]
    topics, _replies = selectors.search(member_b, "ब्याज")
    assert list(topics) == [topic]
    page = client_page(member_b, "ऋण")
    assert HINDI_TITLE in page


def client_page(user, query):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.get(reverse("community:search"), {"q": query}).content.decode()


def test_private_spaces_never_leak_through_search(member_a, member_b, bearer_b, topic_a, officer):
    services.reply_create(topic=topic_a, body="The effluent inspector visits monthly", by=member_a)
    for user in (member_b, bearer_b):
        topics, replies = selectors.search(user, "effluent")
        assert not topics.exists() and not replies.exists()
        assert "effluent" not in client_page(user, "effluent").split("<h2>")[1].lower().replace("effluent</", "")
    topics, replies = selectors.search(member_a, "effluent")
    assert list(topics) == [topic_a] and replies.count() == 1
    assert selectors.search(officer, "effluent")[0].count() == 1


def test_hidden_content_is_found_only_by_moderators(member_a, member_b, bearer_a, topic_a, national, platform_admin):
    public = post(national, member_a, title="Cheap followers", body="spam spam")
    services.topic_hide(topic=public, by=platform_admin)
    assert not selectors.search(member_b, "followers")[0].exists()
    assert selectors.search(platform_admin, "followers")[0].count() == 1
    services.topic_hide(topic=topic_a, by=bearer_a)
    assert not selectors.search(member_a, "effluent")[0].exists()
    assert selectors.search(bearer_a, "effluent")[0].count() == 1


def test_an_empty_query_finds_nothing(member_a, national):
    post(national, member_a)
    topics, replies = selectors.search(member_a, "  ")
    assert not topics.exists() and not replies.exists()


def test_on_postgresql_a_title_match_ranks_above_a_body_match(member_a, member_b, national):
    from django.db import connection

    if connection.vendor != "postgresql":
        import pytest

        pytest.skip("ranking needs PostgreSQL full-text search; SQLite orders by latest activity")
    in_title = post(national, member_a, title="Rooftop solar subsidy", body="Which DISCOM approved yours?")
    in_body = post(national, member_a, title="Power bills", body="We looked at rooftop panels last year.")
    topics, _replies = selectors.search(member_b, "rooftop")
    assert list(topics) == [in_title, in_body]
    assert topics[0].rank > topics[1].rank
