"""Personal-data rights in a real browser: a newcomer signs up with consent, downloads their data, corrects
their name and deletes the account; a visitor raises a grievance and gets a reference at once."""

import io
import json
import re
import zipfile

import pytest
from django.core import mail

from portal.accounts.models import User
from portal.privacy.models import Consent, Grievance
from tests.e2e.browser import see

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL = "kavya@noyyalknits.example.in"
PASSWORD = "Lotus-Harbour-7391!"


def test_newcomer_signs_up_with_consent_downloads_corrects_and_deletes_their_data(live_server, browser):
    base = live_server.url
    page = browser.new_context(accept_downloads=True).new_page()
    page.set_default_timeout(15_000)

    # Sign up: the notice is linked; the account box is required (the server's refusal is a view test).
    page.goto(f"{base}/accounts/signup/")
    assert page.locator("main a[href='/privacy/']").count() >= 1
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=full_name]", "Kavya R")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    assert page.locator("input[name=consent_account][required]").count() == 1
    page.check("input[name=consent_account]")
    page.check("input[name=consent_email_updates]")
    page.click("main form button[type=submit]")
    see(page, "Verify Your Email Address")
    link = re.search(r"http://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", mail.outbox[-1].body).group(1)
    page.goto(f"{base}{link}")
    page.click("main form button[type=submit]")
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/me/**")
    user = User.objects.get(email=EMAIL)
    assert set(Consent.objects.filter(user=user).values_list("purpose", flat=True)) == {"account", "email_updates"}

    # Download my data (prepared by the worker; immediate in tests).
    page.goto(f"{base}/me/data/")
    page.click("text=Prepare my data")
    page.reload()
    with page.expect_download() as info:
        page.click("main a:has-text('Download')")
    with open(info.value.path(), "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    assert json.loads(archive.read("data.json"))["accounts.User"][0]["email"] == EMAIL

    # Correct my name.
    page.fill("input[name=full_name]", "Kavya Ramesh")
    page.click("main form:has(input[name=full_name]) button[type=submit]")
    see(page, "Your details are saved.")
    user.refresh_from_db()
    assert user.full_name == "Kavya Ramesh"

    # Delete my account.
    page.click("main a:has-text('Delete my account')")
    page.fill("input[name=password]", PASSWORD)
    page.check("input[name=confirm]")
    page.click("main form button.danger")
    see(page, "Your account has been deleted")
    user.refresh_from_db()
    assert user.full_name == f"Deleted user #{user.pk}" and not user.is_active


def test_visitor_raises_a_grievance_and_gets_a_reference_at_once(live_server, browser):
    page = browser.new_context().new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/")
    page.click("footer a:has-text('Privacy')")
    page.fill("input[name=name]", "Ravi Kumar")
    page.fill("input[name=email]", "ravi@example.in")
    page.fill("input[name=subject]", "Please delete my phone number")
    page.fill("textarea[name=description]", "My number appears in a discussion.")
    page.click("text=Send grievance")
    grievance = Grievance.objects.get()
    see(page, grievance.reference)
    assert any(grievance.reference in message.subject for message in mail.outbox)
