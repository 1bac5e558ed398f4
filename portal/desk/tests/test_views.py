"""Desk pages: fixed query counts, service-level medians, and bad input that never gives a 500."""

import html
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal import testing
from portal.core.samples import demo_pdf_bytes
from portal.desk import selectors, services
from portal.desk.models import Message, Offer, Requirement, Status
from portal.desk.tests.flows import drive, fresh, quote

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Kolkata"))


def page(response) -> str:
    return html.unescape(response.content.decode())


def count_queries(client, path, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200, path
    return len(queries)


def add_requirements(cast, n: int) -> None:
    """A mix the office, the member and the lab all see: open ones, assigned ones, ones with offers, drafts."""
    for i in range(n):
        requirement = testing.make_requirement(
            by=cast.member, visibility="providers", title=f"Need number {i}", post=i % 5 != 4
        )
        if i % 5 == 1:
            services.requirement_assign(requirement=requirement, provider=cast.lab, by=cast.office)
        elif i % 5 == 2:
            quote(requirement, cast.lab_user)
        elif i % 5 == 3:
            services.requirement_take_up(requirement=requirement, by=cast.office)


# ---------------------------------------------------------------- query counts


@pytest.mark.parametrize("who", ["member", "office", "lab_user"])
def test_the_desk_list_makes_the_same_number_of_queries_for_3_and_20_requirements(client_for, cast, who):
    client = client_for(getattr(cast, who))
    add_requirements(cast, 3)
    client.get("/desk/")  # warm up the session and any per-process caches
    with_3 = count_queries(client, "/desk/", status="all")
    add_requirements(cast, 17)
    with_20 = count_queries(client, "/desk/", status="all")
    assert with_3 == with_20
    listed = page(client.get("/desk/", {"status": "all"})).count('<h3><a href="/desk/')
    posted = Requirement.objects.exclude(status=Status.DRAFT).count()
    assert posted == 17
    assert listed == (20 if who == "member" else posted)  # the office and the lab never see drafts


def test_the_filtered_and_paginated_list_has_a_fixed_query_count_too(client_for, cast):
    client = client_for(cast.office)
    add_requirements(cast, 3)
    client.get("/desk/")
    with_3 = count_queries(client, "/desk/", status="overdue", kind="testing", q="Need")
    add_requirements(cast, 30)
    assert count_queries(client, "/desk/", status="overdue", kind="testing", q="Need") == with_3
    visible = Requirement.objects.visible_to(cast.office).count()
    assert visible > 25
    second_page = page(client.get("/desk/", {"status": "all", "page": "2"}))
    assert second_page.count('<h3><a href="/desk/') == visible - 25


def add_conversation(requirement, cast, numbers: range) -> None:
    for i in numbers:
        files = [SimpleUploadedFile(f"doc{i}.pdf", demo_pdf_bytes("Doc"), content_type="application/pdf")]
        services.message_post(
            requirement=requirement, by=cast.member, body=f"Question {i}", files=files if i % 2 else ()
        )
        services.message_post(requirement=requirement, by=cast.office, body=f"Note {i}", internal=bool(i % 2))
        quote(requirement, cast.lab_user, price=str(1000 + i))


@pytest.mark.parametrize("who", ["member", "office", "lab_user"])
def test_the_detail_page_query_count_does_not_grow_with_messages_and_offers(client_for, cast, who):
    requirement = drive(cast, Status.ASSIGNED)
    client = client_for(getattr(cast, who))
    client.get(f"/desk/{requirement.pk}/")
    add_conversation(requirement, cast, range(5))
    with_5 = count_queries(client, f"/desk/{requirement.pk}/")
    add_conversation(requirement, cast, range(5, 20))
    with_20 = count_queries(client, f"/desk/{requirement.pk}/")
    assert with_5 == with_20
    body = page(client.get(f"/desk/{requirement.pk}/"))
    assert "Question 19" in body
    assert body.count('id="offer-') == 20


def test_a_financial_requirement_page_renders_for_the_member_and_the_office(client_for, cast, bank):
    requirement = testing.make_requirement(by=cast.member, kind="term_loan", amount="2500000")
    for user in (cast.member, cast.office):
        response = client_for(user).get(f"/desk/{requirement.pk}/")
        assert response.status_code == 200
        assert "₹25,00,000" in page(response)


# ---------------------------------------------------------------- the service-level page


@pytest.fixture
def timed(cast):
    """Three requirements posted at T0, first answered after 2, 4 and 10 hours, solved after 1, 2 and 3 days."""
    made = []
    for answer_hours, solve_hours in ((2, 24), (4, 48), (10, 72)):
        with time_machine.travel(T0, tick=False):
            requirement = drive(cast, Status.POSTED)
        with time_machine.travel(T0 + timedelta(hours=answer_hours), tick=False):
            services.requirement_assign(requirement=requirement, provider=cast.lab, by=cast.office)
        with time_machine.travel(T0 + timedelta(hours=solve_hours), tick=False):
            services.requirement_resolve(requirement=requirement, by=cast.member, rating=4)
        made.append(requirement)
    with time_machine.travel(T0, tick=False):
        drive(cast, Status.POSTED)  # still open, not answered
    return made


def test_desk_stats_gives_median_hours_to_first_answer_and_to_resolution(timed):
    with time_machine.travel(T0 + timedelta(days=4), tick=False):
        stats = selectors.desk_stats(Requirement.objects.all())
    assert stats == {
        "open": 1,
        "overdue": 1,
        "resolved": 3,
        "median_first_response_hours": 4.0,
        "median_resolution_hours": 48.0,
    }


def test_the_median_of_an_even_number_is_the_mean_of_the_middle_two(timed, cast):
    with time_machine.travel(T0, tick=False):
        fourth = drive(cast, Status.POSTED)
    with time_machine.travel(T0 + timedelta(hours=6), tick=False):
        services.requirement_take_up(requirement=fourth, by=cast.office)
    assert selectors.desk_stats(Requirement.objects.all())["median_first_response_hours"] == 5.0


def test_the_stats_page_shows_the_medians_for_the_association_and_the_provider(timed, client_for, cast):
    with time_machine.travel(T0 + timedelta(days=4), tick=False):
        office_page = page(client_for(cast.office).get("/desk/stats/"))
        lab_page = page(client_for(cast.lab_user).get("/desk/stats/"))
    row = office_page.split("Tiruppur Knitwear Association", 1)[1].split("</tr>", 1)[0]
    assert [cell.split("<")[0] for cell in row.split("<td>")[1:]] == ["1", "1", "3", "4.0", "48.0"]
    lab_row = lab_page.split("Tiruppur Test Lab", 1)[1].split("</tr>", 1)[0]
    assert [cell.split("<")[0] for cell in lab_row.split("<td>")[1:]] == ["0", "0", "3", "4.0", "48.0"]
    assert '<th scope="row">National' not in office_page


def test_sidbi_sees_the_national_figures_and_the_associations(timed, client_for, officer):
    with time_machine.travel(T0 + timedelta(days=4), tick=False):
        body = page(client_for(officer).get("/desk/stats/"))
    national = body.split('<th scope="row">National', 1)[1].split("</tr>", 1)[0]
    assert [cell.split("<")[0] for cell in national.split("<td>")[1:]] == ["1", "1", "3", "4.0", "48.0"]
    assert "Associations with the most open requirements" in body
    title = body.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "Service levels" in title and "<" not in title
    assert body.count("<h2>Providers</h2>") == 1
    providers = body.split("<h2>Providers</h2>", 1)[1].split("</table>", 1)[0]
    assert "Tiruppur Test Lab" in providers
    assert "Tiruppur Knitwear Association" in body


def test_the_stats_page_with_no_data_shows_dashes(client_for, bearer_a, association_a):
    body = page(client_for(bearer_a).get("/desk/stats/"))
    row = body.split("Tiruppur Knitwear Association", 1)[1].split("</tr>", 1)[0]
    assert [cell.split("<")[0] for cell in row.split("<td>")[1:]] == ["0", "0", "0", "—", "—"]


# ---------------------------------------------------------------- bad input never gives a 500


@pytest.fixture
def busy(cast, rival):
    """A requirement open to providers, assigned to the lab, with an open offer from it."""
    requirement = drive(cast, Status.ASSIGNED)
    quote(requirement, cast.lab_user)
    return fresh(requirement)


ENDPOINTS = [
    "post",
    "take-up",
    "assign",
    "forward",
    "return",
    "messages",
    "offers",
    "offers/{offer}/accept",
    "offers/{offer}/decline",
    "resolve",
    "reopen",
    "close",
    "edit",
    "withdraw",
]


@pytest.mark.parametrize("who", ["member", "office", "lab_user"])
def test_empty_posts_to_every_action_never_give_a_500(client_for, cast, busy, who):
    client = client_for(getattr(cast, who))
    offer = busy.offers.get()
    for endpoint in ENDPOINTS:
        path = f"/desk/{busy.pk}/{endpoint.format(offer=offer.pk)}/"
        response = client.post(path, {})
        assert response.status_code in (200, 302, 400, 403, 404), (path, response.status_code)


@pytest.mark.parametrize(
    "endpoint,data",
    [
        ("assign", {"provider": "abc"}),
        ("assign", {"provider": "99999999"}),
        ("assign", {"provider": "-1", "note": "x" * 5000}),
        ("forward", {"reason": "x" * 100_000}),
        ("messages", {"body": "x" * 20_000}),
        ("messages", {"body": "   "}),
        ("offers", {"kind": "bogus"}),
        ("offers", {"kind": "service", "price": "1e400", "scope": "x"}),
        ("offers", {"kind": "service", "price": "NaN", "scope": "x"}),
        ("offers", {"kind": "service", "price": "100", "scope": "x" * 10_000}),
        ("resolve", {"rating": "9"}),
        ("resolve", {"rating": "abc", "comment": "x" * 5000}),
        ("reopen", {"reason": "x" * 100_000}),
    ],
)
def test_junk_and_oversized_input_is_refused_without_a_500(client_for, cast, busy, endpoint, data):
    users = {"assign": cast.office, "forward": cast.office, "messages": cast.member, "offers": cast.lab_user}
    client = client_for(users.get(endpoint, cast.member))
    before = Requirement.objects.filter(pk=busy.pk).values().get()
    response = client.post(f"/desk/{busy.pk}/{endpoint}/", data)
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400:
        assert 'class="error"' in response.content.decode() or "msg error" in response.content.decode()
    if endpoint != "forward":
        assert Requirement.objects.filter(pk=busy.pk).values().get() == before
    assert not Message.objects.filter(requirement=busy).exists()
    assert Offer.objects.filter(requirement=busy).count() == 1


def test_an_oversized_reason_is_cut_to_its_limit(client_for, cast, busy):
    client_for(cast.office).post(f"/desk/{busy.pk}/forward/", {"reason": "Because " + "x" * 100_000})
    assert len(fresh(busy).transitions.last().reason) == 2000


@pytest.mark.parametrize(
    "path",
    [
        "/desk/0/",
        "/desk/99999999/",
        "/desk/99999999/edit/",
        "/desk/{pk}/offers/99999999/accept/",
        "/desk/{pk}/files/99999999/",
        "/desk/?page=abc",
        "/desk/?page=99999",
        "/desk/?status=bogus&kind=zzz",
        "/desk/?q=" + "x" * 5000,
    ],
)
def test_junk_ids_and_parameters_give_404_or_a_page(client_for, cast, busy, path):
    client = client_for(cast.member)
    path = path.format(pk=busy.pk)
    response = client.post(path) if "accept" in path else client.get(path)
    assert response.status_code in (200, 404)
    if path.startswith("/desk/?"):
        assert response.status_code == 200


def test_a_url_with_a_non_numeric_id_is_404(client_for, cast):
    assert client_for(cast.member).get("/desk/abc/").status_code == 404


@pytest.mark.parametrize("endpoint", ["post", "take-up", "assign", "resolve", "withdraw", "messages"])
def test_get_on_an_action_is_405(client_for, cast, busy, endpoint):
    assert client_for(cast.member).get(f"/desk/{busy.pk}/{endpoint}/").status_code == 405


def new_data(member, **overrides) -> dict:
    data = {
        "enterprise": member.enterprise.pk,
        "association": member.enterprise.memberships.get().association_id,
        "kind": "testing",
        "title": "Testing",
        "description": "Details",
        "urgency": "normal",
        "visibility": "association",
        "needed_by": "2099-01-01",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "overrides",
    [
        {"title": ""},
        {"title": "x" * 5000},
        {"description": "x" * 9000},
        {"kind": "spaceship"},
        {"urgency": "yesterday"},
        {"visibility": "everyone"},
        {"enterprise": "abc"},
        {"association": "99999999"},
        {"needed_by": "31/02/2026"},
        {"kind": "term_loan", "amount": "1e400", "purpose": "x"},
        {"kind": "term_loan", "amount": "NaN", "purpose": "x"},
    ],
)
def test_a_bad_new_requirement_is_shown_again_with_errors_and_nothing_is_saved(client_for, member_a, overrides):
    response = client_for(member_a).post("/desk/new/", {**new_data(member_a, **overrides), "post": "1"})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not Requirement.objects.exists()


def test_an_empty_post_to_the_new_requirement_page_shows_the_blank_form(client_for, member_a):
    response = client_for(member_a).post("/desk/new/", {})
    assert response.status_code == 200
    assert 'name="title"' in response.content.decode()
    assert not Requirement.objects.exists()


def test_hindi_text_round_trips_through_posting_the_page_and_search(client_for, member_a, bearer_a):
    title = "कपड़े की सिकुड़न जाँच"
    description = "निर्यात के लिए रंग की पक्की जाँच चाहिए।"
    member = client_for(member_a)
    response = member.post("/desk/new/", {**new_data(member_a, title=title, description=description), "post": "1"})
    assert response.status_code == 302
    requirement = Requirement.objects.get()
    assert (requirement.title, requirement.description) == (title, description)
    assert title in page(member.get(f"/desk/{requirement.pk}/"))
    member.post(f"/desk/{requirement.pk}/messages/", {"body": "कृपया जल्दी बताएँ"})
    office = client_for(bearer_a)
    detail = page(office.get(f"/desk/{requirement.pk}/"))
    assert description in detail
    assert "कृपया जल्दी बताएँ" in detail
    assert title in page(office.get("/desk/", {"q": "सिकुड़न"}))


def test_a_title_is_saved_with_its_spaces_tidied(client_for, member_a):
    client_for(member_a).post("/desk/new/", new_data(member_a, title="  Lab   tests \t for  fabric "))
    assert Requirement.objects.get().title == "Lab tests for fabric"


def test_saving_without_post_keeps_a_draft_and_posting_later_gives_a_reference(client_for, member_a):
    client = client_for(member_a)
    response = client.post("/desk/new/", new_data(member_a))
    draft = Requirement.objects.get()
    assert response["Location"] == f"/desk/{draft.pk}/"
    assert (draft.status, draft.reference) == (Status.DRAFT, None)
    client.post(f"/desk/{draft.pk}/post/")
    assert fresh(draft).status == Status.POSTED
    assert fresh(draft).reference.startswith("DIA-REQ-")


def test_editing_a_draft_changes_it_in_place(client_for, member_a):
    draft = testing.make_requirement(by=member_a, post=False, title="First title")
    response = client_for(member_a).post(f"/desk/{draft.pk}/edit/", new_data(member_a, title="Second title"))
    assert response.status_code == 302
    assert Requirement.objects.get().title == "Second title"


def test_a_user_without_an_enterprise_is_sent_to_create_one(client_for, bearer_a):
    response = client_for(bearer_a).get("/desk/new/")
    assert response.status_code == 302
    assert response["Location"] == "/enterprises/new/"


def test_a_nul_byte_in_a_message_or_title_is_stripped_by_the_input_cleaner(client_for, member_a):
    """Control characters never reach a form (portal.core.middleware.CleanInputMiddleware): the rest is kept."""
    response = client_for(member_a).post("/desk/new/", {**new_data(member_a, title="nul \x00 byte"), "post": "1"})
    assert response.status_code == 302
    assert Requirement.objects.get().title == "nul byte"
