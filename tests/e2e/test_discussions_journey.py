"""Discussions in a real browser: a member of the Tiruppur association starts a topic in the national space and
mentions a fellow member by handle; the fellow member logs in, sees the mention in the notifications, opens it and
replies; the first member is then told of the reply."""

import pytest

from portal import testing
from portal.community.models import Reply, Topic
from portal.notifications.models import Notification
from tests.e2e.browser import log_in, log_out, see

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Who audits for the Higg FEM in Tiruppur?"


def test_a_member_mentions_a_fellow_member_who_replies_from_the_notification(live_server, browser):
    base = live_server.url
    secretary = testing.make_user("secretary@tiruppur.example.in", full_name="K. Senthil Kumar")
    association = testing.make_association(office_bearer=secretary, name="Tiruppur Knitwear Association")
    asker = testing.make_user("lakshmi@noyyal.example.in", full_name="Lakshmi Narayanan")
    testing.make_membership(association=association, enterprise=testing.make_enterprise(owner=asker))
    helper = testing.make_user("ravi@kongu.example.in", full_name="Ravi Shankar")
    testing.make_membership(association=association, enterprise=testing.make_enterprise(owner=helper))

    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)

    # 1. The member opens Discussions, goes to the national space and starts a topic mentioning @ravi-shankar.
    log_in(page, base, asker.email)
    page.goto(f"{base}/community/")
    see(page, "@lakshmi-narayanan")
    page.click("text=India: all members")
    page.click("text=Start a topic")
    page.fill("#id_title", TITLE)
    page.fill("#id_body", "Two buyers want a **verified** score. @ravi-shankar, who did your audit?")
    page.click("main form button[type=submit]")
    see(page, "Your topic is posted.")
    see(page, TITLE)
    assert page.locator(".post-body strong", has_text="verified").count() == 1
    log_out(page, base)

    # 2. The fellow member sees the mention among the notifications, opens it and replies.
    log_in(page, base, helper.email)
    page.goto(f"{base}/notifications/")
    see(page, "Lakshmi Narayanan mentioned you")
    page.click("text=Lakshmi Narayanan mentioned you")
    page.wait_for_url("**/community/t/**")
    see(page, TITLE)
    page.fill("#id_body", "We used an SGS auditor; the association has the contact.")
    page.click("#reply-form button[type=submit]")
    see(page, "Your reply is posted.")
    see(page, "We used an SGS auditor")
    log_out(page, base)
    context.close()

    topic = Topic.objects.get(title=TITLE)
    assert Reply.objects.get(topic=topic).author == helper
    assert Notification.objects.get(user=helper, kind="community.mention").read_at is not None
    assert Notification.objects.filter(user=asker, kind="community.reply").count() == 1
