"""Similar solved requirements and the providers who solved them.

These hold on SQLite (word overlap) and on PostgreSQL (full-text search): they assert only what
both must agree on, never exact scores.
"""

import html

import pytest

from portal import testing
from portal.desk import services
from portal.desk.matching import providers_for, similar_resolved, words
from portal.desk.tests.flows import fresh

SHRINKAGE = ("Shrinkage testing of cotton fabric", "Colour fastness and shrinkage tests for an export order of fabric.")


def solved(member, office, title, description, *, kind="testing", provider=None, rating=4, **fields):
    requirement = testing.make_requirement(by=member, kind=kind, title=title, description=description, **fields)
    if provider is not None:
        services.requirement_assign(requirement=requirement, provider=provider, by=office)
    services.requirement_resolve(requirement=requirement, by=member, rating=rating)
    return fresh(requirement)


@pytest.fixture
def new_need(member_a):
    return testing.make_requirement(
        by=member_a,
        title="Shrinkage test for knitted fabric",
        description="Need shrinkage and colour fastness testing of knitted fabric for export.",
    )


def found(requirement, **kwargs):
    return [candidate for candidate, _score in similar_resolved(requirement, **kwargs)]


def test_words_drop_stop_words_digits_and_short_words():
    assert words("We need 2 new Looms for the 3rd unit, urgently!") == ["looms", "unit", "urgently"]


def test_words_keep_hindi_words_whole():
    assert words("कपड़े की सिकुड़न जाँच") == ["कपड़े", "सिकुड़न", "जाँच"]


def test_a_resolved_requirement_sharing_words_and_kind_comes_first(
    member_a, bearer_a, member_b, bearer_b, lab, new_need
):
    best = solved(member_a, bearer_a, *SHRINKAGE)
    same_kind_only = solved(member_b, bearer_b, "Calibration of torque wrenches", "Annual calibration certificates.")
    words_only = solved(
        member_b, bearer_b, "Fabric shrinkage control", "Reduce fabric shrinkage for ZED.", kind="quality_zed"
    )

    results = similar_resolved(new_need)
    candidates = [candidate for candidate, _ in results]
    assert candidates[0] == best
    assert set(candidates) == {best, same_kind_only, words_only}
    scores = [score for _, score in results]
    assert scores == sorted(scores, reverse=True)
    assert all(score > 0 for score in scores)


def test_unresolved_requirements_are_never_suggested(member_a, bearer_a, new_need):
    open_twin = testing.make_requirement(by=member_a, title=SHRINKAGE[0], description=SHRINKAGE[1])
    in_triage = testing.make_requirement(by=member_a, title=SHRINKAGE[0], description=SHRINKAGE[1])
    services.requirement_take_up(requirement=in_triage, by=bearer_a)
    draft = testing.make_requirement(by=member_a, post=False, title=SHRINKAGE[0], description=SHRINKAGE[1])
    withdrawn = testing.make_requirement(by=member_a, title=SHRINKAGE[0], description=SHRINKAGE[1])
    services.requirement_withdraw(requirement=withdrawn, by=member_a)
    assert found(new_need) == []
    for other in (open_twin, in_triage, draft, withdrawn):
        assert other not in found(new_need)


def test_the_requirement_itself_is_never_suggested_even_when_resolved(member_a, bearer_a, new_need):
    solved(member_a, bearer_a, *SHRINKAGE)
    services.requirement_resolve(requirement=new_need, by=member_a, rating=5)
    assert new_need not in found(fresh(new_need))
    assert len(found(fresh(new_need))) == 1


def test_closed_requirements_count_as_solved(member_a, bearer_a, new_need):
    closed = solved(member_a, bearer_a, *SHRINKAGE)
    services.requirement_close(requirement=closed, by=member_a)
    assert found(new_need) == [fresh(closed)]


