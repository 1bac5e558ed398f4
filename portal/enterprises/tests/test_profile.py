"""The enterprise profile: create (/enterprises/new/), view (/<pk>/) and edit (/<pk>/edit/)."""

from html import escape

import pytest
from django.urls import reverse

from portal import testing
from portal.core.identifiers import make_gstin
from portal.core.models import AuditLog, Sector, State
from portal.enterprises.models import Enterprise, EnterpriseRole, EnterpriseUser

CREATE_URL = reverse("enterprises:create")
PAN = testing.pan_for(4321, "F")  # kind F: never produced by the factories, so never a clash
UDYAM = "UDYAM-TN-12-7654321"


def profile_data(**overrides) -> dict:
    tamil_nadu = State.objects.get(code="TN")
    data = {
        "name": "Sri Murugan Knit Fabrics",
        "udyam_number": UDYAM,
        "pan": PAN,
        "gstin": make_gstin(tamil_nadu.gst_code, PAN),
        "category": "small",
        "sector": Sector.objects.get(slug="textiles").pk,
        "products": "Interlock and rib knitted fabric",
        "employees": "45",
        "address": "SF 112, Avinashi Road",
        "district": "Tiruppur",
        "state": tamil_nadu.pk,
        "pin_code": "641603",
        "phone": "98430 12345",
        "email": "accounts@murugan-knit.example.in",
        "website": "https://murugan-knit.example.in",
        "shared_fields": ["products", "phone"],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def field_errors(response, field: str) -> list[str]:
    return response.context["form"].errors.get(field, [])


def assert_error_beside(response, field: str, fragment: str) -> None:
    """The message is attached to the field and shown on the page, so the user sees where to fix it."""
    assert response.status_code == 200
    errors = field_errors(response, field)
    assert any(fragment in error for error in errors), errors
    html = response.content.decode()
    assert any(escape(error) in html for error in errors)
    assert 'class="error" role="alert"' in html


@pytest.fixture
def owner(db):
    return testing.make_user("owner@murugan-knit.example.in", full_name="S. Murugan")


# --- Creating a profile -------------------------------------------------------------------------


def test_new_profile_makes_its_creator_the_owner_and_writes_an_audit_row(client_for, owner):
    response = client_for(owner).post(CREATE_URL, profile_data())

    enterprise = Enterprise.objects.get(udyam_number=UDYAM)
    assert response.status_code == 302
    assert response.url == enterprise.get_absolute_url()
    assert enterprise.name == "Sri Murugan Knit Fabrics"
    assert enterprise.pan == PAN
    assert enterprise.gstin == make_gstin("33", PAN)
    assert enterprise.category == "small"
    assert enterprise.sector.slug == "textiles"
    assert enterprise.products == "Interlock and rib knitted fabric"
    assert enterprise.employees == 45
    assert (enterprise.district, enterprise.state.code, enterprise.pin_code) == ("Tiruppur", "TN", "641603")
    assert enterprise.phone == "+919843012345"  # normalised from what was typed
    assert enterprise.shared_fields == ["products", "phone"]
    person = EnterpriseUser.objects.get(enterprise=enterprise)
    assert (person.user, person.role) == (owner, EnterpriseRole.OWNER)
    log = AuditLog.objects.for_object(enterprise).get()
    assert (log.action, log.actor) == ("enterprise.created", owner)


def test_identifiers_typed_in_lower_case_with_spaces_are_stored_normalised(client_for, owner):
    data = profile_data(udyam_number=" udyam-tn-12-7654321 ", pan=PAN.lower(), gstin=make_gstin("33", PAN).lower())
    client_for(owner).post(CREATE_URL, data)

    enterprise = Enterprise.objects.get()
    assert (enterprise.udyam_number, enterprise.pan) == (UDYAM, PAN)
    assert enterprise.gstin == make_gstin("33", PAN)


def test_profile_without_gstin_or_phone_is_accepted(client_for, owner):
    client_for(owner).post(CREATE_URL, profile_data(gstin="", phone=""))

    enterprise = Enterprise.objects.get(udyam_number=UDYAM)
    assert (enterprise.gstin, enterprise.phone) == ("", "")


def test_hindi_names_and_addresses_are_kept_as_typed(client_for, owner):
    data = profile_data(name="श्री गणेश होज़री उद्योग", address="गली नं. 4, फोकल पॉइंट", products="ऊनी मोज़े")
    response = client_for(owner).post(CREATE_URL, data, follow=True)

    enterprise = Enterprise.objects.get(udyam_number=UDYAM)
    assert enterprise.name == "श्री गणेश होज़री उद्योग"
    assert enterprise.address == "गली नं. 4, फोकल पॉइंट"
    assert "श्री गणेश होज़री उद्योग" in response.content.decode()


def test_new_profile_offers_the_modest_default_of_what_fellow_members_see(client_for, owner):
    response = client_for(owner).get(CREATE_URL)

    assert response.context["form"]["shared_fields"].value() == ["products", "size", "location"]


def test_after_creating_the_profile_the_user_returns_to_the_page_that_sent_them(client_for, owner, association_a):
    response = client_for(owner).post(f"{CREATE_URL}?next=/associations/tiruppur/", profile_data())

    assert response.status_code == 302
    assert response.url == "/associations/tiruppur/"


def test_next_pointing_to_another_site_is_ignored(client_for, owner):
    response = client_for(owner).post(f"{CREATE_URL}?next=https://evil.example.com/", profile_data())

    assert response.url == Enterprise.objects.get().get_absolute_url()


def test_anonymous_visitor_is_sent_to_log_in(anonymous):
    response = anonymous.post(CREATE_URL, profile_data())

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not Enterprise.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("udyam_number", "UDYAM-TN-1-12345", "UDYAM-XX-00-0000000"),
        ("udyam_number", "TN12-0001234", "UDYAM-XX-00-0000000"),
        ("pan", "ABCD1234E", "five letters, four digits and a letter"),
        ("pan", "ABCDE12345", "five letters, four digits and a letter"),
        ("pin_code", "041603", "six digits"),
        ("pin_code", "64160", "six digits"),
        ("phone", "12345", "10-digit Indian mobile number"),
        ("phone", "+91 5843012345", "10-digit Indian mobile number"),
        ("email", "not-an-email", "valid email"),
        ("employees", "-3", "greater than or equal to 0"),
        ("category", "huge", "Select a valid choice"),
    ],
)
def test_bad_value_is_refused_beside_its_field_and_nothing_is_saved(client_for, owner, field, value, message):
    response = client_for(owner).post(CREATE_URL, profile_data(**{field: value}))

    assert_error_beside(response, field, message)
    assert not Enterprise.objects.exists()
    assert not AuditLog.objects.exclude(action__startswith="security.").exists()  # the log-in itself is one


