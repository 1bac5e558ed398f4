import pytest

from portal.core.markdown import render_markdown

ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="#" onclick="alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "![pixel](https://tracker.example/p.gif?user=1)",
    '<img src="//tracker.example/p.gif">',
    "<object data=x></object><embed src=x>",
    '<form action="https://evil.example"><input name=q></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
]
FORBIDDEN = ["<script", "onerror", "onload", "onclick", "javascript:", "<iframe", "data:text", "tracker.example",
             "style=", "<object", "<embed", "<form", "<input", "evil.example"]  # fmt: skip


@pytest.mark.parametrize("attack", ATTACKS)
def test_attacks_are_neutralised(attack):
    html = str(render_markdown(f"Before\n\n{attack}\n\nAfter")).lower()
    for needle in FORBIDDEN:
        assert needle not in html, f"{needle!r} survived in {html!r}"
    assert "before" in html and "after" in html


def test_ordinary_formatting_survives():
    html = str(render_markdown("**Bold** and _soft_\n\n- one\n- two\n\n[SIDBI](https://www.sidbi.in)"))
    assert "<strong>Bold</strong>" in html
    assert "<li>one</li>" in html
    assert 'href="https://www.sidbi.in"' in html
    assert 'rel="nofollow noopener noreferrer ugc"' in html


def test_images_from_the_portal_itself_are_kept():
    html = str(render_markdown("![chart](/media/community/chart.png)"))
    assert 'src="/media/community/chart.png"' in html


def test_hindi_text_is_kept_as_written():
    assert "नमस्ते <strong>उद्यमी</strong>" in str(render_markdown("नमस्ते **उद्यमी**"))


def test_template_filter_renders_and_escapes(rf):
    from django.template import Context, Template

    rendered = Template("{% load portal_tags %}{{ body|markdown }}").render(
        Context({"body": "*hi* <script>x()</script>"})
    )
    assert "<em>hi</em>" in rendered and "<script" not in rendered
