"""The DIA appraisal in a real browser: an association applies, an officer approves in principle, the
association fills the sustainability matrix (the score updates live as boxes are ticked), its cluster
expert approves it, and the stage page draws its charts."""

import pytest
from playwright.sync_api import expect

from portal import testing
from portal.accounts.models import SidbiRole
from portal.scheme.models import Step
from tests.e2e.browser import log_in, log_out, see

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_association_applies_and_the_expert_approves_its_matrix(live_server, browser):
    base = live_server.url
    officer = testing.make_user("officer@sidbi.example.in", sidbi_role=SidbiRole.OFFICER, totp=True)
    expert = testing.make_user("expert@dia.example.in", sidbi_role=SidbiRole.CLUSTER_EXPERT, totp=True)
    secretary = testing.make_user("secretary@tiruppur.example.in")
    association = testing.make_association(
        office_bearer=secretary, name="Tiruppur Knitwear Association", cluster_expert=expert
    )
    page = browser.new_context().new_page()
    page.set_default_timeout(15_000)

    # 1. The secretary applies: the eligibility check is prefilled; they declare "no default" and submit.
    log_in(page, base, secretary.email)
    page.goto(f"{base}/scheme/")
    page.click("main form button")
    see(page, "eligibility check")
    assert page.input_value("#id_member_base") == str(association.approx_member_count)
    page.check("#id_no_default")
    page.click("button[name=submit]")
    see(page, "Submitted for in-principle approval")
    log_out(page, base)

    # 2. The officer approves in principle from their queue.
    log_in(page, base, officer.email, totp_secret=officer.totp_secret)
    page.goto(f"{base}/scheme/")
    page.click(f"text={association.name}")
    page.check("input[name=decision][value=approve]")
    page.click("text=Record decision")
    see(page, "Decision recorded")
    log_out(page, base)

    # 3. The secretary fills the matrix; the score changes as they tick boxes (HTMX, no inline script).
    log_in(page, base, secretary.email)
    page.goto(f"{base}/scheme/{association.slug}/matrix/")
    see(page, "from portal data")
    page.check("#id_governing_body")
    expect(page.locator("#matrix-score")).to_contain_text("5.83%")  # + "member relationship system" from portal data
    page.check("#id_regular_elections")
    expect(page.locator("#matrix-score")).to_contain_text("9.17%")
    page.screenshot(path="/tmp/notes/scheme/matrix.png", full_page=True)
    page.click("button[name=submit]")
    see(page, "Submitted to your cluster expert")
    log_out(page, base)

    # 4. The cluster expert approves it.
    log_in(page, base, expert.email, totp_secret=expert.totp_secret)
    page.goto(f"{base}/scheme/{association.slug}/")
    page.check("input[name=decision][value=approve]")
    page.click("text=Record decision")
    see(page, "Decision recorded")
    association.appraisals.get(step=Step.DETAILED)
    page.screenshot(path="/tmp/notes/scheme/association.png", full_page=True)

    # 5. The expert assesses the stage; the page draws both charts.
    page.goto(f"{base}/scheme/{association.slug}/stage/")
    page.click("text=Assess the stage now")
    see(page, "Stage assessed")
    page.wait_for_selector("canvas")
    assert page.locator("canvas").count() == 2
    page.screenshot(path="/tmp/notes/scheme/stage.png", full_page=True)
