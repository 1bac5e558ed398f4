"""Every language in a real browser: the Tiruppur member and office-bearer of the demo choose a language through
the switcher and walk their main pages (dashboard, posting a requirement, an event, discussions and a topic, the
scheme page); no English interface word may remain on any of them. The office-bearer has no enterprise of their
own, so "post a requirement" leads them to the enterprise profile form; a member sees the scheme's page, the
office-bearer their association's appraisal.

"English interface word": a word of three or more Latin letters found in the English messages of the catalogue
(the msgids of locale/hi), seen in the visible text of the page outside what people wrote (marked with a ``lang``
other than the page's), ``<code>``, e-mail addresses and @handles, and the proper names allowed below. Topics,
replies, events, circles and appraisal comments do not record their language yet, so the page cannot mark them:
their text (from the database) is removed before the check, as names are.

The demo is seeded once for the module, committed (the live server reads it from another thread), and the
database flushed at the end; one browser and one logged-in context per person serve every language.
"""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from portal.core.samples import DEMO_PASSWORD
from tests.e2e.browser import launch_browser

pytestmark = [pytest.mark.e2e]

LANGUAGES = ["hi", "as", "bn", "gu", "kn", "ml", "mr", "or", "pa", "ta", "te"]
MEMBER = "member@tiruppur.demo.diaportal.in"
SECRETARY = "secretary@tiruppur.demo.diaportal.in"
ASSOCIATION = "tiruppur-knitwear-manufacturers-association"

# Proper names and symbols the glossary keeps as they are in every language.
ALLOWED = {
    "sidbi",
    "dia",
    "udyam",
    "gstin",
    "pan",
    "pin",
    "ifsc",
    "msme",
    "msmes",
    "totp",
    "csv",
    "xlsx",
    "pdf",
    "excel",  # a program's name (file kinds: "PDF, pictures, CSV or Excel")
    "ist",  # Indian Standard Time, as times are written in every language
    "ics",  # the calendar file's extension
    "markdown",  # the name of the text format of posts
}
# The markdown help shows what to type, in every language: **bold**, *italic*, `code` are examples of input.
MARKUP_EXAMPLES = re.compile(r"\*\*\w+\*\*|\*\w+\*|`\w+`")

# What the browser counts as visible text: text nodes in shown elements, outside scripts, <code> and content
# whose nearest ``lang`` differs from the document's.
VISIBLE_TEXT = """
() => {
  const pageLang = document.documentElement.lang;
  const out = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || !node.textContent.trim()) continue;
    if (element.closest("script, style, noscript, template, code, [hidden]")) continue;
    const marked = element.closest("[lang]");
    if (marked && marked.lang !== pageLang) continue;
    if (!element.checkVisibility({visibilityProperty: true}) && !element.closest(".visually-hidden")) continue;
    out.push(node.textContent);
  }
  for (const field of document.querySelectorAll("input[placeholder], textarea[placeholder]")) {
    const marked = field.closest("[lang]");
    if (!marked || marked.lang === pageLang) out.push(field.placeholder);
  }
  return out.join("\\n");
}
"""

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|<[^>]+>|&\w+;")
WORD = re.compile(r"[A-Za-z]{3,}")
EMAIL = re.compile(r"\S*@[\w.-]+")  # e-mail addresses and @handles


def interface_words() -> set[str]:
    """Every word of every English message the interface has (the catalogue's msgids)."""
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "hi" / "LC_MESSAGES" / "django.po"))
    words = set()
    for entry in catalogue:
        for text in (entry.msgid, entry.msgid_plural):
            words.update(word.lower() for word in WORD.findall(PLACEHOLDER.sub(" ", text or "")))
    return words


def demo_names() -> list[str]:
    """Names people gave to themselves, their associations, enterprises, clusters and places: user content."""
    from portal.accounts.models import User
    from portal.associations.models import Association
    from portal.enterprises.models import Enterprise

    names = set()
    for full_name in User.objects.values_list("full_name", flat=True):
        names.update({full_name, full_name.split(" ")[0]})  # "Welcome, Lakshmi"
    for association in Association.objects.all():
        names.update({association.name, association.cluster_name, association.district})
    names.update(Enterprise.objects.values_list("name", flat=True))
    names.update(unmarked_content())
    # The scheme's official name, which DIA stands for: translations may give it in brackets after their own.
    names.update({"Development of Industry Associations", "DIA Portal"})
    # Longest first, so "Tiruppur Knitwear Manufacturers Association" goes before "Tiruppur".
    return sorted((name for name in names if name), key=len, reverse=True)


