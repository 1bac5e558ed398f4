"""Member-to-member business in a real browser, on a phone-sized screen: a Tiruppur knitter finds a Ludhiana
supplier in the directory and asks to connect; the supplier accepts; contact details appear; they message each
other (HTMX); the supplier blocks the knitter, whose next message is refused with a clear message."""

import pytest

from portal import testing
from portal.business.models import Message
from tests.e2e.browser import log_in, log_out, see

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_members_connect_message_and_block(live_server, browser):
    base = live_server.url
    tiruppur = testing.make_association(office_bearer=testing.make_user(), name="Tiruppur Knitwear Association")
    ludhiana = testing.make_association(
        office_bearer=testing.make_user(), name="Ludhiana Engineering Association", state_code="PB"
    )
    knitter = testing.make_user("knitter@example.in", full_name="Lakshmi")
    testing.make_membership(
        association=tiruppur, enterprise=testing.make_enterprise(owner=knitter, name="Noyyal Knits")
    )
    supplier = testing.make_user("supplier@example.in", full_name="Harjit")
    supplier_enterprise = testing.make_enterprise(
        owner=supplier,
        name="Punjab Needle Works",
        state_code="PB",
        sector="engineering",
        products="Latch needles, cams",
        phone="+919811112222",
    )
    testing.make_membership(association=ludhiana, enterprise=supplier_enterprise)

    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.set_default_timeout(15_000)

    # 1. The knitter searches the directory by product; no phone number before a connection.
    log_in(page, base, knitter.email)
    page.goto(f"{base}/business/")
    page.fill("#id_q", "needles")
    page.click("main form[role=search] button[type=submit]")
    page.click("text=Punjab Needle Works")
    see(page, "Contact details are shown once this enterprise accepts")
    assert "+919811112222" not in page.content()
    page.fill("#id_note", "We need latch needles every month.")
    page.click("text=Ask to connect")
    see(page, "Request sent")
    log_out(page, base)

    # 2. The supplier accepts the request.
    log_in(page, base, supplier.email)
    page.goto(f"{base}/business/connections/")
    see(page, "We need latch needles every month.")
    page.click("#incoming button:has-text('Accept')")
    see(page, "Connected: you can now see")
    log_out(page, base)

    # 3. The knitter now sees the phone number and writes to the supplier; the message appears without a reload.
    log_in(page, base, knitter.email)
    page.goto(f"{base}/business/enterprises/{supplier_enterprise.pk}/")
    see(page, "+919811112222")
    page.click("main form button:has-text('Message')")
    page.fill("#id_body", "Please send 200 samples.")
    page.click("#send-form button[type=submit]")
    page.wait_for_selector("#thread >> text=Please send 200 samples.")
    assert page.input_value("#id_body") == ""
    thread_url = page.url
    log_out(page, base)

    # 4. The supplier blocks the knitter.
    log_in(page, base, supplier.email)
    page.goto(f"{base}/business/messages/")
    page.click("text=Lakshmi")
    see(page, "Please send 200 samples.")
    page.click("button:has-text('Block Lakshmi')")
    see(page, "can no longer message you")
    log_out(page, base)

    # 5. The knitter's page says they are blocked; a message sent anyway is refused.
    log_in(page, base, knitter.email)
    page.goto(thread_url)
    see(page, "You cannot message this person: they have blocked you.")
    assert page.locator("#send-form").count() == 0
    assert Message.objects.count() == 1
    context.close()
