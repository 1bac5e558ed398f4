"""Direct messages: inbox with unread counts, the thread, HTMX send, blocks, reports and the admin queue."""

import pytest
from django.urls import reverse

from portal.business import services
from portal.business.models import MESSAGE_MAX_LENGTH, Conversation, Message, Report

from .conftest import add_member, connect

INBOX = reverse("business:inbox")


@pytest.fixture
def conversation(member_a, member_b, connected):
    return services.conversation_open(with_user=member_b, by=member_a)


def send(client, conversation, body, **headers):
    return client.post(reverse("business:send", args=[conversation.pk]), {"body": body}, **headers)


def test_anonymous_is_sent_to_log_in(anonymous):
    assert anonymous.get(INBOX).status_code == 302


def test_the_inbox_shows_unread_counts_and_opening_the_thread_reads_them(client_for, member_a, member_b, conversation):
    services.message_send(conversation=conversation, body="One", by=member_a)
    services.message_send(conversation=conversation, body="Two", by=member_a)
    client = client_for(member_b)
    page = client.get(INBOX).context["page"]
    assert [(c.pk, c.unread) for c in page] == [(conversation.pk, 2)]
    assert client_for(member_a).get(INBOX).context["page"][0].unread == 0
    client.get(conversation.get_absolute_url())
    assert client.get(INBOX).context["page"][0].unread == 0


@pytest.mark.parametrize("rows", [3, 20])
def test_the_inbox_runs_a_fixed_number_of_queries(
    rows, client_for, member_a, association_a, django_assert_max_num_queries
):
    for index in range(rows):
        other = add_member(association_a, name=f"Peer {index}")
        connect(member_a, other)
        conversation = services.conversation_open(with_user=member_a, by=other)
        services.message_send(conversation=conversation, body="Hello", by=other)
    client = client_for(member_a)
    with django_assert_max_num_queries(8):
        response = client.get(INBOX)
    assert len(response.context["page"]) == rows


def test_a_message_is_sent_with_htmx_and_appended(client_for, member_a, conversation):
    response = send(client_for(member_a), conversation, "Can you quote for 2,000 kg?", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'hx-swap-oob="beforeend:#thread"' in body and "Can you quote for 2,000 kg?" in body
    assert Message.objects.get().body == "Can you quote for 2,000 kg?"


def test_a_message_is_sent_without_htmx_too(client_for, member_a, conversation):
    response = send(client_for(member_a), conversation, "Plain form")
    assert response.status_code == 302 and Message.objects.count() == 1


def test_a_too_long_message_is_refused_with_a_message(client_for, member_a, conversation):
    response = send(client_for(member_a), conversation, "x" * (MESSAGE_MAX_LENGTH + 1), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert f"A message can be {MESSAGE_MAX_LENGTH} characters at most" in body
    assert not Message.objects.exists()


def test_a_blocked_user_is_refused_with_a_clear_message(client_for, member_a, member_b, conversation):
    response = client_for(member_b).post(reverse("business:block", args=[conversation.pk, "block"]))
    assert response.status_code == 302
    response = send(client_for(member_a), conversation, "Are you there?", HTTP_HX_REQUEST="true")
    assert "You cannot message this person: they have blocked you." in response.content.decode()
    page = client_for(member_a).get(conversation.get_absolute_url()).content.decode()
    assert "they have blocked you" in page and 'id="send-form"' not in page
    assert not Message.objects.exists()


def test_someone_outside_the_conversation_gets_404(client_for, member_a2, conversation):
    client = client_for(member_a2)
    assert client.get(conversation.get_absolute_url()).status_code == 404
    assert send(client, conversation, "Hi").status_code == 404
    assert client.post(reverse("business:block", args=[conversation.pk, "block"])).status_code == 404
    assert not Message.objects.exists()


def test_unconnected_people_cannot_start_a_conversation(client_for, member_a, member_b):
    response = client_for(member_a).post(reverse("business:message_start", args=[member_b.pk]), follow=True)
    assert "You can message only people of enterprises you are connected with." in response.content.decode()
    assert not Conversation.objects.exists()


def test_connected_people_start_a_conversation_from_the_enterprise_page(client_for, member_a, member_b, connected):
    page = client_for(member_a).get(reverse("business:enterprise", args=[member_b.enterprise.pk]))
    assert list(page.context["people"]) == [member_b]
    response = client_for(member_a).post(reverse("business:message_start", args=[member_b.pk]))
    conversation = Conversation.objects.get()
    assert response["Location"] == conversation.get_absolute_url()


def test_a_message_is_reported_and_the_admin_resolves_it(client_for, member_a, member_b, conversation, platform_admin):
    message = services.message_send(conversation=conversation, body="Send me your bank PIN", by=member_a)
    response = client_for(member_b).post(reverse("business:report", args=[message.pk]), {"reason": "Fraud"})
    assert response.status_code == 302
    report = Report.objects.get()
    queue = client_for(platform_admin).get(reverse("business:reports"))
    assert list(queue.context["page"]) == [report] and "Send me your bank PIN" in queue.content.decode()
    client_for(platform_admin).post(reverse("business:report_resolve", args=[report.pk]), {"resolution": "Warned"})
    report.refresh_from_db()
    assert report.status == "resolved"


def test_only_platform_admins_see_the_report_queue(client_for, member_a, officer, conversation):
    assert client_for(member_a).get(reverse("business:reports")).status_code == 403
    assert client_for(officer).get(reverse("business:reports")).status_code == 403


def test_an_outsider_cannot_report_a_message_of_a_conversation(client_for, member_a, member_a2, conversation):
    message = services.message_send(conversation=conversation, body="Hi", by=member_a)
    assert client_for(member_a2).post(reverse("business:report", args=[message.pk]), {"reason": "x"}).status_code == 404
    assert not Report.objects.exists()
