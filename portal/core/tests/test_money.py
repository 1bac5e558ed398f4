"""Money is Decimal rupees and paise, shown the Indian way: ₹12,34,567.00, ₹4.50 lakh, ₹1.25 crore."""

from decimal import Decimal

import pytest

from portal.core.money import format_inr, format_inr_short, group_indian, to_rupees


def test_a_float_is_refused_because_it_cannot_hold_paise_exactly():
    with pytest.raises(TypeError, match="never a float"):
        to_rupees(0.1)
    with pytest.raises(TypeError):
        format_inr(1234.5)
    with pytest.raises(TypeError):
        format_inr_short(1e7)


@pytest.mark.parametrize(
    ("value", "rupees"),
    [
        ("12.345", Decimal("12.35")),  # half a paisa rounds up, as in accounts
        ("12.344", Decimal("12.34")),
        (1500, Decimal("1500.00")),
        (Decimal("0.1"), Decimal("0.10")),
        ("-2.005", Decimal("-2.01")),
    ],
)
def test_to_rupees_gives_an_exact_decimal_to_the_paisa(value, rupees):
    result = to_rupees(value)
    assert isinstance(result, Decimal)
    assert result == rupees
    assert result.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("whole", "grouped"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1,000"),
        (99999, "99,999"),
        (100000, "1,00,000"),
        (1234567, "12,34,567"),
        (10000000, "1,00,00,000"),
        (123456789012, "1,23,45,67,89,012"),
    ],
)
def test_digits_are_grouped_in_thousands_then_lakhs_and_crores(whole, grouped):
    assert group_indian(whole) == grouped


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("1234567", "₹12,34,567.00"),
        (Decimal("1234567.5"), "₹12,34,567.50"),
        ("0.05", "₹0.05"),
        ("100", "₹100.00"),
        ("-1234567.5", "-₹12,34,567.50"),
    ],
)
def test_format_inr_shows_rupees_in_indian_grouping_with_paise(value, shown):
    assert format_inr(value) == shown


def test_format_inr_without_paise_rounds_to_the_nearest_rupee_rather_than_dropping_the_paise():
    assert format_inr("1234.49", paise=False) == "₹1,234"
    assert format_inr("1234.50", paise=False) == "₹1,235"
    assert format_inr("99999.99", paise=False) == "₹1,00,000"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("12500000", "₹1.25 crore"),
        ("10000000", "₹1.00 crore"),
        ("2500000000", "₹250.00 crore"),
        ("450000", "₹4.50 lakh"),
        ("100000", "₹1.00 lakh"),
        ("9999999", "₹1.00 crore"),
        ("99999.99", "₹1,00,000"),
        ("99999", "₹99,999"),
        ("750.40", "₹750"),
        ("-12500000", "-₹1.25 crore"),
        ("-450000", "-₹4.50 lakh"),
    ],
)
def test_format_inr_short_summarises_in_lakh_and_crore(value, shown):
    assert format_inr_short(value) == shown


def test_format_inr_short_rounds_half_up_like_the_rest_of_the_money_code():
    # ₹1.225 crore and ₹4.505 lakh: banker's rounding would show 1.22 and 4.50.
    assert format_inr_short("12250000") == "₹1.23 crore"
    assert format_inr_short("450500") == "₹4.51 lakh"


def test_templates_show_amounts_with_the_inr_filters_and_nothing_for_a_missing_amount():
    from django.template import Context, Template

    template = Template("{% load portal_tags %}[{{ amount|inr }}] [{{ amount|inr_short }}] [{{ missing|inr }}]")

    assert template.render(Context({"amount": Decimal("1234567.50"), "missing": None})) == (
        "[₹12,34,567.50] [₹12.35 lakh] []"
    )
