"""The portal's main journey in a real browser (Debian's Chromium, driven by Playwright):

an association registers, a SIDBI officer approves it (with a TOTP code), an enterprise
creates its profile and asks to join, the association approves, and the member sees the
member directory.
"""

import pytest

from portal import testing
from portal.accounts.models import SidbiRole
from portal.associations.models import Association, Membership, MembershipStatus, Status
from portal.core.identifiers import make_gstin
from portal.core.samples import demo_pdf_bytes
from tests.e2e.browser import log_in, log_out, see

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_association_registers_is_approved_and_its_member_sees_the_directory(live_server, browser, tmp_path):
    base = live_server.url
    secretary = testing.make_user("secretary@imphal.example.in", full_name="Thoiba Meitei")
    officer = testing.make_user("officer@sidbi.example.in", sidbi_role=SidbiRole.OFFICER, totp=True)
    owner = testing.make_user("owner@loomworks.example.in", full_name="Nandini Devi")
    certificate = tmp_path / "certificate.pdf"
    certificate.write_bytes(demo_pdf_bytes("Registration certificate"))

    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)

    # 1. The secretary registers the association.
    log_in(page, base, secretary.email)
    page.goto(f"{base}/associations/register/")
    page.fill("#id_name", "Imphal Handloom Weavers Association")
    page.select_option("#id_legal_form", "society")
    page.fill("#id_registration_number", "MN/2009/SOC/0042")
    page.fill("#id_pan", "aabai1234k")
    page.fill("#id_year_founded", "2009")
    textiles = testing.Sector.objects.get(slug="textiles")
    page.check(f"input[name=sectors][value='{textiles.pk}']")
    page.fill("#id_cluster_name", "Imphal handloom")
    page.select_option("#id_state", label="Manipur")
    page.fill("#id_district", "Imphal West")
    page.fill("#id_address", "Wangkhei, Imphal")
    page.fill("#id_pin_code", "795001")
    page.fill("#id_approx_member_count", "240")
    page.fill("#id_email", "office@imphalweavers.example.in")
    page.fill("#id_phone", "98765 43210")
    page.set_input_files("#id_registration_certificate", str(certificate))
    page.fill("#id_bearers-0-name", "Thoiba Meitei")
    page.fill("#id_bearers-0-designation", "Secretary")
    page.fill("#id_bearers-0-phone", "+91 87654 32109")
    page.fill("#id_bearers-0-email", "thoiba@imphalweavers.example.in")
    page.click("main form button[type=submit]")
    see(page, "Application submitted")
    association = Association.objects.get(pan="AABAI1234K")
    assert association.status == Status.SUBMITTED
    log_out(page, base)

    # Not yet public.
    page.goto(f"{base}/associations/?q=Imphal")
    assert "Imphal Handloom Weavers Association" not in page.content()

    # 2. The SIDBI officer logs in with a TOTP code and approves it.
    log_in(page, base, officer.email, totp_secret=officer.totp_secret)
    page.goto(f"{base}/associations/review/")
    page.click("text=Imphal Handloom Weavers Association")
    page.check("input[name=decision][value=approve]")
    page.click("main form button[type=submit]")
    see(page, "Decision recorded")
    association.refresh_from_db()
    assert association.status == Status.APPROVED
    log_out(page, base)

    # 3. An enterprise owner creates a profile and asks to join.
    log_in(page, base, owner.email)
    page.goto(f"{base}/associations/{association.slug}/")
    page.click("text=Create your enterprise profile")
    pan = "ABCPD1234E"
    page.fill("#id_name", "Loktak Loom Works")
    page.fill("#id_udyam_number", "udyam-mn-01-0001234")
    page.fill("#id_pan", pan)
    page.fill("#id_gstin", make_gstin("14", pan))
    page.select_option("#id_category", "micro")
    page.select_option("#id_sector", label="Textiles and garments")
    page.fill("#id_products", "Handwoven phanek and shawls")
    page.fill("#id_employees", "8")
    page.fill("#id_address", "Moirang Bazar")
    page.fill("#id_district", "Bishnupur")
    page.select_option("#id_state", label="Manipur")
    page.fill("#id_pin_code", "795133")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/associations/{association.slug}/")
    page.click("main form button:has-text('Ask to join')")
    see(page, "Request sent")
    membership = Membership.objects.get(association=association, enterprise__name="Loktak Loom Works")
    assert membership.status == MembershipStatus.REQUESTED
    log_out(page, base)

    # 4. The secretary approves the request (an HTMX form on the manage page).
    log_in(page, base, secretary.email)
    page.goto(f"{base}/associations/{association.slug}/manage/")
    row = page.locator(f"#request-{membership.pk}")
    row.locator("button[value=approve]").click()
    page.locator(f"#request-{membership.pk} .badge").wait_for()
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPROVED
    assert membership.decided_by == secretary
    log_out(page, base)

    # 5. The member sees the member directory with their enterprise in it.
    log_in(page, base, owner.email)
    page.goto(f"{base}/associations/{association.slug}/members/")
    assert page.locator("h1").inner_text().startswith("Members")
    assert "Loktak Loom Works" in page.content()
    assert "Handwoven phanek and shawls" in page.content()
    context.close()
