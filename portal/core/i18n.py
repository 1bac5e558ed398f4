"""The portal's twelve languages and the one way to render something in a particular person's language.

Whatever leaves the page (an email, a notification, a PDF, an export, a calendar file) is rendered in the
language of the person who receives it, not of the person whose action caused it::

    with in_language_of(member):
        subject = _("Your requirement was answered")

Notifications are rendered when they are read, so they store a :class:`Msg` (the English message id
and its parameters) instead of text in the sender's language.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

# code -> the language's name in its own script (shown in the switcher, never translated).
NATIVE_NAMES = {
    "en": "English",
    "hi": "हिन्दी",
    "as": "অসমীয়া",
    "bn": "বাংলা",
    "gu": "ગુજરાતી",
    "kn": "ಕನ್ನಡ",
    "ml": "മലയാളം",
    "mr": "मराठी",
    "or": "ଓଡ଼ିଆ",
    "pa": "ਪੰਜਾਬੀ",
    "ta": "தமிழ்",
    "te": "తెలుగు",
}

# The script each language is written in (Assamese uses the Bengali script; Punjabi here is Gurmukhi).
SCRIPTS = {
    "en": "Latin",
    "hi": "Devanagari",
    "mr": "Devanagari",
    "as": "Bengali",
    "bn": "Bengali",
    "gu": "Gujarati",
    "kn": "Kannada",
    "ml": "Malayalam",
    "or": "Oriya",
    "pa": "Gurmukhi",
    "ta": "Tamil",
    "te": "Telugu",
}

# gettext Plural-Forms per language, after CLDR's cardinal rules for whole numbers: where CLDR puts 0 with
# 1 ("one": i = 0 or n = 1 for hi, as, bn, gu, kn; n = 0..1 for pa) "0 files" takes the singular.
PLURAL_FORMS = {
    "hi": "nplurals=2; plural=(n > 1);",
    "as": "nplurals=2; plural=(n > 1);",
    "bn": "nplurals=2; plural=(n > 1);",
    "gu": "nplurals=2; plural=(n > 1);",
    "kn": "nplurals=2; plural=(n > 1);",
    "pa": "nplurals=2; plural=(n > 1);",
    "ml": "nplurals=2; plural=(n != 1);",
    "mr": "nplurals=2; plural=(n != 1);",
    "or": "nplurals=2; plural=(n != 1);",
    "ta": "nplurals=2; plural=(n != 1);",
    "te": "nplurals=2; plural=(n != 1);",
}


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def language_choices() -> list[tuple[str, str]]:
    """(code, native name) for forms: a person recognises their own language in its own script."""
    return [(code, NATIVE_NAMES.get(code, name)) for code, name in settings.LANGUAGES]


def normalise_language(code: str | None) -> str:
    """A supported language code for ``code`` ("ta-IN" -> "ta"), or the site default."""
    code = (code or "").lower().replace("_", "-")
    codes = language_codes()
    if code in codes:
        return code
    base = code.split("-")[0]
    return base if base in codes else settings.LANGUAGE_CODE


def language_of(user, default: str | None = None) -> str:
    """The language a person reads: their profile's choice, else ``default``, else the site default (English)."""
    return normalise_language(getattr(user, "language", "") or default or "")


@contextmanager
def in_language_of(user, default: str | None = None) -> Iterator[str]:
    """Render whatever is inside in ``user``'s language (their profile's choice); yields the code.

    ``default`` is for someone who never chose (``None``: English); pass the page's language where the
    person is the one reading it now (a sign-up's verification email).
    """
    code = language_of(user, default)
    with translation.override(code):
        yield code


class Msg:
    """A translatable message kept as its English id and parameters, rendered in whatever language is active.

    ``Msg("New offer on %(title)s", title=requirement.title)`` is stored as JSON (``as_data``) and turned
    into text by ``str()`` at the moment someone reads it. Parameters are plain values (what people wrote,
    numbers) or other Messages (for a translated label inside a sentence).
    """

    def __init__(self, msgid: str, /, **params):
        self.msgid = str(msgid)
        self.params = params

    def __str__(self) -> str:
        text = gettext(self.msgid)
        if not self.params:
            return text
        values = {key: str(value) if isinstance(value, Msg) else value for key, value in self.params.items()}
        try:
            return text % values
        except (KeyError, ValueError, TypeError):
            # A broken translation must never hide the message: fall back to the English text.
            return self.msgid % values

    def __repr__(self) -> str:
        return f"Msg({self.msgid!r}, **{self.params!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Msg) and (self.msgid, self.params) == (other.msgid, other.params)

    def __hash__(self) -> int:
        return hash(self.msgid)

    def __getitem__(self, key):
        # Slicing (``title[:300]``) works on the English text, as it did when titles were plain strings.
        return self.english()[key]

    def english(self) -> str:
        with translation.override(settings.LANGUAGE_CODE):
            return str(self)

    def as_data(self) -> dict:
        return {
            "id": self.msgid,
            "params": {
                key: {"message": value.as_data()} if isinstance(value, Msg) else _plain(value)
                for key, value in self.params.items()
            },
        }

    @classmethod
    def from_data(cls, data: dict) -> "Msg":
        params = {
            key: cls.from_data(value["message"]) if isinstance(value, dict) and "message" in value else value
            for key, value in (data.get("params") or {}).items()
        }
        return cls(data["id"], **params)


def _plain(value):
    """A JSON-safe parameter: numbers and text stay, anything else (Decimal, date, model) becomes its text."""
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


def render(value) -> str:
    """Text for a str, a lazy string or a Msg, in the active language."""
    return "" if value is None else str(value)


class Version:
    """What a reader is shown of an update or resource: the version in their language, else the original."""

    def __init__(self, *, title: str, body: str, language: str, original_language: str, summary: str = ""):
        self.title, self.body, self.summary = title, body, summary
        self.language, self.original_language = language, original_language

    @property
    def is_original(self) -> bool:
        return self.language == self.original_language


def version_for(item, translations, language: str) -> Version:
    """The reader's-language version of ``item`` among ``translations`` (objects with language/title/body and,
    for resources, summary); the original when there is none in ``language``."""
    if item.language != language:
        for translation in translations:
            if translation.language == language:
                return Version(
                    title=translation.title,
                    body=translation.body,
                    summary=getattr(translation, "summary", ""),
                    language=language,
                    original_language=item.language,
                )
    return Version(
        title=item.title,
        body=item.body,
        summary=getattr(item, "summary", ""),
        language=item.language,
        original_language=item.language,
    )
