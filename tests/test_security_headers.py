"""Every page carries the strict Content Security Policy, and the htmx script runs only with its nonce."""

import re


def test_pages_send_a_strict_content_security_policy(anonymous):
    response = anonymous.get("/")

    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_the_only_script_on_a_page_carries_the_nonce_of_its_policy(anonymous):
    response = anonymous.get("/associations/")

    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    scripts = re.findall(r"<script[^>]*>", response.content.decode())
    assert scripts
    assert all(f'nonce="{nonce}"' in tag for tag in scripts)


def test_no_template_uses_inline_styles_or_inline_event_handlers():
    from pathlib import Path

    offenders = []
    for path in (Path(__file__).resolve().parent.parent / "portal").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"\sstyle=\"|\son[a-z]+=\"", text):
            offenders.append(str(path))
    assert offenders == []
