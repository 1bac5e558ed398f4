"""The service pages for each role, every refusal, and query counts on the lists."""

from decimal import Decimal

import pytest
from django.urls import reverse

from portal import testing
from portal.finances.models import LedgerEntry
from portal.services import services
from portal.services.models import Booking, BookingStatus, Service

from .conftest import delivered_booking, make_service, outsider


def url(name, *args):
    return reverse(f"services:{name}", args=args)


def test_the_catalogue_shows_members_their_price_and_others_the_other(client_for, service_a, member_a, member_b):
    assert "₹500.00" in client_for(member_a).get(url("index")).content.decode()
    page = client_for(member_b).get(url("index")).content.decode()
    assert "₹800.00" in page and "members pay ₹500.00" in page


def test_drafts_are_seen_only_by_their_association(client_for, association_a, bearer_a, member_a, bearer_b):
    draft = make_service(association_a, bearer_a, published=False, title="Secret draft")
    assert client_for(bearer_a).get(url("detail", draft.pk)).status_code == 200
    for user in (member_a, bearer_b):
        assert client_for(user).get(url("detail", draft.pk)).status_code == 404
        assert "Secret draft" not in client_for(user).get(url("index")).content.decode()


def test_the_office_adds_a_service(client_for, bearer_a, association_a):
    response = client_for(bearer_a).post(
        url("new", association_a.slug),
        {
            "kind": "training",
            "title": "Merchandising course",
            "description": "Two days.",
            "unit": "per_participant",
            "price_member": "1500",
            "price_non_member": "2500",
            "published": "on",
        },
    )
    service = Service.objects.get()
    assert response.url == url("detail", service.pk) and service.price_member == Decimal("1500.00")


def test_a_member_and_another_office_cannot_edit_the_catalogue(
    client_for, member_a, bearer_b, association_a, service_a
):
    for user, not_theirs in ((member_a, 403), (bearer_b, 404)):
        client = client_for(user)
        assert client.get(url("new", association_a.slug)).status_code == not_theirs
        assert client.get(url("manage", association_a.slug)).status_code == not_theirs
        assert client.post(url("edit", service_a.pk), {"title": "Hacked"}).status_code == 403
        assert client.get(url("association_bookings", association_a.slug)).status_code == not_theirs
    service_a.refresh_from_db()
    assert service_a.title != "Hacked"


def test_a_member_books_the_office_accepts_delivers_and_the_member_rates(client_for, service_a, member_a, bearer_a):
    member, office = client_for(member_a), client_for(bearer_a)
    response = member.post(url("book", service_a.pk), {"note": "10 samples", "preferred_date": ""})
    booking = Booking.objects.get()
    assert response.url == url("booking", booking.pk)
    office.post(url("booking_action", booking.pk, "accept"))
    office.post(
        url("booking_action", booking.pk, "deliver"), {"deliver-fee": "500.00", "deliver-delivered_on": "2026-01-05"}
    )
    booking.refresh_from_db()
    if booking.status != BookingStatus.DELIVERED:  # the date may be "in the future" on a strange clock: use today
        from django.utils import timezone

        office.post(
            url("booking_action", booking.pk, "deliver"),
            {"deliver-fee": "500.00", "deliver-delivered_on": timezone.localdate().isoformat()},
        )
        booking.refresh_from_db()
    assert booking.status == BookingStatus.DELIVERED
    assert LedgerEntry.objects.filter(reference=f"services.booking:{booking.pk}").count() == 1
    member.post(url("booking_action", booking.pk, "rate"), {"rate-rating": "5", "rate-comment": "Good"})
    booking.refresh_from_db()
    assert booking.rating == 5
    assert "Good" in member.get(url("my_bookings")).content.decode() or booking.rating_comment == "Good"


def test_someone_without_an_enterprise_is_refused_booking(client_for, officer, service_a):
    assert client_for(officer).post(url("book", service_a.pk), {}).status_code == 403
    assert not Booking.objects.exists()


def test_other_people_get_404_on_a_booking(client_for, service_a, member_a, member_b, bearer_b):
    booking = services.booking_request(service=service_a, by=member_a)
    for user in (member_b, bearer_b):
        client = client_for(user)
        assert client.get(url("booking", booking.pk)).status_code == 404
        assert client.post(url("booking_action", booking.pk, "accept")).status_code == 404


def test_the_booker_cannot_accept_or_deliver_their_own_booking(client_for, service_a, member_a):
    booking = services.booking_request(service=service_a, by=member_a)
    client = client_for(member_a)
    assert client.post(url("booking_action", booking.pk, "accept")).status_code == 403
    assert client.post(url("booking_action", booking.pk, "deliver"), {"deliver-fee": "1"}).status_code == 403
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED


def test_the_office_cannot_rate_and_nobody_rates_before_delivery(client_for, service_a, member_a, bearer_a):
    booking = services.booking_request(service=service_a, by=member_a)
    assert client_for(bearer_a).post(url("booking_action", booking.pk, "rate"), {"rate-rating": "1"}).status_code == 403
    response = client_for(member_a).post(url("booking_action", booking.pk, "rate"), {"rate-rating": "5"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.rating is None


def test_a_different_fee_without_reason_is_shown_as_an_error_not_a_500(client_for, service_a, member_a, bearer_a):
    booking = services.booking_request(service=service_a, by=member_a)
    services.booking_accept(booking=booking, by=bearer_a)
    from django.utils import timezone

    response = client_for(bearer_a).post(
        url("booking_action", booking.pk, "deliver"),
        {"deliver-fee": "100", "deliver-delivered_on": timezone.localdate().isoformat()},
        follow=True,
    )
    assert "Say why the fee differs" in response.content.decode()
    assert not LedgerEntry.objects.exists()


def test_the_service_pages_need_a_login(anonymous, service_a):
    assert anonymous.get(url("index")).status_code == 302
    assert anonymous.get(url("my_bookings")).status_code == 302


@pytest.mark.parametrize("rows", [3, 20])
def test_the_catalogue_runs_a_fixed_number_of_queries(client_for, member_a, django_assert_max_num_queries, rows):
    for index in range(rows):
        bearer = testing.make_user()
        make_service(testing.make_association(office_bearer=bearer), bearer, title=f"Service {index}")
    client = client_for(member_a)
    with django_assert_max_num_queries(10):
        response = client.get(url("index"))
    assert response.content.decode().count("<h3>") == rows


@pytest.mark.parametrize("rows", [3, 20])
def test_the_booking_lists_run_a_fixed_number_of_queries(
    client_for, association_a, bearer_a, member_a, django_assert_max_num_queries, rows
):
    service = make_service(association_a, bearer_a)
    for _index in range(rows):
        delivered_booking(service, member_a, bearer_a)
        services.booking_request(service=service, by=outsider())
    member, office = client_for(member_a), client_for(bearer_a)
    with django_assert_max_num_queries(8):
        mine = member.get(url("my_bookings"))
    assert mine.content.decode().count("<h3>") == rows
    with django_assert_max_num_queries(10):
        theirs = office.get(url("association_bookings", association_a.slug))
    assert theirs.content.decode().count("<h3>") == min(2 * rows, 20)
