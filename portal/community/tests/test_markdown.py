"""Markdown attacks in topics and replies are neutralised on the rendered page."""

import re

import pytest
from django.urls import reverse

from portal.community import services

from .conftest import post

ATTACKS = [
    "<script>alert('x')</script>",
    '<img src="x" onerror="alert(1)">',
    '<body onload="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    '<a href="javascript:alert(1)">a</a>',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![pixel](data:image/png;base64,iVBORw0KGgo=)",
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<iframe src="https://evil.example/"></iframe>',
    "![tracker](https://tracker.example/pixel.gif?u=1)",
    '<img src="https://tracker.example/p.gif">',
    '<a href="#" style="position:fixed">x</a>',
    "<object data='x.swf'></object>",
]
# What would make an attack work: a dangerous tag, an event handler, a style, or a URL attribute pointing
# at javascript:, data: or another site. The words themselves may stay on the page as harmless text.
FORBIDDEN = [
    r"<script",
    r"<svg",
    r"<iframe",
    r"<object",
    r"<embed",
    r"<body",
    r"\son[a-z]+\s*=",
    r"\sstyle\s*=",
    r"(href|src)\s*=\s*[\"']?\s*javascript:",
    r"(href|src)\s*=\s*[\"']?\s*data:",
    r"(href|src)\s*=\s*[\"']?\s*(https?:)?//[^\"']*(tracker|evil)\.example",
]


def offending(html: str) -> list[str]:
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return [pattern for pattern in FORBIDDEN if re.search(pattern, main, re.IGNORECASE)]


def test_the_checker_sees_an_attack_when_there_is_one():
    page = '<main id="main"><img src="https://tracker.example/p.gif" onerror="x"><a href="JaVaScRiPt:x">a</a></main>'
    assert len(offending(page)) == 3


def test_markdown_attacks_together_are_neutralised_on_the_topic_page(client_for, member_a, member_b, national):
    topic = post(national, member_a, body="\n\n".join(ATTACKS))
    services.reply_create(topic=topic, body="\n\n".join(reversed(ATTACKS)), by=member_b)
    page = client_for(member_b).get(reverse("community:topic", args=[topic.pk])).content.decode()
    assert offending(page) == []


@pytest.mark.parametrize("attack", ATTACKS)
def test_each_markdown_attack_is_neutralised_in_a_topic_and_a_reply(client_for, member_a, member_b, national, attack):
    topic = post(national, member_a, title="Attack", body=attack)
    services.reply_create(topic=topic, body=f"Look: {attack}", by=member_b)
    page = client_for(member_b).get(reverse("community:topic", args=[topic.pk])).content.decode()
    assert offending(page) == []
