"""Registering an association: /associations/register/ (views.register, services.association_register)."""

from html import escape
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from portal import testing
from portal.associations.models import (
    Association,
    AssociationStaff,
    AssociationStatusChange,
    OfficeBearer,
    StaffRole,
    Status,
)
from portal.associations.tests.helpers import (
    NEW_PAN,
    NEW_REGISTRATION_NUMBER,
    PDF_BYTES,
    SECRETARY,
    application_data,
    assert_error_beside,
    certificate_upload,
    errors_of,
)
from portal.core.identifiers import make_gstin
from portal.core.models import AuditLog

REGISTER_URL = reverse("associations:register")


def saved_rows() -> dict:
    """Everything a registration writes, counted; compared before and after a refused one."""
    media = Path(settings.MEDIA_ROOT)
    return {
        "associations": Association.objects.count(),
        "office_bearers": OfficeBearer.objects.count(),
        "staff": AssociationStaff.objects.count(),
        "status_changes": AssociationStatusChange.objects.count(),
        "audit": AuditLog.objects.count(),
        "files": sum(1 for path in media.rglob("*") if path.is_file()) if media.exists() else 0,
    }


@pytest.fixture
def register(client_for, applicant):
    """Post the registration form as the applicant and return the response."""
    client = client_for(applicant)

    def post(data, **kwargs):
        return client.post(REGISTER_URL, data, **kwargs)

    return post


# --- A complete application ---------------------------------------------------------------------


