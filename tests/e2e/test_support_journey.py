"""DIA support in a real browser: the association applies for a professional chief executive, the officer
recommends, the authority sanctions (the letter appears), the first tranche is released, the association accounts
for it, the officer accepts, and the second tranche is released. Each person keeps their own browser session."""

from decimal import Decimal

import pytest

from portal import testing
from portal.accounts.models import SidbiRole
from portal.core.samples import demo_pdf_bytes
from portal.finances.models import LedgerEntry
from portal.support.models import Application, Sanction, Tranche, TrancheStatus
from tests.e2e.browser import log_in, see

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_hr_support_from_application_to_second_tranche(live_server, browser, tmp_path):
    base = live_server.url
    secretary = testing.make_user("secretary@tiruppur.example.in", full_name="K. Senthil")
    association = testing.make_association(office_bearer=secretary, name="Tiruppur Knitwear Association")
    officer = testing.make_user(
        "officer@sidbi.example.in", sidbi_role=SidbiRole.OFFICER, totp=True, full_name="Anita Deshpande"
    )
    authority = testing.make_user(
        "authority@sidbi.example.in", sidbi_role=SidbiRole.AUTHORITY, totp=True, full_name="R. Venkataraman"
    )
    evidence = tmp_path / "salary-register.pdf"
    evidence.write_bytes(demo_pdf_bytes("Salary register"))

    def session(user):
        context = browser.new_context()
        page = context.new_page()
        page.set_default_timeout(15_000)
        log_in(page, base, user.email, totp_secret=getattr(user, "totp_secret", None))
        return context, page

    office_context, office = session(secretary)
    officer_context, sidbi = session(officer)
    authority_context, checker = session(authority)

    # 1. The association applies for trained human resources: a chief executive's salary over three years.
    office.goto(f"{base}/support/")
    office.click(f"text=Apply for support for {association.name}")
    office.fill("#id_title", "Professional chief executive")
    office.fill("#id_justification", "A full-time CEO to run testing and export services for 600 members.")
    office.click("main form button")
    see(office, "No budget lines yet.")
    office.select_option("#id_head", "human_resources")
    office.fill("#id_item", "Chief executive salary")
    office.fill("#id_amount_requested", "1800000")
    office.fill("#id_own_contribution", "300000")
    office.fill("#id_years", "3")
    office.click("text=Add the line")
    see(office, "Chief executive salary")
    office.click("text=Submit to SIDBI")
    see(office, "Submitted to SIDBI")
    application = Application.objects.get()

    # 2. The officer recommends it as asked.
    sidbi.goto(f"{base}/support/{application.pk}/")
    sidbi.click("main a.button:has-text('Recommend')")
    sidbi.fill("#id_note", "A CEO is the association's first step to paid services.")
    sidbi.fill("#id_conditions", "Appoint the CEO within six months.")
    sidbi.click("text=Recommend to the sanctioning authority")
    see(sidbi, "Recommended to the sanctioning authority")

    # 3. The authority approves; the sanction letter link appears.
    checker.goto(f"{base}/support/{application.pk}/")
    checker.click("text=Approve and sanction")
    see(checker, "Download the sanction letter (PDF)")
    sanction = Sanction.objects.get()
    assert sanction.sanctioned_total == Decimal("1800000.00")

    # 4. The officer plans two tranches; the authority releases the first.
    sidbi.goto(f"{base}/support/{application.pk}/")
    for amount, milestone in (("600000", "CEO appointed"), ("600000", "First year report")):
        sidbi.select_option("#id_head", "human_resources")
        sidbi.fill("#id_amount", amount)
        sidbi.fill("#id_milestone", milestone)
        sidbi.click("text=Plan the tranche")
        see(sidbi, milestone)
    checker.goto(f"{base}/support/{application.pk}/")
    checker.click("text=Release tranche 1")
    see(checker, "Tranche released")
    assert not checker.locator("text=Release tranche 2").count()

    # 5. The association submits its utilisation certificate; the officer accepts it.
    office.goto(f"{base}/support/{application.pk}/")
    office.click("text=Submit a utilisation certificate")
    office.fill("#id_amount_utilised", "600000")
    office.fill("#id_period_from", "2026-04-01")
    office.fill("#id_period_to", "2026-09-30")
    office.fill("#id_statement", "CEO salary for six months.")
    office.set_input_files("#id_evidence", str(evidence))
    office.check("#id_declaration")
    office.click("text=Submit the certificate")
    see(office, "Utilisation certificate submitted")
    sidbi.goto(f"{base}/support/{application.pk}/")
    sidbi.click("text=Accept the certificate")
    see(sidbi, "Decision recorded")

    # 6. Now the second tranche can be released.
    checker.goto(f"{base}/support/{application.pk}/")
    checker.click("text=Release tranche 2")
    see(checker, "Tranche released")
    assert Tranche.objects.filter(status=TrancheStatus.RELEASED).count() == 2
    assert Sanction.objects.get().released_total == Decimal("1200000.00")
    assert LedgerEntry.objects.filter(association=association, category="grant_dia").count() == 2
    for context in (office_context, officer_context, authority_context):
        context.close()
