"""The pooled-demand pages as their users meet them: open, commit (with and without HTMX), close, outcome."""

from datetime import timedelta
from decimal import Decimal
from html import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal import testing
from portal.core.models import AuditLog
from portal.notifications.models import Notification
from portal.pooling import services
from portal.pooling.models import Commitment, PooledDemand, Status

from .conftest import add_member, open_pool

OPEN_A = reverse("pooling:open", args=["tiruppur"])
LIST_A = reverse("pooling:association", args=["tiruppur"])


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def open_data(**overrides) -> dict:
    data = {
        "title": "Joint stall at IITF Delhi",
        "category": "trade_fair",
        "description": "A shared pavilion in Hall 5.",
        "unit": "sq m",
        "target_quantity": "36",
        "closes_at": local(timezone.now() + timedelta(days=20)),
    }
    data.update(overrides)
    return data


def assert_error_beside(response, field: str, message: str, form: str = "form") -> None:
    assert response.status_code == 200
    assert message in response.context[form].errors.get(field, []), response.context[form].errors
    assert f'<p class="error" role="alert">{escape(message)}</p>' in response.content.decode()


# ---------------------------------------------------------------- opening


def test_office_bearer_opens_a_pooled_demand_and_members_are_told(client_for, bearer_a, member_a):
    response = client_for(bearer_a).post(OPEN_A, open_data())

    pool = PooledDemand.objects.get()
    assert response.status_code == 302 and response.url == pool.get_absolute_url()
    assert (pool.title, pool.unit, pool.target_quantity, pool.category) == (
        "Joint stall at IITF Delhi",
        "sq m",
        Decimal("36"),
        "trade_fair",
    )
    assert Notification.objects.filter(user=member_a, kind="pooled_demand_opened").count() == 1


def test_the_open_form_offers_a_closing_date_two_weeks_ahead(client_for, association_a, bearer_a):
    response = client_for(bearer_a).get(OPEN_A)

    assert response.status_code == 200
    assert 'type="datetime-local"' in response.content.decode()
    assert response.context["form"].initial["closes_at"] == local(timezone.now() + timedelta(days=14))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("closes_at", "past", "The closing date must be in the future."),
        ("closes_at", "not a date", "Enter a valid date/time."),
        ("target_quantity", "0", "The quantity must be more than zero."),
        ("target_quantity", "-4", "The quantity must be more than zero."),
        ("target_quantity", "10000000000", "The quantity can be at most 1,000,000,000: check for extra zeros."),
        ("target_quantity", "twelve", "Enter a number, for example 250 or 12.5."),
        ("title", "", "This field is required."),
        ("unit", "", "This field is required."),
    ],
)
def test_bad_input_on_the_open_form_is_shown_beside_the_field_and_nothing_is_saved(
    client_for, association_a, bearer_a, field, value, message
):
    if value == "past":
        value = local(timezone.now() - timedelta(days=1))

    response = client_for(bearer_a).post(OPEN_A, open_data(**{field: value}))

    assert_error_beside(response, field, message)
    assert not PooledDemand.objects.exists()


# ---------------------------------------------------------------- the detail page and committing