def test_gstin_with_wrong_check_character_is_refused(client_for, owner):
    good = make_gstin("33", PAN)
    wrong_check = good[:14] + ("A" if good[14] != "A" else "B")
    response = client_for(owner).post(CREATE_URL, profile_data(gstin=wrong_check))

    assert_error_beside(response, "gstin", "check character does not match")
    assert not Enterprise.objects.exists()


def test_gstin_that_does_not_contain_the_pan_is_refused(client_for, owner):
    other_pan = testing.pan_for(4322, "F")
    response = client_for(owner).post(CREATE_URL, profile_data(gstin=make_gstin("33", other_pan)))

    assert_error_beside(response, "gstin", "does not contain this PAN")
    assert not Enterprise.objects.exists()


def test_gstin_registered_in_another_state_is_refused(client_for, owner):
    punjab_gstin = make_gstin(State.objects.get(code="PB").gst_code, PAN)
    response = client_for(owner).post(CREATE_URL, profile_data(gstin=punjab_gstin))

    assert_error_beside(response, "gstin", "registered in another state (code 03)")
    assert "Tamil Nadu has code 33" in field_errors(response, "gstin")[0]
    assert not Enterprise.objects.exists()


def test_udyam_number_already_on_the_portal_is_refused(client_for, owner, member_a):
    response = client_for(owner).post(CREATE_URL, profile_data(udyam_number=member_a.enterprise.udyam_number))

    assert_error_beside(response, "udyam_number", "An enterprise with this Udyam number is already on the portal.")
    assert Enterprise.objects.count() == 1
    assert not EnterpriseUser.objects.filter(user=owner).exists()


