"""Indian identifiers: normalise and validate Udyam, GSTIN, PAN, PIN code and mobile numbers.

Each ``validate_*`` raises ``ValidationError`` with a message a user can act on; each
``normalise_*`` turns what people type (spaces, lower case, +91 prefixes) into the stored form.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

UDYAM_RE = re.compile(r"^UDYAM-[A-Z]{2}-\d{2}-\d{7}$")
PAN_RE = re.compile(r"^[A-Z]{5}\d{4}[A-Z]$")
GSTIN_RE = re.compile(r"^\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$")
PIN_RE = re.compile(r"^[1-9]\d{5}$")
MOBILE_RE = re.compile(r"^\+91[6-9]\d{9}$")
GSTIN_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _compact(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def normalise_udyam(value: str) -> str:
    return _compact(value)


def validate_udyam(value: str) -> None:
    if not UDYAM_RE.match(normalise_udyam(value)):
        raise ValidationError(
            _("Enter the Udyam Registration Number as UDYAM-XX-00-0000000, for example UDYAM-MH-26-0012345."),
            code="invalid_udyam",
        )


def normalise_pan(value: str) -> str:
    return _compact(value)


def validate_pan(value: str) -> None:
    if not PAN_RE.match(normalise_pan(value)):
        raise ValidationError(
            _("Enter a PAN of five letters, four digits and a letter, for example AAAPL1234C."), code="invalid_pan"
        )


def gstin_check_character(first14: str) -> str:
    """The GSTIN's 15th character: a mod-36 checksum over the first 14 (GSTN's published rule)."""
    total = 0
    for index, char in enumerate(first14):
        product = GSTIN_ALPHABET.index(char) * (2 if index % 2 else 1)
        total += product // 36 + product % 36
    return GSTIN_ALPHABET[(36 - total % 36) % 36]


def normalise_gstin(value: str) -> str:
    return _compact(value)


def validate_gstin(value: str) -> None:
    gstin = normalise_gstin(value)
    if not GSTIN_RE.match(gstin):
        raise ValidationError(
            _("A GSTIN has 15 characters: state code, PAN, entity number, Z and a check character."),
            code="invalid_gstin",
        )
    if gstin_check_character(gstin[:14]) != gstin[14]:
        raise ValidationError(
            _("This GSTIN's check character does not match; please check for a typing mistake."),
            code="gstin_checksum",
        )


def make_gstin(state_gst_code: str, pan: str, entity: str = "1") -> str:
    """Build a valid GSTIN from its parts (used for demo data and tests)."""
    first14 = f"{state_gst_code}{pan}{entity}Z"
    return first14 + gstin_check_character(first14)


def normalise_pin(value: str) -> str:
    return _compact(value)


def validate_pin(value: str) -> None:
    if not PIN_RE.match(normalise_pin(value)):
        raise ValidationError(_("A PIN code has six digits and does not start with 0."), code="invalid_pin")


def normalise_mobile(value: str) -> str:
    digits = re.sub(r"[\s\-()]", "", value or "")
    if digits.startswith("+91"):
        digits = digits[3:]
    elif digits.startswith("0091"):
        digits = digits[4:]
    elif len(digits) == 12 and digits.startswith("91"):
        digits = digits[2:]
    elif len(digits) == 11 and digits.startswith("0"):
        digits = digits[1:]
    return f"+91{digits}"


def validate_mobile(value: str) -> None:
    if not MOBILE_RE.match(normalise_mobile(value)):
        raise ValidationError(
            _("Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9 (with or without +91)."),
            code="invalid_mobile",
        )
