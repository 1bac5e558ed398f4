"""Money keeps the Indian grouping in every language; only the words of a summary change (issue #12)."""

import pytest
from django.template import Context, Template
from django.utils import translation

from portal import testing
from portal.core.money import format_inr, format_inr_short


@pytest.mark.parametrize("language", ["en", "hi", "as", "bn", "gu", "kn", "ml", "mr", "or", "pa", "ta", "te"])
def test_indian_grouping_in_every_language(language):
    with translation.override(language):
        assert format_inr("1234567.5") == "₹12,34,567.50"
        html = Template("{% load portal_tags %}{{ v|inr }} {{ v|inr_short }}").render(Context({"v": 12345678}))
        assert html.startswith("₹1,23,45,678.00 ")


def test_crore_and_lakh_are_translated(settings, tmp_path):
    testing.install_test_catalogue(
        settings, tmp_path, "hi", {"%(amount)s crore": "%(amount)s करोड़", "%(amount)s lakh": "%(amount)s लाख"}
    )
    with translation.override("hi"):
        assert format_inr_short("12000000") == "₹1.20 करोड़"
        assert format_inr_short("450000") == "₹4.50 लाख"
    assert format_inr_short("12000000") == "₹1.20 crore"