def test_complete_application_is_saved_as_submitted_with_everything_typed(
    register, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = register(application_data(), follow=True)

    association = Association.objects.get(pan=NEW_PAN)
    assert response.redirect_chain == [(association.get_absolute_url(), 302)]
    assert association.status == Status.SUBMITTED
    assert association.approved_at is None
    assert association.name == "Coimbatore Pump Makers Association"
    assert association.slug == "coimbatore-pump-makers-association"
    assert association.legal_form == "society"
    assert association.registration_number == NEW_REGISTRATION_NUMBER
    assert association.gstin == make_gstin("33", NEW_PAN)
    assert association.year_founded == 1998
    assert [s.slug for s in association.sectors.all()] == ["engineering"]
    assert (association.cluster_name, association.district, association.state.code) == (
        "Coimbatore pumps and motors",
        "Coimbatore",
        "TN",
    )
    assert (association.address, association.pin_code) == ("45, Avarampalayam Road", "641006")
    assert association.approx_member_count == 340
    assert association.website == "https://pumpmakers.example.in"
    assert association.email == "office@pumpmakers.example.in"
    assert association.phone == "+919443312345"  # normalised from "+91 94433 12345"
    assert association.created_by == applicant
    with association.registration_certificate.open("rb") as stored:
        assert stored.read() == PDF_BYTES
    bearer = association.office_bearers.get()
    assert (bearer.name, bearer.designation, bearer.phone, bearer.email) == (
        "R. Palaniswamy",
        "Secretary",
        "+919843055555",
        "secretary@pumpmakers.example.in",
    )
    assert "Application submitted. SIDBI will review it" in response.content.decode()


def test_applicant_becomes_the_admin_office_bearer_of_the_new_association(register, applicant):
    register(application_data())

    association = Association.objects.get(pan=NEW_PAN)
    staff = AssociationStaff.objects.get(association=association)
    assert (staff.user, staff.role) == (applicant, StaffRole.ADMIN)


def test_first_status_change_records_who_submitted_and_when(register, applicant):
    before = timezone.now()
    register(application_data())

    association = Association.objects.get(pan=NEW_PAN)
    change = association.status_changes.get()
    assert (change.from_status, change.to_status, change.by) == ("", Status.SUBMITTED, applicant)
    assert before <= change.at <= timezone.now()
    assert change.reason == "Application submitted"
    log = AuditLog.objects.for_object(association).get()
    assert (log.action, log.actor, log.association) == ("association.registered", applicant, association)


def test_sidbi_officers_are_emailed_a_link_to_review_the_application(
    register, officer, authority, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(application_data())

    association = Association.objects.get(pan=NEW_PAN)
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [officer.email]  # officers review; the sanctioning authority is not asked
    assert "Coimbatore Pump Makers Association" in email.subject
    assert reverse("associations:review", args=[association.slug]) in email.body
    assert "Tamil Nadu" in email.body


def test_application_without_gstin_is_accepted(register):
    register(application_data(gstin=""))

    assert Association.objects.get(pan=NEW_PAN).gstin == ""


def test_identifiers_typed_in_lower_case_with_spaces_are_stored_normalised(register):
    gstin = make_gstin("33", NEW_PAN)
    register(application_data(pan=f" {NEW_PAN.lower()} ", gstin=gstin.lower(), registration_number="tn/2019/soc/00777"))

    association = Association.objects.get()
    assert (association.pan, association.gstin) == (NEW_PAN, gstin)
    assert association.registration_number == NEW_REGISTRATION_NUMBER


def test_anonymous_visitor_is_sent_to_log_in_and_nothing_is_saved(anonymous, db):
    before = saved_rows()
    response = anonymous.post(REGISTER_URL, application_data())

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=/associations/register/" in response.url
    assert saved_rows() == before


def test_register_page_shows_the_office_bearer_management_form(client_for, applicant):
    html = client_for(applicant).get(REGISTER_URL).content.decode()

    assert 'name="bearers-TOTAL_FORMS"' in html
    assert 'name="bearers-0-name"' in html
    assert 'name="registration_certificate"' in html
    assert 'enctype="multipart/form-data"' in html


# --- Duplicates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", [NEW_PAN, NEW_PAN.lower(), f"  {NEW_PAN[:5]} {NEW_PAN[5:]} "])
def test_pan_already_registered_is_refused_beside_the_field(register, typed):
    testing.make_association(pan=NEW_PAN, gstin="")
    before = saved_rows()

    response = register(application_data(pan=typed, gstin=""))

    assert_error_beside(response, "pan", "An association with this PAN is already registered.")
    assert saved_rows() == before


@pytest.mark.parametrize("typed", ["tn/2019/soc/00777", "  TN/2019/SOC/00777  ", "Tn/2019/Soc/00777"])
def test_registration_number_already_registered_is_refused_beside_the_field(register, typed):
    testing.make_association(registration_number=NEW_REGISTRATION_NUMBER)
    before = saved_rows()

    response = register(application_data(registration_number=typed))

    assert_error_beside(response, "registration_number", "this registration number is already registered")
    assert saved_rows() == before


def test_registration_number_with_extra_inner_spaces_is_the_same_number(register):
    testing.make_association(registration_number="S NO 123 OF 2001")
    before = saved_rows()

    response = register(application_data(registration_number="s  no 123   of 2001"))

    assert_error_beside(response, "registration_number", "this registration number is already registered")
    assert saved_rows() == before


def test_second_application_racing_past_the_form_check_is_refused_by_the_database(register, monkeypatch):
    """Two applicants submit the same PAN at once: the form check passes for both, the constraint decides."""
    from portal.associations.forms import AssociationForm

    register(application_data())
    before = saved_rows()
    monkeypatch.setattr(AssociationForm, "validate_unique", lambda self: None)

    response = register(application_data(name="Another", registration_number="TN/2020/SOC/1", gstin=""))

    assert response.status_code == 200
    assert "already registered" in " ".join(response.context["form"].non_field_errors())
    assert saved_rows() == before  # the certificate file written before the refused insert is removed too


def test_duplicate_with_gstin_names_the_fields_and_never_shows_a_constraint_name(register):
    testing.make_association(pan=NEW_PAN)  # the factory gives it the GSTIN built from the PAN
    before = saved_rows()

    response = register(application_data())

    assert_error_beside(response, "pan", "An association with this PAN is already registered.")
    assert_error_beside(response, "gstin", "An association with this GSTIN is already registered.")
    html = response.content.decode()
    assert "Constraint" not in html
    assert "association_gstin_unique" not in html
    assert saved_rows() == before


# --- Identifiers and values -----------------------------------------------------------------------


def test_gstin_that_does_not_contain_the_pan_is_refused(register):
    other_pan = testing.pan_for(9877, "T")
    before = saved_rows()

    response = register(application_data(gstin=make_gstin("33", other_pan)))

    assert_error_beside(response, "gstin", "does not contain the association's PAN")
    assert saved_rows() == before


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("pan", "ABCDE12345", "Enter a PAN of five letters, four digits and a letter"),
        ("pan", "1234567890", "Enter a PAN of five letters"),
        ("gstin", "33AAAAA0000A1Z0", "GSTIN"),
        ("pin_code", "041006", "A PIN code has six digits"),
        ("pin_code", "64100", "A PIN code has six digits"),
        ("phone", "12345", "Enter a 10-digit Indian mobile number"),
        ("phone", "+91 54433 12345", "Enter a 10-digit Indian mobile number"),
        ("year_founded", str(timezone.localdate().year + 1), "Enter a year between 1850 and this year."),
        ("year_founded", "1700", "Enter a year between 1850 and this year."),
        ("year_founded", "99999999999999999999999", "Enter a year between 1850 and this year."),
        ("year_founded", "nineteen", "Enter a whole number."),
        ("email", "not-an-email", "Enter a valid email address."),
        ("website", "javascript:alert(1)", "Enter a valid URL."),
        ("approx_member_count", "-5", "greater than or equal to 0"),
        ("approx_member_count", "99999999999999999999999", "less than or equal to"),
        ("legal_form", "company", "Select a valid choice."),
        ("state", "99999", "Select a valid choice."),
        ("sectors", ["99999"], "Select a valid choice."),
    ],
)
def test_invalid_value_is_refused_beside_its_field_and_nothing_is_saved(register, field, value, fragment):
    before = saved_rows()

    response = register(application_data(**{field: value}))

    assert_error_beside(response, field, fragment)
    assert saved_rows() == before


