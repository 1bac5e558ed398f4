"""Every script of the twelve languages comes out of a PDF as real glyphs in its own Noto font (issue #12)."""

import pytest

from portal import testing
from portal.core.pdf import PortalPDF

SAMPLES = {
    "Devanagari": "औद्योगिक संघ",  # Hindi: industry association
    "Bengali": "শিল্প সংস্থা",  # Bengali
    "Gujarati": "ઉદ્યોગ મંડળ",
    "Gurmukhi": "ਉਦਯੋਗ ਸੰਘ",
    "Kannada": "ಕೈಗಾರಿಕಾ ಸಂಘ",
    "Malayalam": "വ്യവസായ സംഘടന",
    "Oriya": "ଶିଳ୍ପ ସଂଘ",
    "Tamil": "தொழில் சங்கம்",
    "Telugu": "పరిశ్రమల సంఘం",
}


@pytest.mark.parametrize("script", SAMPLES)
def test_text_in_each_script_embeds_its_font_and_reads_back(script):
    pdf = PortalPDF(title="Certificate")
    pdf.heading(SAMPLES[script])
    pdf.paragraph(f"{SAMPLES[script]}: ₹12,34,567.00")
    data = pdf.to_bytes()

    fonts = testing.pdf_fonts(data)
    assert any(f"NotoSans{script}" in name for name in fonts), fonts
    # Only the fonts the text needs are embedded.
    others = set(SAMPLES) - {script}
    assert not any(f"NotoSans{other}-" in name for name in fonts for other in others)
    text = testing.pdf_text(data)
    assert "₹12,34,567.00" in text
    assert "\ufffd" not in text and "\x00" not in text
    # Every letter of the sample is found: no .notdef boxes (those extract as nothing or U+FFFD).
    letters = {c for c in SAMPLES[script] if c.isalpha()}
    assert letters <= set(text), letters - set(text)
