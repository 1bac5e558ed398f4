"""An update is kept as written and marked with its language; a reader gets their language's version (issue #12)."""

from django.test import Client
from django.utils import translation

from portal.updates.models import UpdateTranslation
from portal.updates.tests.conftest import publish

NO_VERSION = "Shown as written, in %(language)s: there is no version in your language."
A_VERSION = "A version in your language; the original is in %(language)s."


def _line(reader: str, msgid: str, written_in: str) -> str:
    """The line a reader of ``reader`` sees, in their language, naming the language shown."""
    with translation.override(reader):
        return translation.gettext(msgid) % {"language": translation.get_language_info(written_in)["name_translated"]}


def _reader(user, language):
    user.language = language
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    return client


def test_a_tamil_reader_gets_the_tamil_version_marked_with_its_language(bearer_a, member_a):
    update = publish(bearer_a, association=None, title="GST return dates extended", body="The dates moved.")
    UpdateTranslation.objects.create(
        update=update, language="ta", title="ஜிஎஸ்டி தாக்கல் தேதி நீட்டிப்பு", body="தேதிகள் மாற்றப்பட்டன."
    )
    html = _reader(member_a, "ta").get(update.get_absolute_url()).content.decode()
    assert '<h1 lang="ta">ஜிஎஸ்டி தாக்கல் தேதி நீட்டிப்பு</h1>' in html
    assert "தேதிகள் மாற்றப்பட்டன." in html
    assert _line("ta", A_VERSION, "en") in html


def test_without_a_version_the_reader_gets_the_original_with_a_line_saying_so(bearer_a, member_a):
    update = publish(bearer_a, title="GST return dates extended", body="The dates moved.")
    html = _reader(member_a, "pa").get(update.get_absolute_url()).content.decode()
    assert '<h1 lang="en">GST return dates extended</h1>' in html
    assert _line("pa", NO_VERSION, "en") in html


def test_an_update_written_in_hindi_is_marked_hindi_for_everyone(bearer_a, member_a):
    update = publish(bearer_a, title="जीएसटी रिटर्न की तारीख बढ़ी", body="तारीखें बदल गईं।", language="hi")
    html = _reader(member_a, "hi").get(update.get_absolute_url()).content.decode()
    assert '<h1 lang="hi">जीएसटी रिटर्न की तारीख बढ़ी</h1>' in html
    assert _line("hi", NO_VERSION, "hi") not in html and _line("hi", A_VERSION, "hi") not in html