@pytest.mark.parametrize(
    "field", ["name", "legal_form", "registration_number", "pan", "year_founded", "sectors", "state", "phone"]
)
def test_missing_required_field_is_refused(register, field):
    before = saved_rows()

    response = register(application_data(**{field: None}))

    assert_error_beside(response, field, "This field is required.")
    assert saved_rows() == before


def test_mobile_number_of_an_office_bearer_is_checked(register):
    before = saved_rows()

    response = register(application_data(bearers=({**SECRETARY, "phone": "0000"},)))

    assert response.status_code == 200
    assert "Enter a 10-digit Indian mobile number" in response.context["formset"].forms[0].errors["phone"][0]
    assert "Enter a 10-digit Indian mobile number" in response.content.decode()
    assert saved_rows() == before


# --- The certificate ----------------------------------------------------------------------------


def test_text_file_renamed_pdf_is_refused(register):
    before = saved_rows()
    fake = certificate_upload("certificate.pdf", b"This is not a certificate, just text.\n" * 20)

    response = register(application_data(certificate=fake))

    assert_error_beside(response, "registration_certificate", "This file is not a PDF or JPEG, PNG or WebP image")
    assert saved_rows() == before


def test_certificate_larger_than_the_limit_is_refused(register):
    before = saved_rows()
    big = certificate_upload("certificate.pdf", PDF_BYTES + b"\n%" + b"x" * settings.UPLOAD_MAX_BYTES)

    response = register(application_data(certificate=big))

    assert_error_beside(response, "registration_certificate", "the largest allowed is 5.0\xa0MB")
    assert saved_rows() == before


def test_empty_certificate_is_refused(register):
    before = saved_rows()

    response = register(application_data(certificate=certificate_upload("certificate.pdf", b"")))

    assert response.status_code == 200
    assert errors_of(response, "registration_certificate")
    assert saved_rows() == before


def test_missing_certificate_is_refused(register):
    data = application_data()
    del data["registration_certificate"]
    before = saved_rows()

    response = register(data)

    assert_error_beside(response, "registration_certificate", "This field is required.")
    assert saved_rows() == before


def test_pdf_uploaded_under_a_web_page_name_is_stored_and_served_as_a_pdf(register, client_for, officer):
    """The content was checked, so the stored name must not let a browser treat it as HTML."""
    register(application_data(certificate=certificate_upload("certificate.html", PDF_BYTES, "text/html")))

    association = Association.objects.get(pan=NEW_PAN)
    assert association.registration_certificate.name.endswith(".pdf")
    response = client_for(officer).get(reverse("associations:certificate", args=[association.slug]))
    assert response["Content-Type"] == "application/pdf"


# --- Office-bearers -----------------------------------------------------------------------------


def test_application_without_office_bearers_is_refused(register):
    before = saved_rows()

    response = register(application_data(bearers=()))

    assert response.status_code == 200
    assert "Please submit at least 1 form." in response.context["formset"].non_form_errors()
    assert escape("Please submit at least 1 form.") in response.content.decode()
    assert saved_rows() == before


def test_blank_office_bearer_rows_do_not_count(register):
    before = saved_rows()
    blank = {"name": "", "designation": "", "phone": "", "email": ""}

    response = register(application_data(bearers=(blank, blank)))

    assert "Please submit at least 1 form." in response.context["formset"].non_form_errors()
    assert saved_rows() == before


def test_office_bearers_all_saved_with_the_application(register):
    treasurer = {"name": "M. Kavitha", "designation": "Treasurer", "phone": "9443300000", "email": "t@p.example.in"}
    register(application_data(bearers=(SECRETARY, treasurer)))

    association = Association.objects.get(pan=NEW_PAN)
    assert [(b.name, b.designation) for b in association.office_bearers.all()] == [
        ("R. Palaniswamy", "Secretary"),
        ("M. Kavitha", "Treasurer"),
    ]


