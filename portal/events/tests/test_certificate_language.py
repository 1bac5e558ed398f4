"""A certificate is written in its holder's language, with the font of that language's script (issue #12)."""

import time_machine
from django.utils import translation

from portal import testing
from portal.events import services
from portal.events.certificate import certificate_pdf
from portal.events.tests.conftest import add_member, make_event

BENGALI = {"Certificate of participation": "অংশগ্রহণের শংসাপত্র", "This is to certify that": "এতদ্বারা প্রত্যয়িত যে"}


def test_certificate_for_a_bengali_member_is_in_bengali_with_its_glyphs(
    settings, tmp_path, association_a, bearer_a, client_for
):
    testing.install_test_catalogue(settings, tmp_path, "bn", BENGALI)
    person = add_member(association_a, name="সুমিত্রা দাস")
    person.language = "bn"
    person.save(update_fields=["language"])
    event = make_event(owner=association_a, by=bearer_a, title="Lean manufacturing basics")
    registration = services.registration_create(event=event, by=person)
    with time_machine.travel(event.starts_at):
        services.attendance_mark(registration=registration, by=bearer_a)

    # The organiser reads the portal in English; the certificate is still the member's, in Bengali.
    with translation.override("en"):
        data = certificate_pdf(registration)
    assert any("NotoSansBengali" in font for font in testing.pdf_fonts(data))
    text = testing.pdf_text(data)
    for word in ("অংশগ্রহণের", "শংসাপত্র", "এতদ্বারা"):
        assert all(letter in text for letter in word if letter.isalpha())
    assert "Certificate of participation" not in text
    # The view serves the same document to the member.
    response = client_for(person).get(f"/events/{event.pk}/certificate.pdf")
    assert any("NotoSansBengali" in font for font in testing.pdf_fonts(response.content))