def test_gstin_already_on_the_portal_is_refused_beside_the_field(client_for, owner):
    taken = testing.make_enterprise(pan=PAN, udyam_number="UDYAM-TN-12-1111111")
    response = client_for(owner).post(CREATE_URL, profile_data())

    assert_error_beside(response, "gstin", "An enterprise with this GSTIN is already on the portal.")
    assert list(Enterprise.objects.all()) == [taken]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "क" * 201),
        ("products", "Knitted fabric " * 200),
        ("address", "Avinashi Road, " * 40),
        ("district", "D" * 81),
        ("email", "a" * 250 + "@example.in"),
        ("website", "https://example.in/" + "p" * 300),
        ("employees", "9" * 30),
        ("udyam_number", "UDYAM-TN-12-" + "1" * 500),
    ],
)
def test_very_long_input_gives_a_form_error_not_a_crash(client_for, owner, field, value):
    response = client_for(owner).post(CREATE_URL, profile_data(**{field: value}))

    assert response.status_code == 200
    assert field_errors(response, field)
    assert not Enterprise.objects.exists()


def test_missing_required_fields_are_each_named(client_for, owner):
    blank = dict.fromkeys(profile_data(), "")
    response = client_for(owner).post(CREATE_URL, blank)

    errors = response.context["form"].errors
    for field in ["name", "udyam_number", "pan", "category", "sector", "employees", "address", "district", "state"]:
        assert "This field is required." in errors[field], field
    assert not Enterprise.objects.exists()


# --- Viewing a profile ----------------------------------------------------------------------------


