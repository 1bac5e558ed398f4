"""A resource is kept as written and marked with its language; a reader gets their language's version (issue #12)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from portal.learning.forms import ResourceForm
from portal.learning.models import ResourceTranslation

from .conftest import make_resource

NO_VERSION = "Shown as written, in %(language)s: there is no version in your language."
A_VERSION = "A version in your language; the original is in %(language)s."


def line(reader: str, msgid: str, written_in: str) -> str:
    """The line a reader of ``reader`` sees, in their language, naming the language shown."""
    with translation.override(reader):
        return translation.gettext(msgid) % {"language": translation.get_language_info(written_in)["name_translated"]}


def reader(client_for, user, language):
    user.language = language
    user.save(update_fields=["language"])
    return client_for(user)


def guide_with_tamil_version(officer):
    resource = make_resource(by=officer, title="Udyam registration guide", summary="How to register.", body="Steps.")
    ResourceTranslation.objects.create(
        resource=resource,
        language="ta",
        title="உத்யம் பதிவு வழிகாட்டி",
        summary="பதிவு செய்வது எப்படி.",
        body="படிகள்.",
    )
    return resource


def test_a_tamil_reader_gets_the_tamil_version_marked_with_its_language(client_for, officer, member_a):
    resource = guide_with_tamil_version(officer)
    html = reader(client_for, member_a, "ta").get(resource.get_absolute_url()).content.decode()
    assert '<h1 lang="ta">உத்யம் பதிவு வழிகாட்டி</h1>' in html
    assert '<p class="lead" lang="ta">பதிவு செய்வது எப்படி.</p>' in html
    assert "படிகள்." in html and "Udyam registration guide" not in html
    assert line("ta", A_VERSION, "en") in html


def test_without_a_version_the_reader_gets_the_original_with_a_line_saying_so(client_for, officer, member_a):
    resource = guide_with_tamil_version(officer)
    html = reader(client_for, member_a, "pa").get(resource.get_absolute_url()).content.decode()
    assert '<h1 lang="en">Udyam registration guide</h1>' in html
    assert line("pa", NO_VERSION, "en") in html


def test_a_reader_of_the_original_language_sees_no_line(client_for, officer, member_a):
    resource = make_resource(by=officer, title="उद्यम पंजीकरण", summary="पंजीकरण कैसे करें।", language="hi")
    html = reader(client_for, member_a, "hi").get(resource.get_absolute_url()).content.decode()
    assert '<h1 lang="hi">उद्यम पंजीकरण</h1>' in html
    assert line("hi", NO_VERSION, "hi") not in html and line("hi", A_VERSION, "hi") not in html


def test_the_library_lists_show_the_readers_version(client_for, officer, member_a):
    guide_with_tamil_version(officer)
    client = reader(client_for, member_a, "ta")
    for response in (
        client.get(reverse("learning:index")),
        client.get(reverse("learning:index"), {"kind": "scheme_guide"}),
    ):
        html = response.content.decode()
        assert 'lang="ta">உத்யம் பதிவு வழிகாட்டி</a>' in html
        assert "Udyam registration guide" not in html


def test_the_resource_page_runs_no_more_queries_with_a_version_in_the_readers_language(
    client_for, officer, member_a, django_assert_max_num_queries
):
    plain = make_resource(by=officer, title="Plain guide")
    versioned = guide_with_tamil_version(officer)
    client = reader(client_for, member_a, "ta")
    client.get(plain.get_absolute_url())
    with CaptureQueriesContext(connection) as without_version:
        client.get(plain.get_absolute_url())
    with django_assert_max_num_queries(len(without_version)):
        assert "உத்யம்" in client.get(versioned.get_absolute_url()).content.decode()


def test_a_new_resource_defaults_to_the_authors_language(officer):
    officer.language = "hi"
    officer.save(update_fields=["language"])
    assert ResourceForm(association=None, user=officer).initial["language"] == "hi"


def test_the_admin_adds_a_version_but_leaves_the_resource_as_it_is(client_for, officer, platform_admin):
    resource = make_resource(by=officer, title="Udyam registration guide")
    url = reverse("admin:learning_resource_change", args=[resource.pk])
    response = client_for(platform_admin).post(
        url,
        {
            "title": "changed through the admin",
            "translations-TOTAL_FORMS": "1",
            "translations-INITIAL_FORMS": "0",
            "translations-0-language": "hi",
            "translations-0-title": "उद्यम पंजीकरण मार्गदर्शिका",
            "translations-0-summary": "पंजीकरण कैसे करें।",
            "translations-0-body": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    resource.refresh_from_db()
    assert resource.title == "Udyam registration guide"
    assert resource.translations.get().title == "उद्यम पंजीकरण मार्गदर्शिका"
