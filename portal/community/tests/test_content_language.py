"""Topics and replies are kept in the language they are written in and the pages mark it (issue #12)."""

from django.urls import reverse

from portal.community import services
from portal.community.forms import ReplyForm, TopicForm
from portal.community.models import Reply, Topic


def speaking(user, language):
    user.language = language
    user.save(update_fields=["language"])
    return user


def test_the_forms_offer_the_authors_language_first(member_a):
    speaking(member_a, "ta")
    assert TopicForm(user=member_a).initial["language"] == "ta"
    assert ReplyForm(user=member_a).initial["language"] == "ta"


def test_a_topic_and_reply_left_without_a_language_take_the_authors(national, member_a, member_b):
    speaking(member_a, "ta")
    speaking(member_b, "pa")
    topic = services.topic_create(space=national, title="நூல் விலை", body="இந்த வாரம் விலை உயர்ந்தது.", by=member_a)
    reply = services.reply_create(topic=topic, body="ਸਾਡੇ ਕੋਲ ਵੀ ਇਹੀ ਹਾਲ ਹੈ।", by=member_b)
    assert topic.language == "ta" and reply.language == "pa"


def test_a_chosen_language_is_stored_through_the_pages(client_for, national, member_a):
    speaking(member_a, "ta")
    client = client_for(member_a)
    response = client.post(
        reverse("community:topic_new", args=[national.slug]),
        {"title": "Cotton yarn prices", "body": "Prices rose this week.", "language": "en"},
    )
    topic = Topic.objects.get(title="Cotton yarn prices")
    assert response.status_code == 302 and topic.language == "en"
    client.post(reverse("community:reply_new", args=[topic.pk]), {"body": "नमस्ते, हमारे यहाँ भी।", "language": "hi"})
    assert Reply.objects.get(topic=topic).language == "hi"


def test_an_unknown_language_is_refused_next_to_the_field(client_for, national, member_a):
    response = client_for(member_a).post(
        reverse("community:topic_new", args=[national.slug]), {"title": "T", "body": "B", "language": "xx"}
    )
    assert response.status_code == 200
    assert "language" in response.context["form"].errors
    assert not Topic.objects.filter(title="T").exists()


def test_editing_keeps_or_changes_the_language(national, member_a):
    topic = services.topic_create(space=national, title="Yarn", body="Prices.", by=member_a, language="hi")
    services.topic_edit(topic=topic, title="Yarn", body="Prices rose.", by=member_a)
    topic.refresh_from_db()
    assert topic.language == "hi"
    services.topic_edit(topic=topic, title="Yarn", body="Prices rose.", by=member_a, language="en")
    topic.refresh_from_db()
    assert topic.language == "en"


def test_the_pages_mark_what_people_wrote_with_its_language(client_for, national, member_a, member_b):
    topic = services.topic_create(
        space=national, title="நூல் விலை", body="இந்த வாரம் விலை உயர்ந்தது.", by=member_a, language="ta"
    )
    services.reply_create(topic=topic, body="ਸਾਡੇ ਕੋਲ ਵੀ ਇਹੀ ਹਾਲ ਹੈ।", by=member_b, language="pa")
    client = client_for(member_b)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert '<h1 lang="ta">நூல் விலை</h1>' in page
    assert '<div class="post-body" lang="ta">' in page and '<div class="post-body" lang="pa">' in page
    space = client.get(national.get_absolute_url()).content.decode()
    assert f'<a href="{topic.get_absolute_url()}" lang="ta">நூல் விலை</a>' in space
    found = client.get(reverse("community:search"), {"q": "நூல்"}).content.decode()
    assert 'lang="ta">நூல் விலை</a>' in found