def test_owner_sees_the_full_profile_with_people_and_memberships(client_for, member_a, association_a):
    enterprise = member_a.enterprise
    response = client_for(member_a).get(enterprise.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    for value in [enterprise.udyam_number, enterprise.pan, enterprise.gstin, enterprise.phone, member_a.email]:
        assert value in html
    assert association_a.name in html
    assert reverse("enterprises:edit", args=[enterprise.pk]) in html


def test_member_of_other_association_gets_404_on_someone_elses_profile(client_for, member_a, member_b):
    response = client_for(member_b).get(member_a.enterprise.get_absolute_url())

    assert response.status_code == 404


def test_office_bearer_of_the_enterprises_association_gets_404_on_its_full_profile(client_for, member_a, bearer_a):
    # Office-bearers see what the member chose to share, in the member directory; not the full profile.
    response = client_for(bearer_a).get(member_a.enterprise.get_absolute_url())

    assert response.status_code == 404


def test_anonymous_visitor_is_sent_to_log_in_from_a_profile(anonymous, member_a):
    response = anonymous.get(member_a.enterprise.get_absolute_url())

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_sidbi_officer_sees_any_profile_but_cannot_edit_it(client_for, officer, member_a):
    client = client_for(officer)
    enterprise = member_a.enterprise

    view = client.get(enterprise.get_absolute_url())
    edit = client.post(reverse("enterprises:edit", args=[enterprise.pk]), profile_data(name="Changed by SIDBI"))

    assert view.status_code == 200
    assert enterprise.pan in view.content.decode()
    assert reverse("enterprises:edit", args=[enterprise.pk]) not in view.content.decode()
    assert edit.status_code == 403
    enterprise.refresh_from_db()
    assert enterprise.name == "A Knit Works"


def test_unknown_enterprise_is_404(client_for, member_a):
    response = client_for(member_a).get(reverse("enterprises:detail", args=[999999]))

    assert response.status_code == 404


# --- Editing a profile ----------------------------------------------------------------------------


def edit_data(enterprise: Enterprise, **overrides) -> dict:
    data = {
        "name": enterprise.name,
        "udyam_number": enterprise.udyam_number,
        "pan": enterprise.pan,
        "gstin": enterprise.gstin,
        "category": enterprise.category,
        "sector": enterprise.sector_id,
        "products": enterprise.products,
        "employees": enterprise.employees,
        "address": enterprise.address,
        "district": enterprise.district,
        "state": enterprise.state_id,
        "pin_code": enterprise.pin_code,
        "phone": enterprise.phone,
        "email": enterprise.email,
        "website": enterprise.website,
        "shared_fields": enterprise.shared_fields,
    }
    data.update(overrides)
    return data


def test_owner_edits_the_profile_and_the_audit_row_names_the_changed_fields(client_for, member_a):
    enterprise = member_a.enterprise
    data = edit_data(enterprise, employees=30, products="Polo shirts", shared_fields=["products"])
    response = client_for(member_a).post(reverse("enterprises:edit", args=[enterprise.pk]), data)

    assert response.status_code == 302
    enterprise.refresh_from_db()
    assert (enterprise.employees, enterprise.products, enterprise.shared_fields) == (30, "Polo shirts", ["products"])
    log = AuditLog.objects.for_object(enterprise).get(action="enterprise.updated")
    assert log.actor == member_a
    assert sorted(log.data["fields"]) == ["employees", "products", "shared_fields"]


def test_saving_an_unchanged_profile_is_not_refused_for_its_own_udyam_or_gstin(client_for, member_a):
    enterprise = member_a.enterprise
    response = client_for(member_a).post(reverse("enterprises:edit", args=[enterprise.pk]), edit_data(enterprise))

    assert response.status_code == 302
    log = AuditLog.objects.for_object(enterprise).get(action="enterprise.updated")
    assert log.data["fields"] == []


def test_edit_with_bad_pin_is_refused_and_nothing_changes(client_for, member_a):
    enterprise = member_a.enterprise
    data = edit_data(enterprise, pin_code="12AB56", name="Renamed Knit Works")
    response = client_for(member_a).post(reverse("enterprises:edit", args=[enterprise.pk]), data)

    assert_error_beside(response, "pin_code", "six digits")
    enterprise.refresh_from_db()
    assert (enterprise.name, enterprise.pin_code) == ("A Knit Works", "641604")
    assert not AuditLog.objects.filter(action="enterprise.updated").exists()


def test_edit_taking_another_enterprises_udyam_number_is_refused(client_for, member_a, member_b):
    enterprise = member_a.enterprise
    data = edit_data(enterprise, udyam_number=member_b.enterprise.udyam_number)
    response = client_for(member_a).post(reverse("enterprises:edit", args=[enterprise.pk]), data)

    assert_error_beside(response, "udyam_number", "already on the portal")
    enterprise.refresh_from_db()
    assert enterprise.udyam_number != member_b.enterprise.udyam_number


def test_staff_of_the_enterprise_sees_the_profile_but_gets_403_on_edit(client_for, member_a):
    staff = testing.make_user("clerk@aknit.example.in")
    EnterpriseUser.objects.create(enterprise=member_a.enterprise, user=staff, role=EnterpriseRole.STAFF)
    client = client_for(staff)
    enterprise = member_a.enterprise

    view = client.get(enterprise.get_absolute_url())
    edit_page = client.get(reverse("enterprises:edit", args=[enterprise.pk]))
    edit = client.post(reverse("enterprises:edit", args=[enterprise.pk]), edit_data(enterprise, name="Clerk's Works"))

    assert view.status_code == 200
    assert reverse("enterprises:edit", args=[enterprise.pk]) not in view.content.decode()
    assert edit_page.status_code == 403
    assert edit.status_code == 403
    enterprise.refresh_from_db()
    assert enterprise.name == "A Knit Works"


def test_member_of_other_association_gets_404_on_edit(client_for, member_a, member_b):
    enterprise = member_a.enterprise
    response = client_for(member_b).post(
        reverse("enterprises:edit", args=[enterprise.pk]), edit_data(enterprise, name="Taken over")
    )

    assert response.status_code == 404
    enterprise.refresh_from_db()
    assert enterprise.name == "A Knit Works"
