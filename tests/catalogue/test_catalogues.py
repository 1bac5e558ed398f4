"""Every catalogue is complete, correct and up to date with the code (issue #12).

Marked ``catalogue`` (``pytest -m catalogue`` runs it alone); part of every run. The freshness check needs GNU
gettext's xgettext (`.ci/run` installs it).
"""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

from portal.core.i18n import PLURAL_FORMS

pytestmark = pytest.mark.catalogue

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
LOCALE = Path(settings.BASE_DIR) / "locale"
# %(name)s, %s, %d, %% and {name} / {0} placeholders must come through a translation unchanged.
PLACEHOLDER = re.compile(
    r"%\([A-Za-z_][A-Za-z0-9_]*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[-#0 +]*\d*(?:\.\d+)?[sdifr]|%%|\{[A-Za-z_0-9]*\}"
)


def catalogue(language: str) -> polib.POFile:
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"missing catalogue {path}"
    return polib.pofile(str(path))


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def problems(language: str) -> list[str]:
    po = catalogue(language)
    found = []
    if po.metadata.get("Plural-Forms", "").strip() != PLURAL_FORMS[language]:
        found.append(f"Plural-Forms is {po.metadata.get('Plural-Forms')!r}, not {PLURAL_FORMS[language]!r}")
    nplurals = int(re.search(r"nplurals=(\d+)", PLURAL_FORMS[language]).group(1))
    for entry in po:
        if entry.obsolete:
            continue
        where = f"{entry.msgid[:60]!r}"
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {where}")
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(index, "") for index in range(nplurals)]
            if len(entry.msgstr_plural) != nplurals or not all(forms):
                found.append(f"plural forms missing: {where}")
                continue
            wanted = placeholders(entry.msgid_plural)
            for form in forms:
                # A singular form may leave out the number (%d) that English writes; names must stay.
                if set(placeholders(form)) - set(wanted) or (
                    {p for p in wanted if p.startswith("%(")} - set(placeholders(form)) - {"%(n)d", "%(count)d"}
                ):
                    found.append(f"placeholders differ: {where}")
        else:
            if not entry.msgstr:
                found.append(f"untranslated: {where}")
            elif placeholders(entry.msgstr) != placeholders(entry.msgid):
                found.append(f"placeholders differ: {where} -> {entry.msgstr[:60]!r}")
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete_and_keeps_every_placeholder(language):
    found = problems(language)
    assert not found, f"{language}: {len(found)} problems, first: " + "; ".join(found[:10])


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (apt-get install gettext)")
def test_catalogues_are_up_to_date_with_the_code():
    """Extract the messages afresh and compare the message ids with the committed catalogue.

    makemessages writes into locale/ (whatever LOCALE_PATHS says), so the Tamil file is put back afterwards.
    """
    path = LOCALE / "ta" / "LC_MESSAGES" / "django.po"

    def ids() -> set[tuple[str, str]]:
        return {(entry.msgctxt or "", entry.msgid) for entry in polib.pofile(str(path)) if not entry.obsolete}

    original = path.read_bytes()
    committed = ids()
    try:
        call_command(
            "makemessages",
            locale=["ta"],
            no_obsolete=True,
            ignore_patterns=[".venv", "bench", "staticfiles", "media", "tests"],
            verbosity=0,
        )
        fresh = ids()
    finally:
        path.write_bytes(original)
    assert fresh == committed, (
        f"run `make makemessages` and translate: new {sorted(fresh - committed)[:5]}, gone {sorted(committed - fresh)[:5]}"
    )
