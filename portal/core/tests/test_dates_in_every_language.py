"""Dates read in the reader's language, month and weekday names included, in all twelve languages (issue #12).

Django ships month names for nine of the eleven Indian languages; Assamese, Gujarati and Odia get theirs from
locale_dates/ (compiled with the portal's catalogues)."""

import datetime

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

from portal.core.management.commands.compile_catalogues import compile_catalogues

INDIAN = [code for code, _name in settings.LANGUAGES if code != "en"]


@pytest.fixture(autouse=True, scope="module")
def _compiled():
    compile_catalogues()


@pytest.mark.parametrize("language", INDIAN)
def test_month_and_weekday_names_are_in_the_readers_language(language):
    day = datetime.date(2026, 12, 4)  # a Friday
    with translation.override(language):
        text = date_format(day, "l j F Y") + " " + date_format(day, "j M Y") + " " + date_format(day, "N")
    assert not any(word in text for word in ("Friday", "December", "Dec", "dec")), text
    assert "2026" in text


def test_gujarati_odia_and_assamese_use_their_own_names():
    day = datetime.date(2026, 12, 4)
    expected = {"gu": "ડિસેમ્બર", "or": "ଡିସେମ୍ବର", "as": "ডিচেম্বৰ"}
    for language, december in expected.items():
        with translation.override(language):
            assert date_format(day, "j F Y") == f"4 {december} 2026"
