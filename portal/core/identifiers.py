"""Indian identifiers: normalise and validate Udyam, GSTIN, PAN, PIN code and mobile numbers.

Each ``validate_*`` raises ``ValidationError`` with a message a user can act on; each
``normalise_*`` turns what people type (spaces, lower case, +91 prefixes) into the stored form.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# re.ASCII: without it \d matches any script's digits (२७ passes), and a PAN could be registered twice.
UDYAM_RE = re.compile(r"^UDYAM-[A-Z]{2}-\d{2}-\d{7}$", re.ASCII)
# The PAN's fourth character is the holder type: Person, Company, HUF, Firm, AOP, Trust, BOI, Local authority,
# artificial Juridical person, Government.
PAN_HOLDER_TYPES = "PCHFATBLJG"
PAN_RE = re.compile(r"^[A-Z]{5}\d{4}[A-Z]$", re.ASCII)
GSTIN_RE = re.compile(r"^\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$", re.ASCII)
PIN_RE = re.compile(r"^[1-9]\d{5}$", re.ASCII)
MOBILE_RE = re.compile(r"^\+91[6-9]\d{9}$", re.ASCII)
GSTIN_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def ascii_digits(value: str) -> str:
    """Digits of any script (Devanagari २७, Bengali, Tamil, full-width...) as the ASCII digits they stand for."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in value or "")


def _refuse_other_digits(value: str) -> None:
    """The stored form has ASCII digits only: a value that skipped normalising must not slip in (a twin PAN)."""
    if ascii_digits(value) != (value or ""):
        raise ValidationError(_("Write the digits as 0 to 9."), code="non_ascii_digits")


def _compact(value: str) -> str:
    return re.sub(r"\s+", "", ascii_digits(value)).upper()


def normalise_udyam(value: str) -> str:
    return _compact(value)


def validate_udyam(value: str) -> None:
    _refuse_other_digits(value)
    if not UDYAM_RE.match(normalise_udyam(value)):
        raise ValidationError(
            _("Enter the Udyam Registration Number as UDYAM-XX-00-0000000, for example UDYAM-MH-26-0012345."),
            code="invalid_udyam",
        )


def normalise_pan(value: str) -> str:
    return _compact(value)


def validate_pan(value: str) -> None:
    _refuse_other_digits(value)
    if not PAN_RE.match(normalise_pan(value)):
        raise ValidationError(
            _("Enter a PAN of five letters, four digits and a letter, for example AAAPL1234C."), code="invalid_pan"
        )
    if normalise_pan(value)[3] not in PAN_HOLDER_TYPES:
        raise ValidationError(
            _(
                "The PAN's fourth letter says who holds it and must be one of P, C, H, F, A, T, B, L, J or G; "
                "please check for a typing mistake."
            ),
            code="pan_holder_type",
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
    _refuse_other_digits(value)
    gstin = normalise_gstin(value)
    if not GSTIN_RE.match(gstin):
        raise ValidationError(
            _("A GSTIN has 15 characters: state code, PAN, entity number, Z and a check character."),
            code="invalid_gstin",
        )
    if gstin_check_character(gstin[:14]) != gstin[14]:  # safe: GSTIN_RE admits only the ASCII alphabet
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
    _refuse_other_digits(value)
    if not PIN_RE.match(normalise_pin(value)):
        raise ValidationError(_("A PIN code has six digits and does not start with 0."), code="invalid_pin")


def normalise_mobile(value: str) -> str:
    digits = re.sub(r"[\s\-()]", "", ascii_digits(value))
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
    _refuse_other_digits(value)
    if not MOBILE_RE.match(normalise_mobile(value)):
        raise ValidationError(
            _("Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9 (with or without +91)."),
            code="invalid_mobile",
        )
