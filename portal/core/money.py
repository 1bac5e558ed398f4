"""Money is Decimal, rupees with paise, shown in the Indian grouping (₹12,34,567.00) in every language.

The grouping is done here, never by Django's localisation (whose western grouping would give 1,234,567);
only the words "lakh" and "crore" of a summary are translated.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext

PAISE = Decimal("0.01")
RUPEE = Decimal("1")
LAKH = Decimal("100000")
CRORE = Decimal("10000000")


def to_rupees(value) -> Decimal:
    if isinstance(value, float):
        raise TypeError("Money is never a float; pass a Decimal or a string.")
    return Decimal(value).quantize(PAISE, rounding=ROUND_HALF_UP)


def group_indian(whole: int) -> str:
    """1234567 -> '12,34,567': the last three digits, then pairs."""
    digits = str(whole)
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    pairs = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    if head:
        pairs.insert(0, head)
    return ",".join(pairs) + "," + tail


def format_inr(value, *, paise: bool = True) -> str:
    amount = to_rupees(value)
    if not paise:
        # Round to the rupee: truncating would show ₹99,999.99 as ₹99,999.
        amount = amount.quantize(RUPEE, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    whole = int(amount)
    text = f"{sign}₹{group_indian(whole)}"
    if paise:
        text += f".{int((amount - whole) * 100):02d}"
    return text


def format_inr_short(value) -> str:
    """Summaries: ₹1.25 crore, ₹4.50 lakh, below a lakh the full amount."""
    amount = to_rupees(value)
    sign = "-" if amount < 0 else ""
    crores = (abs(amount) / CRORE).quantize(PAISE, rounding=ROUND_HALF_UP)
    if crores >= 1:  # chosen after rounding, so ₹99,99,999 reads ₹1.00 crore, not ₹100.00 lakh
        return gettext("%(amount)s crore") % {"amount": f"{sign}₹{crores}"}
    if abs(amount) >= LAKH:
        lakhs = (abs(amount) / LAKH).quantize(PAISE, rounding=ROUND_HALF_UP)
        return gettext("%(amount)s lakh") % {"amount": f"{sign}₹{lakhs}"}
    return format_inr(amount, paise=False)
