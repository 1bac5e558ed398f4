"""The one place user-written markdown becomes HTML.

Markdown is rendered with Python-Markdown, then everything is passed through nh3 (an allow-list
sanitiser): no script, no event handlers, no ``javascript:`` links, no styles, and no images from
other sites (a tracking pixel would tell an outsider who read the post). Links get
``rel="nofollow noopener noreferrer ugc"``.
"""

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "img", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["fenced_code", "tables", "sane_lists", "nl2br"]
EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Images only from the portal's own media (a relative path); anything else is dropped."""
    if tag == "img" and attribute == "src":
        return value if value.startswith("/") and not value.startswith("//") else None
    return value


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
        attribute_filter=_keep_attribute,
        strip_comments=True,
    )


def render_markdown(text: str) -> SafeString:
    """Markdown written by a user, as safe HTML ready for a template."""
    if not text:
        return mark_safe("")
    html = markdown_lib.markdown(text, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS, output_format="html")
    return mark_safe(sanitise_html(html))  # noqa: S308 - sanitised by nh3 just above