def test_a_financial_need_is_never_matched_with_technical_ones_and_the_other_way_round(member_a, bearer_a, new_need):
    loan = solved(
        member_a,
        bearer_a,
        "Loan for fabric shrinkage testing equipment",
        "Term loan to buy shrinkage and colour fastness testing machines for fabric.",
        kind="term_loan",
    )
    assert loan not in found(new_need)
    technical = solved(member_a, bearer_a, *SHRINKAGE)
    loan_need = testing.make_requirement(
        by=member_a, kind="equipment_finance", title="Finance for fabric testing machines", description="Shrinkage."
    )
    assert found(loan_need) == [loan]
    assert technical not in found(loan_need)


def test_an_unrelated_resolved_requirement_elsewhere_is_not_suggested(member_a, member_b, bearer_b, new_need):
    solved(member_b, bearer_b, "Solar panels on the roof", "Rooftop solar to cut power bills.", kind="energy")
    assert found(new_need) == []


def test_the_limit_is_respected(member_a, bearer_a, new_need):
    for n in range(4):
        solved(member_a, bearer_a, f"Shrinkage testing round {n}", SHRINKAGE[1])
    assert len(found(new_need, limit=2)) == 2
    assert len(found(new_need)) == 4


def test_hindi_requirements_find_each_other(member_a, bearer_a):
    earlier = solved(member_a, bearer_a, "कपड़े की सिकुड़न जाँच", "निर्यात के लिए सिकुड़न और रंग की जाँच")
    solved(member_a, bearer_a, "Calibration of weighing scales", "Legal metrology stamping.")
    need = testing.make_requirement(by=member_a, title="सिकुड़न जाँच चाहिए", description="बुने हुए कपड़े की सिकुड़न जाँच")
    assert found(need)[0] == earlier


# ---------------------------------------------------------------- providers who solved similar ones


def test_providers_for_counts_what_each_solved_and_averages_their_ratings(
    member_a, bearer_a, member_b, bearer_b, lab, rival, new_need
):
    solved(member_a, bearer_a, *SHRINKAGE, provider=lab, rating=5)
    solved(member_a, bearer_a, "Fabric shrinkage tests", "Shrinkage testing of knitted fabric.", provider=lab, rating=2)
    solved(member_b, bearer_b, "Shrinkage of fabric covers", "Colour fastness testing.", provider=rival, rating=4)
    solved(member_a, bearer_a, "Shrinkage testing without a provider", SHRINKAGE[1])  # answered by the desk itself
    in_progress = testing.make_requirement(by=member_a, title=SHRINKAGE[0], description=SHRINKAGE[1])
    other = testing.make_provider(help_kinds=["testing"])
    services.requirement_assign(requirement=in_progress, provider=other, by=bearer_a)

    entries = {entry["provider"]: entry for entry in providers_for(new_need)}
    assert set(entries) == {lab, rival}
    assert (entries[lab]["solved"], entries[lab]["rating"]) == (2, 3.5)
    assert (entries[rival]["solved"], entries[rival]["rating"]) == (1, 4.0)
    assert providers_for(new_need)[0]["provider"] == lab
    assert providers_for(new_need, limit=1) == providers_for(new_need)[:1]


def test_providers_for_is_empty_when_nothing_similar_was_solved(new_need, lab):
    assert providers_for(new_need) == []


def test_the_office_sees_similar_solved_ones_and_their_providers_on_the_page(
    client_for, member_a, bearer_a, lab, new_need
):
    earlier = solved(member_a, bearer_a, *SHRINKAGE, provider=lab, rating=5)
    office_page = html.unescape(client_for(bearer_a).get(f"/desk/{new_need.pk}/").content.decode())
    section = office_page.split("Solved before", 1)[1].split("</section>", 1)[0]
    assert earlier.reference in section
    assert "Tiruppur Test Lab · 1 solved · 5.0/5" in section
    member_page = client_for(member_a).get(f"/desk/{new_need.pk}/").content.decode()
    assert "Solved before" not in member_page
