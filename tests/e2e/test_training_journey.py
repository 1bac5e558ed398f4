"""A training in a real browser: a member finds it in the list and registers, the office-bearer checks them in
on the phone-sized check-in page, and the member downloads a participation certificate with their name."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from portal import testing
from portal.events.models import Audience, Event, EventKind, EventStatus, Registration
from tests.e2e.browser import log_in, log_out, see

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Lean manufacturing for knitwear units"


def test_member_registers_is_checked_in_and_downloads_a_certificate(live_server, browser):
    base = live_server.url
    secretary = testing.make_user("secretary@tiruppur.example.in", full_name="K. Senthil")
    association = testing.make_association(office_bearer=secretary, name="Tiruppur Knitwear Association")
    knitter = testing.make_user("knitter@example.in", full_name="Lakshmi Narayanan")
    testing.make_membership(association=association, enterprise=testing.make_enterprise(owner=knitter))
    starts = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    event = Event.objects.create(
        owner=association,
        created_by=secretary,
        kind=EventKind.TRAINING,
        title=TITLE,
        description="Cutting waste on the shop floor.",
        venue="Association hall",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        registration_deadline=starts - timedelta(minutes=30),
        capacity=25,
        audience=Audience.MEMBERS,
        status=EventStatus.PUBLISHED,
    )

    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)

    # 1. The member finds the training in the list (filtered to trainings) and registers.
    log_in(page, base, knitter.email)
    page.goto(f"{base}/events/?kind=training")
    page.click(f"text={TITLE}")
    see(page, "Association hall")
    page.click("main button:has-text('Register')")
    see(page, "You are registered")
    assert Registration.objects.get(event=event, user=knitter).status == "confirmed"
    log_out(page, base)

    # 2. The office-bearer opens the check-in page on a phone-sized screen, searches and taps "Present".
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, base, secretary.email)
    page.goto(f"{base}/events/{event.pk}/")
    page.click("text=Check-in")
    with page.expect_response(lambda response: "checkin/?q=Lakshmi" in response.url):
        page.fill("#checkin-q", "Lakshmi")
    page.wait_for_selector("#registrants >> text=Lakshmi Narayanan")
    page.click("button.big-present")
    see(page, "✓ Present")
    assert Registration.objects.get(event=event, user=knitter).attended_at is not None
    log_out(page, base)

    # 3. The member downloads the certificate: a PDF with their name on it.
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, base, knitter.email)
    page.goto(f"{base}/events/{event.pk}/")
    with page.expect_download() as download_info:
        page.click("text=Download your certificate (PDF)")
    data = Path(download_info.value.path()).read_bytes()
    assert data[:5] == b"%PDF-"
    text = testing.pdf_text(data)
    assert "Lakshmi Narayanan" in text and TITLE in text
    context.close()
