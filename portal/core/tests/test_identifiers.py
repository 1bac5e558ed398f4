"""Indian identifiers: what people type is normalised, and a mistyped number is refused with a useful message."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from portal.core import identifiers
from portal.core.forms import GstinField, MobileField, PanField, PinField, UdyamField
from portal.core.identifiers import (
    gstin_check_character,
    make_gstin,
    normalise_mobile,
    validate_gstin,
    validate_mobile,
    validate_pan,
    validate_pin,
    validate_udyam,
)


def refusal_code(validator, value) -> str:
    with pytest.raises(ValidationError) as caught:
        validator(value)
    return caught.value.code


# --- Udyam ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["UDYAM-MH-26-0012345", "udyam-tn-12-0000001", " UDYAM-AS-03-0987654 "])
def test_udyam_numbers_in_the_official_pattern_are_accepted(value):
    validate_udyam(value)


@pytest.mark.parametrize(
    "value",
    [
        "UDYAM-MH-26-001234",  # six digits
        "UDYAM-MH-26-00123456",  # eight digits
        "UDYAM-M1-26-0012345",
        "UDYAM-MH-2-0012345",
        "UDYOG-MH-26-0012345",
        "MH260012345",
        "",
    ],
)
def test_malformed_udyam_numbers_are_refused_with_an_example_of_the_format(value):
    with pytest.raises(ValidationError) as caught:
        validate_udyam(value)
    assert caught.value.code == "invalid_udyam"
    assert "UDYAM-XX-00-0000000" in caught.value.messages[0]


# --- PAN -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["AAAPL1234C", "aaapl1234c", "AAAPL 1234 C"])
def test_pan_of_five_letters_four_digits_and_a_letter_is_accepted(value):
    validate_pan(value)


@pytest.mark.parametrize("value", ["AAAP1234C", "AAAPL12345", "1AAPL1234C", "AAAPL1234CC", "AAAPL123C4"])
def test_malformed_pan_is_refused(value):
    assert refusal_code(validate_pan, value) == "invalid_pan"


# --- GSTIN ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("gstin", ["27AAPFU0939F1ZV", "29AAGCB7383J1Z4", "33AAACH7409R1Z8"])
def test_check_character_matches_real_published_gstins(gstin):
    assert gstin_check_character(gstin[:14]) == gstin[14]
    validate_gstin(gstin)


@pytest.mark.parametrize(
    ("state", "pan", "entity"), [("33", "AAAPL1234C", "1"), ("07", "ZZZCX9999Z", "9"), ("18", "BQRPS0042K", "A")]
)
def test_gstin_built_by_make_gstin_is_valid_even_typed_in_lower_case_with_spaces(state, pan, entity):
    gstin = make_gstin(state, pan, entity)
    assert len(gstin) == 15
    assert gstin[:2] == state and gstin[2:12] == pan and gstin[13] == "Z"
    validate_gstin(gstin)
    validate_gstin(" ".join([gstin[:2], gstin[2:12].lower(), gstin[12:]]))


def one_character_typos(gstin: str):
    """Every GSTIN that differs from ``gstin`` in one position but still has the GSTIN shape."""
    for index in range(15):
        for char in identifiers.GSTIN_ALPHABET:
            if char == gstin[index]:
                continue
            typo = gstin[:index] + char + gstin[index + 1 :]
            if identifiers.GSTIN_RE.match(typo):
                yield typo


def test_any_one_character_typo_in_a_valid_gstin_is_caught_by_the_check_character():
    gstin = make_gstin("33", "AAAPL1234C")
    typos = list(one_character_typos(gstin))
    assert len(typos) > 100
    for typo in typos:
        assert refusal_code(validate_gstin, typo) == "gstin_checksum", typo


def test_gstin_typo_message_tells_the_user_to_check_for_a_typing_mistake():
    gstin = make_gstin("33", "AAAPL1234C")
    typo = gstin[:5] + ("B" if gstin[5] != "B" else "C") + gstin[6:]
    with pytest.raises(ValidationError) as caught:
        validate_gstin(typo)
    assert "typing mistake" in caught.value.messages[0]


@pytest.mark.parametrize(
    "value",
    [
        "33AAAPL1234C1Z",  # 14 characters
        "33AAAPL1234C1ZXX",  # 16 characters
        "3AAAPL1234C1Z5Q",  # state code not two digits
        "33AAAPL1234C0Z5",  # entity number 0 is never issued
        "33AAAPL1234C1Y5",  # 14th character is always Z
        "33AAAP11234C1Z5",  # the PAN part is malformed
    ],
)
def test_gstin_of_the_wrong_shape_is_refused_before_checking_the_check_character(value):
    assert refusal_code(validate_gstin, value) == "invalid_gstin"


# --- PIN code ------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["641604", "110001", " 781 031 "])
def test_six_digit_pin_codes_are_accepted(value):
    validate_pin(value)


@pytest.mark.parametrize("value", ["041604", "64160", "6416044", "64A604", ""])
def test_pin_codes_not_of_six_digits_or_starting_with_zero_are_refused(value):
    assert refusal_code(validate_pin, value) == "invalid_pin"


# --- Mobile numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "9876543210",
        "+919876543210",
        "+91 98765 43210",
        "+91-98765-43210",
        "098765 43210",
        "09876543210",
        "91 98765 43210",
        "0091 98765 43210",
        "(+91) 98765 43210",
    ],
)
def test_indian_mobile_numbers_as_people_type_them_are_stored_as_plus_91_and_ten_digits(typed):
    assert normalise_mobile(typed) == "+919876543210"
    validate_mobile(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "5876543210",  # Indian mobiles start with 6, 7, 8 or 9
        "987654321",  # nine digits
        "98765432101",  # eleven digits, no leading 0
        "+1 202 555 0123",  # not an Indian number
        "0442 2345678",  # a landline with STD code
        "98765abcde",
        "",
    ],
)
def test_numbers_that_are_not_indian_mobiles_are_refused(typed):
    assert refusal_code(validate_mobile, typed) == "invalid_mobile"


# --- Form fields ---------------------------------------------------------------------------------


class IdentifiersForm(forms.Form):
    udyam = UdyamField()
    pan = PanField()
    gstin = GstinField(required=False)
    pin = PinField()
    mobile = MobileField()


def test_form_fields_store_identifiers_in_upper_case_without_spaces_and_mobile_with_plus_91():
    gstin = make_gstin("33", "AAAPL1234C")
    form = IdentifiersForm(
        data={
            "udyam": " udyam-tn-12-0000001 ",
            "pan": "aaapl 1234 c",
            "gstin": f"{gstin[:2]} {gstin[2:].lower()}",
            "pin": "641 604",
            "mobile": "098765 43210",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "udyam": "UDYAM-TN-12-0000001",
        "pan": "AAAPL1234C",
        "gstin": gstin,
        "pin": "641604",
        "mobile": "+919876543210",
    }


def test_form_shows_each_identifier_mistake_next_to_its_field():
    form = IdentifiersForm(
        data={
            "udyam": "UDYAM-TN-12-12",
            "pan": "AAAPL1234",
            "gstin": "33AAAPL1234C1Z0",
            "pin": "041604",
            "mobile": "12345",
        }
    )
    assert not form.is_valid()
    assert set(form.errors) == {"udyam", "pan", "gstin", "pin", "mobile"}
    assert form.errors.as_data()["gstin"][0].code == "gstin_checksum"


def test_optional_identifier_left_blank_stays_blank():
    form = IdentifiersForm(
        data={
            "udyam": "UDYAM-TN-12-0000001",
            "pan": "AAAPL1234C",
            "gstin": "  ",
            "pin": "641604",
            "mobile": "9876543210",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["gstin"] == ""


DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")


def test_identifiers_typed_in_devanagari_or_tamil_digits_are_stored_with_ascii_digits():
    gstin = make_gstin("27", "AAPFU0939F")
    form = IdentifiersForm(
        data={
            "udyam": "UDYAM-TN-12-0000001".translate(DEVANAGARI),
            "pan": "AAAPL1234C".translate(DEVANAGARI),
            "gstin": gstin.translate(DEVANAGARI),  # २७AAPFU0939F1Z…: once a 500
            "pin": "௬௪௧௬௦௪",  # Tamil digits
            "mobile": "९८७६५४३२१०",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "udyam": "UDYAM-TN-12-0000001",
        "pan": "AAAPL1234C",
        "gstin": gstin,
        "pin": "641604",
        "mobile": "+919876543210",
    }


@pytest.mark.parametrize(
    ("validator", "value"),
    [
        (validate_pan, "AAAPL१२३४C"),
        (validate_udyam, "UDYAM-TN-१२-0000001"),
        (validate_gstin, make_gstin("27", "AAPFU0939F").translate(DEVANAGARI)),
        (validate_pin, "६४१६०४"),
        (validate_mobile, "+91९८७६५४३२१०"),
    ],
)
def test_a_stored_value_with_other_digits_is_refused_so_no_pan_registers_twice(validator, value):
    with pytest.raises(ValidationError) as refused:
        validator(value)
    assert refused.value.code == "non_ascii_digits"


@pytest.mark.parametrize("holder", list("PCHFATBLJG"))
def test_pan_with_a_known_holder_type_is_accepted(holder):
    validate_pan(f"AAA{holder}L1234C")


@pytest.mark.parametrize("holder", list("DEIKMNOQRSUVWXYZ"))
def test_pan_whose_fourth_letter_is_no_holder_type_is_refused(holder):
    with pytest.raises(ValidationError) as refused:
        validate_pan(f"AAA{holder}L1234C")
    assert refused.value.code == "pan_holder_type"
