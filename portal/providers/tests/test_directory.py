"""The public directory of approved providers, with filters, ratings from solved requirements and a fixed query count."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal import testing
from portal.desk.models import Status
from portal.providers.models import Provider

from .conftest import approved_provider, make_requirement

DIRECTORY = reverse("providers:directory")


def names(response) -> list[str]:
    assert response.status_code == 200
    return [p.name for p in response.context["page"]]


def test_directory_lists_approved_providers_with_rating_and_solved_count(anonymous, member_a, test_bank, pending):
    make_requirement(member_a, provider=test_bank, status=Status.RESOLVED, rating=5)
    make_requirement(member_a, provider=test_bank, status=Status.CLOSED, rating=4)
    make_requirement(member_a, provider=test_bank, status=Status.CLOSED, rating=None)  # solved, not rated
    make_requirement(member_a, provider=test_bank, status=Status.ASSIGNED)  # still open: not counted
    make_requirement(member_a, provider=test_bank, status=Status.WITHDRAWN, rating=1)  # never solved
    other = approved_provider("Quiet Consultants")

    response = anonymous.get(DIRECTORY)

    assert names(response) == ["Quiet Consultants", "Test Bank"]  # never the pending one
    bank = next(p for p in response.context["page"] if p.pk == test_bank.pk)
    assert (bank.solved_count, bank.average_rating) == (3, 4.5)
    quiet = next(p for p in response.context["page"] if p.pk == other.pk)
    assert (quiet.solved_count, quiet.average_rating) == (0, None)
    body = response.content.decode()
    assert "3 requirements solved" in body and "★ 4.5/5" in body and "No solved requirements yet" in body


def test_filters_by_kind_and_kind_of_help(anonymous, test_bank):
    approved_provider("Lean Works", kind="consultant", help_kinds=["quality_zed", "energy"])
    approved_provider("Power Auditors", kind="consultant", help_kinds=["energy"])
    test_bank.help_kinds = ["term_loan"]
    test_bank.save()

    assert names(anonymous.get(DIRECTORY, {"kind": "bank"})) == ["Test Bank"]
    assert names(anonymous.get(DIRECTORY, {"help_kind": "energy"})) == ["Lean Works", "Power Auditors"]
    assert names(anonymous.get(DIRECTORY, {"kind": "consultant", "help_kind": "quality_zed"})) == ["Lean Works"]


def test_filter_by_state_includes_providers_serving_all_india(anonymous, test_bank):
    approved_provider("Assam Advisors", states=["AS"])
    approved_provider("Punjab Lab", states=["PB"])

    assert names(anonymous.get(DIRECTORY, {"state": "AS"})) == ["Assam Advisors", "Test Bank"]
    assert names(anonymous.get(DIRECTORY, {"state": "PB"})) == ["Punjab Lab", "Test Bank"]


def test_north_east_filter_keeps_providers_serving_a_north_eastern_state(anonymous, test_bank):
    approved_provider("Shillong Food Lab", states=["ML", "AS"])  # two NE states: still listed once
    approved_provider("Punjab Lab", states=["PB"])

    response = anonymous.get(DIRECTORY, {"north_east": "on"})

    assert names(response) == ["Shillong Food Lab", "Test Bank"]


def test_filter_by_sector_includes_providers_serving_every_sector(anonymous, test_bank):
    approved_provider("Knit Institute", sectors=["textiles"])
    approved_provider("Tool Room", sectors=["engineering"])

    assert names(anonymous.get(DIRECTORY, {"sector": "textiles"})) == ["Knit Institute", "Test Bank"]


def test_search_finds_words_in_name_description_and_city(anonymous, test_bank):
    provider = approved_provider("Lean Works")
    provider.description = "Five-S and kaizen for foundries."
    provider.save()

    assert names(anonymous.get(DIRECTORY, {"q": "kaizen"})) == ["Lean Works"]
    assert names(anonymous.get(DIRECTORY, {"q": "pune"})) == ["Lean Works"]


def test_sort_by_rating_puts_unrated_providers_last(anonymous, member_a, test_bank):
    good = approved_provider("Good Lab", kind="lab")
    approved_provider("Unrated Lab", kind="lab")
    make_requirement(member_a, provider=good, rating=5)
    make_requirement(member_a, provider=test_bank, rating=3)

    assert names(anonymous.get(DIRECTORY, {"sort": "rating"})) == ["Good Lab", "Test Bank", "Unrated Lab"]


def test_a_bad_filter_is_shown_as_an_error_and_the_others_still_apply(anonymous, test_bank):
    approved_provider("Lean Works", kind="consultant")

    response = anonymous.get(DIRECTORY, {"state": "XX", "kind": "consultant", "page": "abc"})

    assert names(response) == ["Lean Works"]
    assert "state" in response.context["form"].errors


def test_htmx_request_gets_only_the_results(anonymous, test_bank):
    response = anonymous.get(DIRECTORY, {"kind": "bank"}, headers={"HX-Request": "true"})

    body = response.content.decode()
    assert "Test Bank" in body and "<html" not in body


def test_directory_runs_a_fixed_number_of_queries_whatever_the_size(anonymous, member_a):
    def count_for(n: int) -> int:
        start = Provider.objects.count()
        for i in range(n):
            provider = approved_provider(f"Provider {start + i:03d}", states=["TN", "AS"], sectors=["textiles"])
            make_requirement(member_a, provider=provider, rating=4)
        with CaptureQueriesContext(connection) as queries:
            response = anonymous.get(DIRECTORY, {"sector": "textiles"})
        assert response.status_code == 200
        return len(queries)

    assert count_for(3) == count_for(20)


def test_profile_page_shows_what_the_provider_offers_and_its_record(anonymous, member_a, test_bank):
    test_bank.help_kinds = ["term_loan", "working_capital"]
    test_bank.description = "Loans for knitting units."
    test_bank.save()
    make_requirement(member_a, provider=test_bank, rating=4)

    response = anonymous.get(test_bank.get_absolute_url())

    body = response.content.decode()
    assert response.status_code == 200
    assert "Term loan, Working capital" in body and "Loans for knitting units." in body
    assert "All of India" in body and "1 requirement solved" in body and "★ 4.0/5" in body
    assert response.context["can_edit"] is False and "people" not in response.context


def test_profile_of_a_rejected_provider_is_404_for_the_public(anonymous, client_for, officer, pending):
    from portal.providers import services

    services.provider_review(provider=pending, decision="reject", by=officer, reason="Incomplete")

    assert anonymous.get(pending.get_absolute_url()).status_code == 404
    assert client_for(testing.make_user()).get(pending.get_absolute_url()).status_code == 404


def test_unknown_provider_is_404(anonymous):
    assert anonymous.get(reverse("providers:detail", args=[999999])).status_code == 404


def test_logged_in_user_sees_their_own_organisations_on_the_directory(client_for, applicant, pending):
    response = client_for(applicant).get(DIRECTORY)

    assert [p.name for p in response.context["mine"]] == [pending.name]
    assert "Awaiting SIDBI approval" in response.content.decode()