def test_member_sees_the_pool_its_running_total_and_who_committed(client_for, association_a, member_a, yarn_pool):
    other = add_member(association_a, "Palladam Processors")
    services.commitment_make(pooled_demand=yarn_pool, enterprise=other.enterprise, quantity="2500", by=other)

    response = client_for(member_a).get(yarn_pool.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert '<progress id="pool-progress" class="progress" max="20000.000" value="2500.000">12%</progress>' in html
    assert "2,500 of 20,000 kg" in html
    assert "Palladam Processors" in html and "2,500 kg" in html
    assert "commit_form" in response.context
    assert "Export list" not in html


def test_member_commits_and_sees_the_new_total(client_for, member_a, yarn_pool):
    client = client_for(member_a)

    response = client.post(reverse("pooling:commit", args=[yarn_pool.pk]), {"quantity": "1500.5"})

    assert response.status_code == 302 and response.url == yarn_pool.get_absolute_url()
    commitment = Commitment.objects.get()
    assert (commitment.enterprise, commitment.quantity, commitment.committed_by) == (
        member_a.enterprise,
        Decimal("1500.5"),
        member_a,
    )
    html = client.get(yarn_pool.get_absolute_url()).content.decode()
    assert "Your commitment is recorded." in html
    assert "1,500.5 of 20,000 kg" in html
    assert "Change my commitment" in html


def test_committing_again_through_the_page_changes_the_quantity(client_for, member_a, yarn_pool):
    client = client_for(member_a)
    url = reverse("pooling:commit", args=[yarn_pool.pk])
    client.post(url, {"quantity": "1500"})

    client.post(url, {"quantity": "700"})

    assert list(Commitment.objects.values_list("quantity", flat=True)) == [Decimal("700")]


def test_an_htmx_commit_answers_with_the_updated_commitments_part_only(client_for, member_a, yarn_pool):
    response = client_for(member_a).post(
        reverse("pooling:commit", args=[yarn_pool.pk]), {"quantity": "5000"}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<section class="card" id="pool"')
    assert "<html" not in html
    assert 'value="5000.000">25%</progress>' in html
    assert "Your commitment is recorded." in html
    assert "A Knit Works" in html


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("0", "The quantity must be more than zero."),
        ("-10", "The quantity must be more than zero."),
        ("abc", "Enter a number, for example 250 or 12.5."),
        ("1.2345", "Use at most three decimals."),
        ("99999999999", "The quantity can be at most 1,000,000,000: check for extra zeros."),
        ("", "This field is required."),
    ],
)
def test_a_bad_quantity_is_shown_beside_the_field_and_nothing_is_saved(
    client_for, member_a, yarn_pool, quantity, message
):
    response = client_for(member_a).post(reverse("pooling:commit", args=[yarn_pool.pk]), {"quantity": quantity})

    assert_error_beside(response, "quantity", message, form="commit_form")
    assert not Commitment.objects.exists()


def test_committing_after_the_closing_time_shows_why_and_saves_nothing(client_for, member_a, yarn_pool, travel):
    client = client_for(member_a)
    travel(yarn_pool.closes_at + timedelta(minutes=5))

    page = client.get(yarn_pool.get_absolute_url())
    response = client.post(reverse("pooling:commit", args=[yarn_pool.pk]), {"quantity": "10"})

    assert "commit_form" not in page.context
    assert "The closing time has passed" in page.content.decode()
    assert response.status_code == 200
    assert response.context["commit_refusal"].startswith("This pooled demand closed on")
    assert "can no longer be made or changed" in response.content.decode()
    assert not Commitment.objects.exists()


