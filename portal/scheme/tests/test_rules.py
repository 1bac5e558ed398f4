"""Eligibility criteria and the sustainability matrix's weights and tiers."""

from decimal import Decimal

from portal.scheme import eligibility, matrix
from portal.scheme.tests.conftest import ELIGIBLE


def test_matrix_has_22_parameters_in_seven_dimensions_and_weights_add_to_100():
    assert len(matrix.PARAMETERS) == 22
    assert {p.dimension for p in matrix.PARAMETERS} == {d.key for d in matrix.DIMENSIONS}
    assert sum(d.weight for d in matrix.DIMENSIONS) == 100


def test_all_yes_scores_100_and_all_no_scores_0():
    assert matrix.score(dict.fromkeys(matrix.PARAMETER_KEYS, True)) == Decimal("100.00")
    assert matrix.score({}) == Decimal("0.00")


def test_one_dimension_full_scores_its_weight():
    answers = {p.key: True for p in matrix.PARAMETERS if p.dimension == "finances"}
    assert matrix.score(answers) == Decimal("20.00")
    assert matrix.dimension_scores(answers)["finances"] == Decimal("100.00")
    assert matrix.dimension_scores(answers)["digital"] == Decimal("0.00")


def test_tier_boundaries():
    assert matrix.tier(Decimal("39.99"))[0] == "weak"
    assert matrix.tier(Decimal("40"))[0] == "developing"
    assert matrix.tier(Decimal("69.99"))[0] == "developing"
    assert matrix.tier(Decimal("70"))[0] == "strong"


def test_eligible_association_passes():
    result = eligibility.evaluate(ELIGIBLE)
    assert result.passed and result.score == eligibility.MAX_POINTS


def test_too_young_and_too_small_fails_the_pass_mark():
    result = eligibility.evaluate({**ELIGIBLE, "years_of_operation": 2, "member_base": 49})
    assert result.score == 60
    assert not result.passed


def test_a_required_criterion_fails_even_above_the_pass_mark():
    result = eligibility.evaluate({**ELIGIBLE, "no_default": False})
    assert result.score == 85
    assert not result.passed


def test_minimums_are_inclusive():
    met = eligibility.evaluate(
        {
            **ELIGIBLE,
            "years_of_operation": eligibility.MIN_YEARS_OF_OPERATION,
            "member_base": eligibility.MIN_MEMBER_BASE,
        }
    ).met
    assert met["years_of_operation"] and met["member_base"]
