"""The desk's promise in a real browser: a member posts a financial requirement, the association
assigns it to a bank, the bank makes a loan offer, and the member accepts it and rates the help."""

import pytest

from portal import testing
from portal.desk.models import OfferStatus, Requirement, Status
from portal.providers.models import Provider, ProviderStatus, ProviderUser
from tests.e2e.browser import log_in, log_out, see

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_member_posts_a_loan_need_the_association_assigns_a_bank_and_the_member_accepts_its_offer(live_server, browser):
    base = live_server.url
    secretary = testing.make_user("secretary@tiruppur.example.in", full_name="K. Senthil")
    association = testing.make_association(office_bearer=secretary, name="Tiruppur Exporters Association")
    owner = testing.make_user("owner@knit.example.in", full_name="Lakshmi N")
    enterprise = testing.make_enterprise(owner=owner, name="Noyyal Knit Works", phone="+919443012345")
    testing.make_membership(association=association, enterprise=enterprise)
    banker = testing.make_user("manager@bank.example.in", full_name="Meera K")
    bank = Provider.objects.create(
        name="Canara Bank, Tiruppur MSME branch",
        kind="bank",
        status=ProviderStatus.APPROVED,
        help_kinds=["term_loan", "working_capital"],
    )
    ProviderUser.objects.create(provider=bank, user=banker)

    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)

    # 1. The member posts a financial requirement.
    log_in(page, base, owner.email)
    page.goto(f"{base}/desk/new/")
    page.select_option("#id_kind", "term_loan")
    page.fill("#id_title", "Term loan for two new circular knitting machines")
    page.fill("#id_description", "Export orders doubled; we need two 30-inch circular knitting machines.")
    page.fill("#id_amount", "2500000")
    page.fill("#id_purpose", "Buy two circular knitting machines")
    page.fill("#id_tenure_months", "60")
    page.fill("#id_latest_turnover", "18000000")
    page.click("main form button[name=post]")
    see(page, "Posted as DIA-REQ-")
    requirement = Requirement.objects.get(title__startswith="Term loan for two")
    assert requirement.status == Status.POSTED
    log_out(page, base)

    # 2. The association's office assigns it to the bank.
    log_in(page, base, secretary.email)
    page.goto(f"{base}/desk/")
    page.click(f"text={requirement.reference}")
    page.select_option("#assign select[name=provider]", str(bank.pk))
    page.fill("#assign input[name=note]", "Good customer; please see them this week.")
    page.click("#assign button[type=submit]")
    see(page, "Assigned to Canara Bank")
    requirement.refresh_from_db()
    assert requirement.status == Status.ASSIGNED and requirement.assigned_provider == bank
    log_out(page, base)

    # 3. The bank makes a loan offer, without yet seeing the member's phone.
    log_in(page, base, banker.email)
    page.goto(f"{base}/desk/{requirement.pk}/")
    assert "+919443012345" not in page.content()
    page.check("#make-offer input[name=kind][value=loan]")
    page.fill("#make-offer input[name=amount]", "2500000")
    page.fill("#make-offer input[name=interest_rate]", "9.25")
    page.fill("#make-offer input[name=tenure_months]", "60")
    page.fill("#make-offer textarea[name=conditions]", "Hypothecation of the machines; CGTMSE cover.")
    page.click("#make-offer button[type=submit]")
    see(page, "Offer sent to the member")
    log_out(page, base)

    # 4. The member accepts the offer and rates the help.
    log_in(page, base, owner.email)
    page.goto(f"{base}/desk/{requirement.pk}/")
    see(page, "9.25%")
    page.click("#offers button:has-text('Accept this offer')")
    see(page, "accepted")
    page.check("#resolve input[name=rating][value='5']")
    page.fill("#resolve textarea[name=comment]", "Sanctioned in ten days.")
    page.click("#resolve button[type=submit]")
    see(page, "Marked as solved")
    requirement.refresh_from_db()
    assert requirement.status == Status.RESOLVED
    assert requirement.rating == 5
    assert requirement.accepted_offer.status == OfferStatus.ACCEPTED
    log_out(page, base)

    # The bank now sees the member's contact details.
    log_in(page, base, banker.email)
    page.goto(f"{base}/desk/{requirement.pk}/")
    assert "+919443012345" in page.content()
    context.close()