def test_committing_to_a_pool_the_office_just_closed_shows_the_refusal(client_for, bearer_a, member_a, yarn_pool):
    services.pooled_demand_close(pooled_demand=yarn_pool, by=bearer_a)

    response = client_for(member_a).post(
        reverse("pooling:commit", args=[yarn_pool.pk]), {"quantity": "10"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert '<p class="msg error" role="alert">This pooled demand closed on' in response.content.decode()
    assert not Commitment.objects.exists()


def test_a_person_acting_for_two_member_enterprises_chooses_which_one_commits(
    client_for, association_a, member_a, yarn_pool
):
    second = testing.make_enterprise(name="A Knit Works Unit 2")
    testing.make_membership(association=association_a, enterprise=second)
    from portal.enterprises.models import EnterpriseUser

    EnterpriseUser.objects.create(enterprise=second, user=member_a, role="owner")
    client = client_for(member_a)

    page = client.get(yarn_pool.get_absolute_url())
    client.post(reverse("pooling:commit", args=[yarn_pool.pk]), {"enterprise": second.pk, "quantity": "40"})

    assert '<select name="enterprise"' in page.content.decode()
    assert Commitment.objects.get().enterprise == second


def test_a_member_cannot_commit_for_an_enterprise_of_someone_else(client_for, association_a, member_a, yarn_pool):
    other = add_member(association_a, "Palladam Processors")

    response = client_for(member_a).post(
        reverse("pooling:commit", args=[yarn_pool.pk]), {"enterprise": other.enterprise.pk, "quantity": "40"}
    )

    assert response.status_code == 200
    assert response.context["commit_form"].errors["enterprise"]
    assert not Commitment.objects.exists()


def test_member_withdraws_before_closing(client_for, member_a, yarn_pool):
    services.commitment_make(pooled_demand=yarn_pool, enterprise=member_a.enterprise, quantity="10", by=member_a)

    response = client_for(member_a).post(
        reverse("pooling:withdraw", args=[yarn_pool.pk]),
        {"enterprise": member_a.enterprise.pk},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200 and "Your commitment is withdrawn." in response.content.decode()
    assert not Commitment.objects.exists()


def test_withdrawing_after_closing_is_refused_with_a_message(client_for, bearer_a, member_a, yarn_pool):
    services.commitment_make(pooled_demand=yarn_pool, enterprise=member_a.enterprise, quantity="10", by=member_a)
    services.pooled_demand_close(pooled_demand=yarn_pool, by=bearer_a)

    response = client_for(member_a).post(
        reverse("pooling:withdraw", args=[yarn_pool.pk]), {"enterprise": member_a.enterprise.pk}
    )

    assert response.status_code == 200
    assert "can no longer be made or changed" in response.content.decode()
    assert Commitment.objects.count() == 1


# ---------------------------------------------------------------- the office's actions


def test_office_bearer_closes_records_the_outcome_and_members_see_it(client_for, bearer_a, member_a, yarn_pool):
    office = client_for(bearer_a)
    detail = office.get(yarn_pool.get_absolute_url()).content.decode()
    assert "Close commitments now" in detail and "Export list (Excel)" in detail

    office.post(reverse("pooling:close", args=[yarn_pool.pk]))
    yarn_pool.refresh_from_db()
    assert yarn_pool.status == Status.CLOSED
    response = office.post(
        reverse("pooling:outcome", args=[yarn_pool.pk]),
        {"price_per_unit": "268.50", "supplier": "Sri Ramalinga Spinning Mills", "notes": "Two lots."},
    )

    assert response.status_code == 302
    html = client_for(member_a).get(yarn_pool.get_absolute_url()).content.decode()
    assert "₹268.50 per kg" in html and "Sri Ramalinga Spinning Mills" in html
    listing = client_for(member_a).get(LIST_A).content.decode()
    assert "Negotiated: ₹268.50 per kg from Sri Ramalinga Spinning Mills" in listing


def test_recording_an_outcome_while_still_open_shows_the_refusal(client_for, bearer_a, yarn_pool):
    response = client_for(bearer_a).post(
        reverse("pooling:outcome", args=[yarn_pool.pk]), {"price_per_unit": "250", "supplier": "Mill"}
    )

    assert response.status_code == 200
    assert "Close the pooled demand before recording its outcome." in response.content.decode()
    yarn_pool.refresh_from_db()
    assert yarn_pool.status == Status.OPEN


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"price_per_unit": "0", "supplier": "Mill"}, "price_per_unit", "The negotiated price must be more than zero."),
        ({"price_per_unit": "1.234", "supplier": "Mill"}, "price_per_unit", "Use at most two decimals (paise)."),
        ({"price_per_unit": "250", "supplier": ""}, "supplier", "This field is required."),
    ],
)
def test_bad_outcome_input_is_shown_beside_the_field(client_for, bearer_a, yarn_pool, data, field, message):
    services.pooled_demand_close(pooled_demand=yarn_pool, by=bearer_a)

    response = client_for(bearer_a).post(reverse("pooling:outcome", args=[yarn_pool.pk]), data)

    assert_error_beside(response, field, message)
    yarn_pool.refresh_from_db()
    assert yarn_pool.status == Status.CLOSED


def test_office_bearer_cancels_with_a_reason(client_for, bearer_a, yarn_pool):
    client = client_for(bearer_a)
    empty = client.post(reverse("pooling:cancel", args=[yarn_pool.pk]), {"reason": ""})
    assert_error_beside(empty, "reason", "This field is required.")

    response = client.post(reverse("pooling:cancel", args=[yarn_pool.pk]), {"reason": "The fair is postponed."})

    assert response.status_code == 302
    yarn_pool.refresh_from_db()
    assert (yarn_pool.status, yarn_pool.cancel_reason) == (Status.CANCELLED, "The fair is postponed.")
    assert "The fair is postponed." in client.get(yarn_pool.get_absolute_url()).content.decode()