def test_more_than_fifteen_office_bearers_are_refused(register):
    before = saved_rows()
    rows = tuple({**SECRETARY, "name": f"Bearer {n}", "email": f"b{n}@p.example.in"} for n in range(16))

    response = register(application_data(bearers=rows))

    assert response.status_code == 200
    assert "Please submit at most 15 forms." in response.context["formset"].non_form_errors()
    assert saved_rows() == before


def test_missing_management_form_is_a_form_error_not_a_crash(register):
    data = {k: v for k, v in application_data().items() if not k.startswith("bearers-")}
    before = saved_rows()

    response = register(data)

    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    assert saved_rows() == before


def test_bad_office_bearer_and_good_association_saves_neither(register):
    before = saved_rows()

    response = register(application_data(bearers=({**SECRETARY, "email": "nobody"},)))

    assert response.status_code == 200
    assert response.context["form"].is_valid()
    assert "Enter a valid email address." in response.context["formset"].forms[0].errors["email"]
    assert saved_rows() == before


def test_errors_in_both_the_form_and_the_office_bearers_are_shown_together(register):
    response = register(application_data(pin_code="1", bearers=({**SECRETARY, "email": "nobody"},)))

    html = response.content.decode()
    assert "A PIN code has six digits" in html
    assert "Enter a valid email address." in html


# --- Other scripts and very long text -------------------------------------------------------------


def test_hindi_name_and_address_are_kept_and_shown_back(register):
    name = "कोयंबटूर पंप निर्माता संघ"
    response = register(
        application_data(name=name, address="45, अवरमपालयम रोड", cluster_name="कोयंबटूर पंप", district="कोयंबटूर"),
        follow=True,
    )

    association = Association.objects.get(pan=NEW_PAN)
    assert association.name == name
    assert association.address == "45, अवरमपालयम रोड"
    assert association.slug  # a usable address even though slugify keeps only ASCII
    html = response.content.decode()
    assert name in html
    assert "45, अवरमपालयम रोड" in html


def test_two_hindi_named_associations_get_different_working_addresses(register, client_for, applicant):
    register(application_data(name="कोयंबटूर पंप निर्माता संघ"))
    other = testing.make_user("other@example.in")
    data = application_data(
        name="तिरुप्पुर बुनाई संघ", pan=testing.pan_for(9990, "T"), gstin="", registration_number="TN/1/2"
    )
    client_for(other).post(REGISTER_URL, data)

    mine = Association.objects.get(created_by=applicant)
    theirs = Association.objects.get(created_by=other)
    assert mine.slug != theirs.slug
    assert "कोयंबटूर पंप निर्माता संघ" in client_for(applicant).get(mine.get_absolute_url()).content.decode()
    assert "तिरुप्पुर बुनाई संघ" in client_for(other).get(theirs.get_absolute_url()).content.decode()


@pytest.mark.parametrize("script_name", ["திருப்பூர் பின்னலாடை சங்கம்", "ਲੁਧਿਆਣਾ ਇੰਜੀਨੀਅਰਿੰਗ ਐਸੋਸੀਏਸ਼ਨ", "কলকাতা"])
def test_names_in_other_indian_scripts_are_accepted(register, script_name):
    response = register(application_data(name=script_name), follow=True)

    assert Association.objects.get(pan=NEW_PAN).name == script_name
    assert script_name in response.content.decode()


@pytest.mark.parametrize(
    ("field", "limit"),
    [("name", 200), ("address", 500), ("cluster_name", 120), ("district", 80), ("about", 4000), ("email", 254)],
)
def test_very_long_text_is_a_form_error_not_a_crash(register, field, limit):
    before = saved_rows()
    value = "अ" * 10_000 if field != "email" else "a" * 10_000 + "@example.in"

    response = register(application_data(**{field: value}))

    assert response.status_code == 200
    assert errors_of(response, field)
    assert saved_rows() == before


def test_very_long_office_bearer_name_is_a_form_error(register):
    before = saved_rows()

    response = register(application_data(bearers=({**SECRETARY, "name": "x" * 10_000},)))

    assert response.status_code == 200
    assert "at most 120 characters" in response.context["formset"].forms[0].errors["name"][0]
    assert saved_rows() == before


def test_form_keeps_what_was_typed_after_an_error(register):
    response = register(application_data(pin_code="12", district="कोयंबटूर"))

    html = response.content.decode()
    assert 'value="कोयंबटूर"' in html
    assert 'value="R. Palaniswamy"' in html
