"""Helpers shared by the association registry tests: a valid application as the browser posts it."""

from html import escape

from django.core.files.uploadedfile import SimpleUploadedFile

from portal import testing
from portal.core.identifiers import make_gstin
from portal.core.models import Sector, State
from portal.core.samples import demo_pdf_bytes

# Kind "T" (trust) with a high counter: the factories only make kinds A and P, so never a clash.
NEW_PAN = testing.pan_for(9876, "T")
NEW_REGISTRATION_NUMBER = "TN/2019/SOC/00777"
PDF_BYTES = demo_pdf_bytes("Registration certificate of the Coimbatore Pump Makers")


def certificate_upload(name: str = "certificate.pdf", content: bytes = PDF_BYTES, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def bearer_rows(*rows: dict, prefix: str = "bearers", initial: int = 0) -> dict:
    """The office-bearer formset as the page posts it, management form included."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "1",
        f"{prefix}-MAX_NUM_FORMS": "15",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


SECRETARY = {
    "name": "R. Palaniswamy",
    "designation": "Secretary",
    "phone": "98430 55555",
    "email": "secretary@pumpmakers.example.in",
}


def application_data(*, bearers: tuple[dict, ...] = (SECRETARY,), certificate=None, **overrides) -> dict:
    """A complete, valid registration as posted from /associations/register/; None drops a field."""
    tamil_nadu = State.objects.get(code="TN")
    data = {
        "name": "Coimbatore Pump Makers Association",
        "legal_form": "society",
        "registration_number": NEW_REGISTRATION_NUMBER,
        "pan": NEW_PAN,
        "gstin": make_gstin(tamil_nadu.gst_code, NEW_PAN),
        "year_founded": "1998",
        "sectors": [Sector.objects.get(slug="engineering").pk],
        "cluster_name": "Coimbatore pumps and motors",
        "state": tamil_nadu.pk,
        "district": "Coimbatore",
        "address": "45, Avarampalayam Road",
        "pin_code": "641006",
        "approx_member_count": "340",
        "website": "https://pumpmakers.example.in",
        "email": "office@pumpmakers.example.in",
        "phone": "+91 94433 12345",
        "about": "Makers of domestic and agricultural pumps.",
        "registration_certificate": certificate if certificate is not None else certificate_upload(),
    }
    data.update(overrides)
    data.update(bearer_rows(*bearers))
    return {key: value for key, value in data.items() if value is not None}


def errors_of(response, field: str, form: str = "form") -> list[str]:
    return list(response.context[form].errors.get(field, []))


def assert_error_beside(response, field: str, fragment: str, form: str = "form") -> None:
    """The message is attached to the field and shown on the page, where the user fixes it."""
    assert response.status_code == 200
    errors = errors_of(response, field, form)
    assert any(fragment in error for error in errors), errors
    html = response.content.decode()
    assert any(f'<p class="error" role="alert">{escape(error)}</p>' in html for error in errors), errors


def page_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def edit_data(association, *, bearers=None, **overrides) -> dict:
    """The application page posted back unchanged (office-bearers with their ids), with some fields changed."""
    data = {
        "name": association.name,
        "legal_form": association.legal_form,
        "registration_number": association.registration_number,
        "pan": association.pan,
        "gstin": association.gstin,
        "year_founded": str(association.year_founded),
        "sectors": [sector.pk for sector in association.sectors.all()],
        "cluster_name": association.cluster_name,
        "state": association.state_id,
        "district": association.district,
        "address": association.address,
        "pin_code": association.pin_code,
        "approx_member_count": str(association.approx_member_count),
        "website": association.website,
        "email": association.email,
        "phone": association.phone,
        "about": association.about,
    }
    data.update(overrides)
    existing = list(association.office_bearers.all())
    if bearers is None:
        bearers = tuple(
            {"id": b.pk, "name": b.name, "designation": b.designation, "phone": b.phone, "email": b.email}
            for b in existing
        )
    data.update(bearer_rows(*bearers, initial=len(existing)))
    return {key: value for key, value in data.items() if value is not None}
