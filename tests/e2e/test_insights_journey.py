"""The national dashboard in a real browser: a SIDBI officer narrows it to the north-eastern states,
sees the figures change, follows a state on the map's table to the associations behind it, and opens
one association's dashboard."""

import pytest

from portal import testing
from portal.accounts.models import SidbiRole
from portal.core.models import Sector
from tests.e2e.browser import log_in, see

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_filters_to_the_north_east_and_drills_down_to_an_association(live_server, browser):
    base = live_server.url
    officer = testing.make_user("officer@sidbi.example.in", sidbi_role=SidbiRole.OFFICER, totp=True)
    testing.make_association(name="Tiruppur Knitwear Association", slug="tiruppur")
    testing.make_association(name="Ludhiana Engineering Association", slug="ludhiana", state_code="PB")
    guwahati = testing.make_association(
        name="Guwahati Food Processors Association",
        slug="guwahati",
        state_code="AS",
        sectors=[Sector.objects.get(slug="food-processing")],
    )
    testing.make_membership(association=guwahati, enterprise=testing.make_enterprise(state_code="AS"))

    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, base, officer.email, totp_secret=officer.totp_secret)

    page.goto(f"{base}/insights/")
    see(page, "National dashboard of the DIA scheme")
    approved = page.locator(".figure", has_text="Associations approved").locator(".stat")
    assert approved.inner_text().strip() == "3"

    page.check("#id_north_east")
    page.click("form.insights-filters button[type=submit]")
    page.wait_for_url("**north_east=on**")
    assert approved.inner_text().strip() == "1"
    see(page, "North-eastern states")

    # The table beside the map says the same as the map; follow Assam to the associations behind it.
    page.click("table.state-table >> text=Assam")
    page.wait_for_url("**/insights/associations/**")
    see(page, "Guwahati Food Processors Association")
    assert page.locator("#drilldown tbody tr").count() == 1

    page.click("#drilldown >> text=Guwahati Food Processors Association")
    page.wait_for_url("**/insights/associations/guwahati/")
    see(page, "Dashboard of Guwahati Food Processors Association")
    context.close()
