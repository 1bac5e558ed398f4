"""Targeted updates in a real browser: SIDBI publishes an opportunity for the textiles sector; a
textiles member sees it in their feed, a jewellery member does not (not in the feed, not by search)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal import testing
from portal.accounts.models import SidbiRole
from portal.core.models import Sector
from portal.updates.models import Update
from tests.e2e.browser import log_in, log_out, see

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Joint stall for knitwear exporters at IITF Delhi"


def test_sidbi_publishes_a_textiles_opportunity_that_only_textiles_members_see(live_server, browser):
    base = live_server.url
    officer = testing.make_user("officer@sidbi.example.in", sidbi_role=SidbiRole.OFFICER, totp=True)
    secretary = testing.make_user("secretary@tiruppur.example.in")
    textiles = testing.make_association(office_bearer=secretary, name="Tiruppur Knitwear Association")
    knitter = testing.make_user("knitter@example.in")
    testing.make_membership(
        association=textiles, enterprise=testing.make_enterprise(owner=knitter, name="Noyyal Knits")
    )
    jeweller_office = testing.make_user("secretary@surat.example.in")
    jewellery = testing.make_association(
        office_bearer=jeweller_office,
        name="Surat Jewellery Association",
        state_code="GJ",
        sectors=[Sector.objects.get(slug="jewellery")],
    )
    jeweller = testing.make_user("jeweller@example.in")
    testing.make_membership(
        association=jewellery,
        enterprise=testing.make_enterprise(
            owner=jeweller, name="Surat Gold Works", state_code="GJ", sector="jewellery"
        ),
    )

    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)

    # 1. SIDBI publishes an opportunity aimed at the textiles sector.
    log_in(page, base, officer.email, totp_secret=officer.totp_secret)
    page.goto(f"{base}/updates/new/")
    page.select_option("#id_kind", "opportunity")
    page.fill("#id_title", TITLE)
    page.fill("#id_body", "SIDBI will share the cost of a joint stall. Apply through your association.")
    page.fill("#id_deadline", (timezone.localdate() + timedelta(days=10)).isoformat())
    page.check("input[name=audience][value=chosen]")
    page.check(f"input[name=target_sectors][value='{Sector.objects.get(slug='textiles').pk}']")
    page.click("main form button[name=publish]")
    see(page, TITLE)
    update = Update.objects.get(title=TITLE)
    assert update.status == "published"
    log_out(page, base)

    # 2. The textiles member sees it in the feed, among the deadlines coming up.
    log_in(page, base, knitter.email)
    page.goto(f"{base}/updates/")
    see(page, TITLE)
    log_out(page, base)

    # 3. The jewellery member does not: not in the feed, not in the archive search, not by its address.
    log_in(page, base, jeweller.email)
    page.goto(f"{base}/updates/")
    assert TITLE not in page.content()
    page.goto(f"{base}/updates/archive/?q=IITF")
    assert TITLE not in page.content()
    response = page.goto(f"{base}/updates/{update.pk}/")
    assert response.status == 404
    context.close()
