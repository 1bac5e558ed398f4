"""The update form refuses incomplete circulars and opportunities, past deadlines and files that are not PDFs."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.core.samples import demo_pdf_bytes
from portal.updates.forms import UpdateForm

pytestmark = pytest.mark.django_db


def form(data=None, files=None, association=None):
    values = {"kind": "news", "title": "Title", "body": "Body", "audience": "everyone"}
    values.update(data or {})
    return UpdateForm(values, files or {}, association=association)


def pdf():
    return SimpleUploadedFile("c.pdf", demo_pdf_bytes("Circular"), content_type="application/pdf")


def test_news_for_everyone_is_valid():
    assert form().is_valid()


def test_circular_without_number_or_pdf_is_refused():
    f = form({"kind": "circular"})
    assert not f.is_valid()
    assert "circular_number" in f.errors and "attachment" in f.errors


def test_circular_with_number_and_pdf_is_valid():
    assert form({"kind": "circular", "circular_number": "SIDBI/1"}, {"attachment": pdf()}).is_valid()


def test_attachment_that_is_not_a_pdf_is_refused_whatever_its_name():
    fake = SimpleUploadedFile("c.pdf", b"GIF89a not a pdf at all", content_type="application/pdf")
    f = form({"kind": "circular", "circular_number": "SIDBI/1"}, {"attachment": fake})
    assert not f.is_valid()
    assert "not a PDF" in str(f.errors["attachment"])


def test_opportunity_without_deadline_is_refused():
    f = form({"kind": "opportunity"})
    assert not f.is_valid() and "deadline" in f.errors


def test_opportunity_with_past_deadline_is_refused():
    f = form({"kind": "opportunity", "deadline": (timezone.localdate() - timedelta(days=1)).isoformat()})
    assert not f.is_valid() and "passed" in str(f.errors["deadline"])


def test_expiry_before_publishing_is_refused():
    f = form({"expires_at": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")})
    assert not f.is_valid() and "expires_at" in f.errors


def test_chosen_audience_without_any_choice_is_refused():
    f = form({"audience": "chosen"})
    assert not f.is_valid() and "audience" in f.errors


def test_association_form_offers_no_other_associations_nor_sidbi_or_provider_roles(association_a):
    f = UpdateForm(association=association_a)
    assert "target_associations" not in f.fields
    assert {value for value, _label in f.fields["target_roles"].choices} == {"members", "office_bearers"}