def unmarked_content() -> set[str]:
    """What people wrote where the portal does not yet record its language (so the page cannot mark it with
    ``lang``): topics and replies, events, circles, appraisal comments. Removed line by line, as written."""
    from portal.community.models import Reply, Space, SpaceKind, Topic
    from portal.events.models import Event
    from portal.scheme.models import StepDecision

    texts = []
    for title, body in Topic.objects.values_list("title", "body"):
        texts += [title, body]
    texts += Reply.objects.values_list("body", flat=True)
    for row in Event.objects.values_list("title", "description", "venue", "address"):
        texts += row
    for name, description in Space.objects.filter(kind=SpaceKind.CIRCLE).values_list("name", "description"):
        texts += [name, description]
    texts += StepDecision.objects.values_list("comments", flat=True)
    lines = set()
    for text in texts:
        for line in (text or "").splitlines():
            line = re.sub(r"[*_`#>]", "", line).strip()
            if line:
                lines.add(line)
    return lines


@pytest.fixture(scope="module")
def transactional_db():
    """Stands in for pytest-django's fixture: the name makes pytest-django create the test database and run this
    module with the transactional tests, but no case flushes the demo; ``demo_site`` flushes it once at the end."""


@pytest.fixture
def _reference_data():
    """The root conftest reloads states and sectors (a flush) for every browser test; ``demo_site`` loads them."""


@pytest.fixture(scope="module")
def demo_site(transactional_db, django_db_setup, django_db_blocker, tmp_path_factory):
    from pytest_django.live_server_helper import LiveServer

    from portal.associations.models import Association
    from portal.community.models import Topic
    from portal.core.models import Sector, State
    from portal.core.reference import load_reference_data
    from portal.events.models import Event

    seeded = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=tmp_path_factory.mktemp("languages-media"),
        MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}},
        TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
    )
    with seeded, django_db_blocker.unblock():
        load_reference_data(State, Sector)
        call_command("seed_demo", "--quiet-logins")
        association = Association.objects.get(slug=ASSOCIATION)
        event = Event.objects.filter(owner=association).order_by("pk").first() or Event.objects.order_by("pk").first()
        topic = (
            Topic.objects.filter(space__association=association).order_by("pk").first()
            or Topic.objects.order_by("pk").first()
        )
        common = ["/me/", "/desk/new/", f"/events/{event.pk}/", "/community/", f"/community/t/{topic.pk}/"]
        # A member sees the scheme's own page; its office-bearer the association's application under it.
        pages = {MEMBER: [*common, "/scheme/"], SECRETARY: [*common, f"/scheme/{ASSOCIATION}/"]}
        site = {"pages": pages, "words": interface_words() - ALLOWED, "names": demo_names()}
        server = LiveServer("localhost")
        try:
            site["url"] = server.url
            yield site
        finally:
            server.stop()
            call_command("flush", interactive=False)


@pytest.fixture(scope="module")
def module_browser():
    yield from launch_browser()


@pytest.fixture(scope="module")
def pages(demo_site, module_browser):
    """One logged-in browser tab per person, reused for every language."""
    tabs = {}
    for email in (MEMBER, SECRETARY):
        context = module_browser.new_context()
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{demo_site['url']}/accounts/login/")
        page.fill("input[name=login]", email)
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url("**/me/**")
        tabs[email] = page
    yield tabs
    for page in tabs.values():
        page.context.close()


def english_left(text: str, site) -> list[str]:
    for name in site["names"]:
        text = text.replace(name, " ")
    text = MARKUP_EXAMPLES.sub(" ", EMAIL.sub(" ", text))
    return sorted({word for word in WORD.findall(text) if word.lower() in site["words"]})


@pytest.mark.parametrize("email", [MEMBER, SECRETARY], ids=["member", "office-bearer"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_interface_word_remains_in_the_chosen_language(demo_site, pages, email, language):
    page = pages[email]
    base = demo_site["url"]
    page.goto(f"{base}/me/")
    page.select_option("#language-switcher", language)
    page.click(".lang-switch button[type=submit]")
    page.wait_for_load_state()
    found = {}
    for path in demo_site["pages"][email]:
        response = page.goto(f"{base}{path}")
        assert response.status == 200, f"{path} answered {response.status}"
        assert page.evaluate("document.documentElement.lang") == language, path
        words = english_left(page.evaluate(VISIBLE_TEXT), demo_site)
        if words:
            found[page.url.removeprefix(base)] = words
    assert not found, f"English words left in {language} for {email}:\n" + "\n".join(
        f"  {path}: {', '.join(words)}" for path, words in found.items()
    )