def test_closing_an_already_closed_pool_says_so(client_for, bearer_a, yarn_pool):
    client = client_for(bearer_a)
    client.post(reverse("pooling:close", args=[yarn_pool.pk]))

    response = client.post(reverse("pooling:close", args=[yarn_pool.pk]), follow=True)

    assert "Only an open pooled demand can be closed" in response.content.decode()
    assert AuditLog.objects.filter(action="pooled_demand.closed").count() == 1


# ---------------------------------------------------------------- list pages


def test_members_index_lists_open_pools_of_their_associations_with_their_own_commitment(
    client_for, association_a, bearer_a, member_a, yarn_pool, pool_b
):
    closed = open_pool(association_a, bearer_a, title="Reactive dyes bulk purchase")
    services.pooled_demand_close(pooled_demand=closed, by=bearer_a)
    services.commitment_make(pooled_demand=yarn_pool, enterprise=member_a.enterprise, quantity="750", by=member_a)

    response = client_for(member_a).get(reverse("pooling:index"))

    assert [pool.title for pool in response.context["page"]] == ["Bulk cotton yarn purchase, 40s count"]
    html = response.content.decode()
    assert "Your commitment: A Knit Works – 750 kg" in html
    assert "EN8 steel" not in html


def test_association_list_filters_by_status(client_for, association_a, bearer_a, member_a, yarn_pool):
    closed = open_pool(association_a, bearer_a, title="Reactive dyes bulk purchase")
    services.pooled_demand_close(pooled_demand=closed, by=bearer_a)
    client = client_for(member_a)

    everything = client.get(LIST_A)
    only_closed = client.get(LIST_A, {"status": "closed"})
    nonsense = client.get(LIST_A, {"status": "<script>"})

    assert {pool.title for pool in everything.context["page"]} == {yarn_pool.title, closed.title}
    assert [pool.title for pool in only_closed.context["page"]] == [closed.title]
    assert nonsense.status_code == 200 and len(nonsense.context["page"]) == 2
    assert "Open a pooled demand" not in everything.content.decode()
    assert "Open a pooled demand" in client_for(bearer_a).get(LIST_A).content.decode()


def make_pools(association, bearer, members, count: int) -> None:
    for index in range(count):
        pool = open_pool(
            association, bearer, title=f"Pool {index}", closes_at=timezone.now() + timedelta(days=3 + index)
        )
        for member in members:
            services.commitment_make(pooled_demand=pool, enterprise=member.enterprise, quantity="5", by=member)


@pytest.mark.parametrize("url_name", ["index", "association"])
def test_list_pages_run_the_same_number_of_queries_for_3_or_20_pools(
    client_for, django_assert_num_queries, association_a, bearer_a, member_a, url_name
):
    other = add_member(association_a, "Palladam Processors")
    url = reverse("pooling:index") if url_name == "index" else LIST_A
    client = client_for(member_a)
    make_pools(association_a, bearer_a, [member_a, other], 3)
    client.get(url)  # warm the session and the content types
    with CaptureQueriesContext(connection) as small:
        assert len(client.get(url).context["page"]) == 3
    make_pools(association_a, bearer_a, [member_a, other], 17)

    with django_assert_num_queries(len(small.captured_queries)):
        assert len(client.get(url).context["page"]) == 20


def test_detail_page_runs_the_same_number_of_queries_for_3_or_40_commitments(
    client_for, django_assert_num_queries, association_a, member_a, yarn_pool
):
    client = client_for(member_a)
    for index in range(3):
        user = add_member(association_a, f"Unit {index}")
        services.commitment_make(pooled_demand=yarn_pool, enterprise=user.enterprise, quantity="5", by=user)
    client.get(yarn_pool.get_absolute_url())
    with CaptureQueriesContext(connection) as small:
        client.get(yarn_pool.get_absolute_url())
    for index in range(3, 40):
        user = add_member(association_a, f"Unit {index}")
        services.commitment_make(pooled_demand=yarn_pool, enterprise=user.enterprise, quantity="5", by=user)

    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(yarn_pool.get_absolute_url())
    assert len(response.context["commitments"]) == 40
