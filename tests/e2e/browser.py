"""Shared helpers for the browser tests: Debian's Chromium driven by Playwright."""

import os
import shutil
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from portal import testing

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def launch_browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package.")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the test are safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
        # ORM calls made while Playwright's event loop runs get their own connections; close them, or
        # PostgreSQL refuses to drop the test database at the end ("being accessed by other users").
        from django.db import connections

        connections.close_all()


def log_in(page, base_url: str, email: str, totp_secret: str | None = None):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", testing.PASSWORD)
    page.click("main form button[type=submit]")
    if totp_secret:
        page.wait_for_url("**/accounts/2fa/authenticate/**")
        code = format_hotp_value(hotp_value(totp_secret, int(time.time()) // 30))
        page.fill("input[name=code]", code)
        page.click("main form button[type=submit]")
    page.wait_for_url("**/me/**")


def see(page, text: str):
    """Wait for text on the page; on failure show what the user saw instead (form errors and all)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_selector(f"text={text}")
    except PlaywrightTimeout:
        pytest.fail(f"Expected {text!r} on {page.url}; the page said:\n{page.inner_text('body')[:3000]}")


def log_out(page, base_url: str):
    page.goto(f"{base_url}/accounts/logout/")
    page.click("main form button[type=submit]")
