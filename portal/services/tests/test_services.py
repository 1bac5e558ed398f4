"""Bookings from request to delivery: prices, the book entry (exactly once), ratings, and the contract."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from portal.core.errors import ActionRefused
from portal.core.models import AuditLog
from portal.finances.models import LedgerEntry
from portal.notifications.models import Notification
from portal.services import selectors, services
from portal.services.models import BookingStatus

from .conftest import delivered_booking, make_service, outsider


def test_a_member_books_at_the_member_price_and_an_outsider_at_the_other(service_a, member_a, bearer_a):
    booking = services.booking_request(service=service_a, by=member_a, note="20 samples")
    assert booking.is_member and booking.price == Decimal("500.00") and booking.enterprise == member_a.enterprise
    assert Notification.objects.filter(user=bearer_a, kind="services.requested").count() == 1
    other = services.booking_request(service=service_a, by=outsider())
    assert not other.is_member and other.price == Decimal("800.00")


def test_the_price_is_fixed_at_booking_even_if_the_catalogue_changes(service_a, member_a, bearer_a):
    booking = services.booking_request(service=service_a, by=member_a)
    services.service_update(service=service_a, price_member=Decimal("650"), by=bearer_a)
    services.booking_accept(booking=booking, by=bearer_a)
    delivered = services.booking_deliver(booking=booking, by=bearer_a)
    assert delivered.fee == Decimal("500.00")


def test_someone_without_an_enterprise_cannot_book(service_a, officer):
    with pytest.raises(ActionRefused):
        services.booking_request(service=service_a, by=officer)


def test_a_draft_service_cannot_be_booked(association_a, bearer_a, member_a):
    draft = make_service(association_a, bearer_a, published=False)
    with pytest.raises(ActionRefused):
        services.booking_request(service=draft, by=member_a)


def test_delivery_records_the_fee_in_the_book_exactly_once(service_a, member_a, bearer_a):
    booking = delivered_booking(service_a, member_a, bearer_a)
    entries = LedgerEntry.objects.filter(reference=f"services.booking:{booking.pk}")
    assert entries.count() == 1
    entry = entries.get()
    assert (entry.direction, entry.category, entry.amount) == ("income", "service_fees", Decimal("500.00"))
    assert entry.association_id == service_a.association_id
    with pytest.raises(ActionRefused):
        services.booking_deliver(booking=booking, by=bearer_a)
    assert entries.count() == 1
    assert Notification.objects.filter(user=member_a, kind="services.delivered").count() == 1
    assert AuditLog.objects.filter(action="services.delivered", target_id=str(booking.pk)).exists()


def test_a_different_fee_needs_a_reason(service_a, member_a, bearer_a):
    booking = services.booking_request(service=service_a, by=member_a)
    services.booking_accept(booking=booking, by=bearer_a)
    with pytest.raises(ActionRefused, match="Say why"):
        services.booking_deliver(booking=booking, fee=Decimal("450"), by=bearer_a)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.ACCEPTED and not LedgerEntry.objects.exists()
    services.booking_deliver(booking=booking, fee=Decimal("450"), reason="Two samples fewer", by=bearer_a)
    assert LedgerEntry.objects.get().amount == Decimal("450.00")


def test_a_free_delivery_adds_nothing_to_the_book(service_a, member_a, bearer_a):
    booking = delivered_booking(service_a, member_a, bearer_a, fee=Decimal("0"), reason="Goodwill")
    assert booking.status == BookingStatus.DELIVERED and not LedgerEntry.objects.exists()


def test_a_requested_booking_cannot_be_delivered_before_it_is_accepted(service_a, member_a, bearer_a):
    booking = services.booking_request(service=service_a, by=member_a)
    with pytest.raises(ActionRefused):
        services.booking_deliver(booking=booking, by=bearer_a)
    assert not LedgerEntry.objects.exists()


def test_another_association_cannot_handle_the_booking(service_a, member_a, bearer_b):
    booking = services.booking_request(service=service_a, by=member_a)
    for action in (services.booking_accept,):
        with pytest.raises(ActionRefused):
            action(booking=booking, by=bearer_b)
    with pytest.raises(ActionRefused):
        services.booking_decline(booking=booking, reason="No", by=bearer_b)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED


def test_declining_needs_a_reason_and_tells_the_member(service_a, member_a, bearer_a):
    booking = services.booking_request(service=service_a, by=member_a)
    with pytest.raises(ActionRefused):
        services.booking_decline(booking=booking, reason="", by=bearer_a)
    services.booking_decline(booking=booking, reason="Lab closed for calibration", by=bearer_a)
    assert Notification.objects.filter(user=member_a, kind="services.declined").exists()


def test_only_the_booker_rates_only_after_delivery_and_only_once(service_a, member_a, bearer_a, member_b):
    booking = services.booking_request(service=service_a, by=member_a)
    with pytest.raises(ActionRefused, match="once it has been delivered"):
        services.booking_rate(booking=booking, rating=5, by=member_a)
    services.booking_accept(booking=booking, by=bearer_a)
    services.booking_deliver(booking=booking, by=bearer_a)
    for user in (member_b, bearer_a):
        with pytest.raises(ActionRefused, match="Only the person who booked"):
            services.booking_rate(booking=booking, rating=1, by=user)
    with pytest.raises(ActionRefused):
        services.booking_rate(booking=booking, rating=6, by=member_a)
    services.booking_rate(booking=booking, rating=4, comment="Quick report", by=member_a)
    with pytest.raises(ActionRefused, match="already rated"):
        services.booking_rate(booking=booking, rating=1, by=member_a)
    booking.refresh_from_db()
    assert booking.rating == 4


def test_a_member_cannot_change_the_catalogue(association_a, member_a, service_a):
    with pytest.raises(ActionRefused):
        make_service(association_a, member_a)
    with pytest.raises(ActionRefused):
        services.service_update(service=service_a, price_member=Decimal("1"), by=member_a)


def test_services_sold_and_income_count_delivered_bookings_in_the_period(service_a, member_a, bearer_a, association_a):
    first = delivered_booking(service_a, member_a, bearer_a, delivered_on=timezone.localdate() - timedelta(days=40))
    delivered_booking(service_a, member_a, bearer_a)
    services.booking_request(service=service_a, by=member_a)  # requested only: not sold
    assert selectors.services_sold_count(association_a) == 2
    assert selectors.service_income(association_a) == Decimal("1000.00")
    since = timezone.localdate() - timedelta(days=30)
    assert selectors.services_sold_count(association_a, since=since) == 1
    assert selectors.service_income(association_a, until=first.delivered_on) == Decimal("500.00")


def test_service_income_is_zero_without_sales(association_b):
    assert selectors.service_income(association_b) == Decimal("0.00")
    assert selectors.services_sold_count(association_b) == 0
