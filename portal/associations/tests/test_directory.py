"""The public directory of verified associations: /associations/ (views.directory)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal import testing
from portal.associations.models import MembershipStatus, Stage, Status
from portal.core.models import Sector

DIRECTORY_URL = reverse("associations:directory")


def listed(response) -> list[str]:
    return [association.name for association in response.context["page"]]


@pytest.fixture
def cast(association_a, association_b):
    """Tiruppur (TN, textiles) and Ludhiana (PB, engineering), both approved, plus one in Assam."""
    guwahati = testing.make_association(
        name="Guwahati Tea Processors Association",
        state_code="AS",
        district="Kamrup",
        cluster_name="Assam tea",
        sectors=[Sector.objects.get(slug="food-processing")],
        stage=Stage.ESTABLISHMENT,
    )
    return association_a, association_b, guwahati


# --- What is listed -----------------------------------------------------------------------------


def test_only_approved_associations_are_listed(anonymous, cast, applicant):
    for status in (Status.SUBMITTED, Status.INFO_REQUESTED, Status.REJECTED):
        testing.make_association(name=f"Hidden {status} association", status=status)

    response = anonymous.get(DIRECTORY_URL)

    assert listed(response) == [
        "Guwahati Tea Processors Association",
        "Ludhiana Engineering Association",
        "Tiruppur Knitwear Association",
    ]
    html = response.content.decode()
    assert "Hidden" not in html
    assert "3 associations" in html


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.INFO_REQUESTED, Status.REJECTED])
def test_unapproved_association_is_not_listed_even_to_its_own_applicant(client_for, applicant, status):
    testing.make_association(office_bearer=applicant, name="My pending association", status=status)

    response = client_for(applicant).get(DIRECTORY_URL)

    assert listed(response) == []
    assert "No association matches." in response.content.decode()


def test_listing_shows_place_sectors_stage_north_east_and_member_count(anonymous, cast, member_a):
    _, _, guwahati = cast
    declined = testing.make_enterprise()
    testing.make_membership(association=cast[0], enterprise=declined, status=MembershipStatus.DECLINED)

    html = anonymous.get(DIRECTORY_URL).content.decode()

    assert "Assam tea · Kamrup, Assam" in html
    assert "North-east" in html
    assert "Food processing" in html
    assert "Establishment" in html
    assert "1 member on the portal" in html  # Tiruppur: member_a approved; the declined one not counted
    assert guwahati.get_absolute_url() in html


def test_private_details_never_appear_in_the_directory(anonymous, cast):
    html = anonymous.get(DIRECTORY_URL).content.decode()

    for association in cast:
        assert association.pan not in html
        assert association.registration_number not in html


# --- Search and filters -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("tiruppur knit", ["Tiruppur Knitwear Association"]),  # name, any case
        ("ASSAM TEA", ["Guwahati Tea Processors Association"]),  # cluster
        ("kamrup", ["Guwahati Tea Processors Association"]),  # district
        ("nothing like this", []),
    ],
)
def test_search_matches_name_cluster_or_district(anonymous, cast, q, expected):
    assert listed(anonymous.get(DIRECTORY_URL, {"q": q})) == expected


def test_filter_by_sector(anonymous, cast):
    assert listed(anonymous.get(DIRECTORY_URL, {"sector": "engineering"})) == ["Ludhiana Engineering Association"]


def test_filter_by_state_code(anonymous, cast):
    assert listed(anonymous.get(DIRECTORY_URL, {"state": "PB"})) == ["Ludhiana Engineering Association"]


def test_filter_north_eastern_states_only(anonymous, cast):
    assert listed(anonymous.get(DIRECTORY_URL, {"north_east": "on"})) == ["Guwahati Tea Processors Association"]


def test_filter_by_stage(anonymous, cast):
    response = anonymous.get(DIRECTORY_URL, {"stage": "establishment"})

    assert listed(response) == ["Guwahati Tea Processors Association"]


def test_filters_combine(anonymous, cast):
    assert listed(anonymous.get(DIRECTORY_URL, {"state": "TN", "sector": "engineering"})) == []
    assert listed(anonymous.get(DIRECTORY_URL, {"state": "TN", "q": "knit"})) == ["Tiruppur Knitwear Association"]


def test_hindi_search_finds_a_hindi_name(anonymous, cast):
    testing.make_association(name="कानपुर चर्म उद्योग संघ", district="Kanpur", state_code="UP")

    response = anonymous.get(DIRECTORY_URL, {"q": "चर्म"})

    assert listed(response) == ["कानपुर चर्म उद्योग संघ"]
    assert "कानपुर चर्म उद्योग संघ" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"state": "ZZ"},
        {"sector": "<script>alert(1)</script>"},
        {"stage": "unicorn"},
        {"q": "x" * 5000},
        {"q": "\x00"},
        {"page": "junk"},
        {"page": "-1"},
        {"page": "99999999999999999999"},
        {"north_east": "maybe"},
    ],
)
def test_bad_filter_values_never_give_an_error_page(anonymous, cast, params):
    response = anonymous.get(DIRECTORY_URL, params)

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert len(listed(response)) <= 3


def test_unknown_state_is_shown_as_an_error_and_other_filters_still_apply(anonymous, cast):
    response = anonymous.get(DIRECTORY_URL, {"state": "ZZ", "q": "knit"})

    assert response.context["form"].errors["state"]
    assert listed(response) == ["Tiruppur Knitwear Association"]


def test_too_long_search_is_refused_with_a_message(anonymous, cast):
    response = anonymous.get(DIRECTORY_URL, {"q": "x" * 5000})

    assert "at most 100 characters" in response.context["form"].errors["q"][0]
    assert "at most 100 characters" in response.content.decode()


# --- HTMX and pagination ------------------------------------------------------------------------


def test_htmx_request_gets_only_the_results(anonymous, cast):
    response = anonymous.get(DIRECTORY_URL, {"state": "PB"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "<html" not in html
    assert "<form" not in html
    assert "Ludhiana Engineering Association" in html
    assert "Tiruppur Knitwear Association" not in html
    assert "1 association" in html


def test_full_page_has_the_filter_form_and_the_results(anonymous, cast):
    html = anonymous.get(DIRECTORY_URL).content.decode()

    assert "<html" in html
    assert 'role="search"' in html
    assert 'id="results"' in html


def test_directory_is_paginated_and_links_keep_the_filters(anonymous, db):
    for n in range(23):
        testing.make_association(name=f"Assoc {n:02d}", state_code="KA")

    first = anonymous.get(DIRECTORY_URL, {"state": "KA"})
    second = anonymous.get(DIRECTORY_URL, {"state": "KA", "page": "2"})

    assert listed(first) == [f"Assoc {n:02d}" for n in range(20)]
    assert listed(second) == ["Assoc 20", "Assoc 21", "Assoc 22"]
    assert "Page 1 of 2" in first.content.decode()
    assert 'href="?state=KA&amp;page=2"' in first.content.decode()
    assert listed(anonymous.get(DIRECTORY_URL, {"state": "KA", "page": "junk"})) == listed(first)
    assert listed(anonymous.get(DIRECTORY_URL, {"state": "KA", "page": "999"})) == listed(second)


# --- Query count --------------------------------------------------------------------------------


def _count_directory_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(DIRECTORY_URL)
    assert response.status_code == 200
    return len(queries)


def _add_approved(n: int) -> None:
    sectors = list(Sector.objects.all()[:2])
    for _ in range(n):
        association = testing.make_association(sectors=sectors)
        testing.make_membership(association=association, enterprise=testing.make_enterprise())


@pytest.mark.parametrize("who", ["anonymous", "member_a"])
def test_directory_runs_the_same_number_of_queries_for_3_or_30_associations(request, client_for, who, db):
    client = request.getfixturevalue("anonymous") if who == "anonymous" else client_for(request.getfixturevalue(who))
    from portal.associations.models import Association

    _add_approved(3 - Association.objects.approved().count())
    client.get(DIRECTORY_URL)  # warm the session
    few = _count_directory_queries(client)

    _add_approved(27)
    many = _count_directory_queries(client)

    assert Association.objects.approved().count() == 30
    assert many == few
    assert few <= 8
