from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from portal.core.errors import ActionRefused
from portal.core.models import AuditLog
from portal.events import services
from portal.events.models import Audience, EventStatus, Feedback, RegistrationStatus
from portal.events.tests.conftest import add_member, make_event
from portal.finances.models import LedgerEntry
from portal.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_member_registers_and_gets_a_confirmed_place(training_a, member_a):
    registration = services.registration_create(event=training_a, by=member_a)
    training_a.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert training_a.confirmed_count == 1
    assert AuditLog.objects.filter(action="events.registered", target_id=str(registration.pk)).exists()


def test_registering_twice_is_refused(training_a, member_a):
    services.registration_create(event=training_a, by=member_a)
    with pytest.raises(ActionRefused, match="already registered"):
        services.registration_create(event=training_a, by=member_a)
    training_a.refresh_from_db()
    assert training_a.confirmed_count == 1


def test_registering_after_the_deadline_is_refused(training_a, member_a):
    with (
        time_machine.travel(training_a.registration_deadline + timedelta(minutes=1)),
        pytest.raises(ActionRefused, match="closed"),
    ):
        services.registration_create(event=training_a, by=member_a)


def test_member_of_another_association_cannot_register_for_members_only_event(training_a, member_b):
    with pytest.raises(ActionRefused, match="members of Tiruppur Knitwear Association only"):
        services.registration_create(event=training_a, by=member_b)


def test_anyone_with_an_account_registers_for_a_public_event(public_a, member_b):
    assert services.registration_create(event=public_a, by=member_b).status == RegistrationStatus.CONFIRMED


def test_draft_event_refuses_registration(association_a, bearer_a, member_a):
    draft = make_event(owner=association_a, by=bearer_a, status=EventStatus.DRAFT)
    with pytest.raises(ActionRefused, match="not open"):
        services.registration_create(event=draft, by=member_a)


def test_full_event_puts_the_next_person_on_the_waiting_list(association_a, bearer_a, member_a):
    event = make_event(owner=association_a, by=bearer_a, capacity=1)
    services.registration_create(event=event, by=member_a)
    other = add_member(association_a, name="Second")
    registration = services.registration_create(event=event, by=other)
    event.refresh_from_db()
    assert registration.status == RegistrationStatus.WAITLISTED
    assert event.confirmed_count == 1


def test_cancelling_promotes_the_first_on_the_waiting_list_and_tells_them(association_a, bearer_a, member_a):
    event = make_event(owner=association_a, by=bearer_a, capacity=1)
    first = services.registration_create(event=event, by=member_a)
    second_user, third_user = add_member(association_a, name="Second"), add_member(association_a, name="Third")
    second = services.registration_create(event=event, by=second_user)
    third = services.registration_create(event=event, by=third_user)

    services.registration_cancel(registration=first, by=member_a)

    second.refresh_from_db()
    third.refresh_from_db()
    event.refresh_from_db()
    assert second.status == RegistrationStatus.CONFIRMED
    assert third.status == RegistrationStatus.WAITLISTED
    assert event.confirmed_count == 1
    assert Notification.objects.filter(user=second_user, kind="events.promoted").count() == 1
    assert not Notification.objects.filter(user=third_user, kind="events.promoted").exists()


def test_cancelling_a_waiting_place_promotes_nobody(association_a, bearer_a, member_a):
    event = make_event(owner=association_a, by=bearer_a, capacity=1)
    services.registration_create(event=event, by=member_a)
    waiting = services.registration_create(event=event, by=add_member(association_a))
    services.registration_cancel(registration=waiting, by=waiting.user)
    event.refresh_from_db()
    assert event.confirmed_count == 1
    assert not Notification.objects.filter(kind="events.promoted").exists()


def test_someone_else_cannot_cancel_my_registration(training_a, member_a, member_b):
    registration = services.registration_create(event=training_a, by=member_a)
    with pytest.raises(ActionRefused):
        services.registration_cancel(registration=registration, by=member_b)


def test_re_registering_after_cancelling_works(training_a, member_a):
    registration = services.registration_create(event=training_a, by=member_a)
    services.registration_cancel(registration=registration, by=member_a)
    again = services.registration_create(event=training_a, by=member_a)
    assert again.status == RegistrationStatus.CONFIRMED


def test_cancelling_the_event_notifies_everyone_registered(association_a, bearer_a, member_a):
    event = make_event(owner=association_a, by=bearer_a, capacity=1)
    services.registration_create(event=event, by=member_a)
    waiting = add_member(association_a)
    services.registration_create(event=event, by=waiting)
    services.event_cancel(event=event, reason="The trainer fell ill.", by=bearer_a)
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    notified = set(Notification.objects.filter(kind="events.cancelled").values_list("user_id", flat=True))
    assert notified == {member_a.pk, waiting.pk}


def test_office_of_another_association_cannot_cancel(training_a, bearer_b):
    with pytest.raises(ActionRefused):
        services.event_cancel(event=training_a, reason="no", by=bearer_b)


def test_publishing_a_draft(association_a, bearer_a):
    draft = make_event(owner=association_a, by=bearer_a, status=EventStatus.DRAFT)
    assert services.event_publish(event=draft, by=bearer_a).status == EventStatus.PUBLISHED


def test_member_cannot_publish(association_a, bearer_a, member_a):
    draft = make_event(owner=association_a, by=bearer_a, status=EventStatus.DRAFT)
    with pytest.raises(ActionRefused):
        services.event_publish(event=draft, by=member_a)


def test_only_sidbi_creates_sidbi_events(officer, bearer_a):
    from portal.events.models import Event

    starts = timezone.now() + timedelta(days=2)
    details = services.EventDetails(
        title="x",
        description="y",
        capacity=10,
        audience=Audience.PUBLIC,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        registration_deadline=starts,
    )
    with pytest.raises(ActionRefused):
        services.event_create(owner=None, details=details, by=bearer_a)
    event = services.event_create(owner=None, details=details, by=officer)
    assert isinstance(event, Event) and event.owner is None and event.status == EventStatus.DRAFT


def test_capacity_cannot_go_below_the_confirmed_count(association_a, bearer_a, member_a):
    event = make_event(owner=association_a, by=bearer_a, capacity=2)
    services.registration_create(event=event, by=member_a)
    services.registration_create(event=event, by=add_member(association_a))
    details = services.EventDetails(
        **{name: getattr(event, name) for name in services.EventDetails.__dataclass_fields__ if name != "sectors"}
    )
    with pytest.raises(ActionRefused, match="already confirmed"):
        services.event_update(event=event, details=replace(details, capacity=1), by=bearer_a)


def _attended(event, user, by):
    registration = services.registration_create(event=event, by=user)
    with time_machine.travel(event.starts_at + timedelta(minutes=10)):
        return services.attendance_mark(registration=registration, by=by)


def test_organiser_marks_a_confirmed_person_present(training_a, member_a, bearer_a):
    registration = _attended(training_a, member_a, bearer_a)
    assert registration.attended


def test_member_cannot_mark_attendance(training_a, member_a):
    registration = services.registration_create(event=training_a, by=member_a)
    with time_machine.travel(training_a.starts_at), pytest.raises(ActionRefused):
        services.attendance_mark(registration=registration, by=member_a)


def test_waiting_list_cannot_be_checked_in(association_a, bearer_a, member_a):
    event = make_event(owner=association_a, by=bearer_a, capacity=1)
    services.registration_create(event=event, by=add_member(association_a))
    waiting = services.registration_create(event=event, by=member_a)
    with time_machine.travel(event.starts_at), pytest.raises(ActionRefused, match="confirmed"):
        services.attendance_mark(registration=waiting, by=bearer_a)


def test_feedback_once_after_the_event(training_a, member_a, bearer_a):
    registration = _attended(training_a, member_a, bearer_a)
    with pytest.raises(ActionRefused):  # not over yet
        services.feedback_submit(registration=registration, rating=5, by=member_a)
    with time_machine.travel(training_a.ends_at + timedelta(hours=1)):
        services.feedback_submit(registration=registration, rating=4, comments="Useful", by=member_a)
        with pytest.raises(ActionRefused, match="already"):
            services.feedback_submit(registration=registration, rating=5, by=member_a)
    assert Feedback.objects.get().rating == 4


def test_feedback_rating_outside_1_to_5_is_refused(training_a, member_a, bearer_a):
    registration = _attended(training_a, member_a, bearer_a)
    with time_machine.travel(training_a.ends_at + timedelta(hours=1)), pytest.raises(ActionRefused):
        services.feedback_submit(registration=registration, rating=6, by=member_a)


def test_absent_person_cannot_give_feedback(training_a, member_a):
    registration = services.registration_create(event=training_a, by=member_a)
    with time_machine.travel(training_a.ends_at + timedelta(hours=1)), pytest.raises(ActionRefused):
        services.feedback_submit(registration=registration, rating=3, by=member_a)


def test_paid_fee_goes_into_the_association_book_and_unpaid_reverses_it(association_a, bearer_a, member_a):
    event = make_event(owner=association_a, by=bearer_a, fee=Decimal("1500.00"))
    registration = services.registration_create(event=event, by=member_a)
    services.fee_mark_paid(registration=registration, by=bearer_a)
    entry = LedgerEntry.objects.get(reference=f"events.registration:{registration.pk}")
    assert (entry.direction, entry.category, entry.amount) == ("income", "event_fees", Decimal("1500.00"))
    services.fee_mark_paid(registration=registration, by=bearer_a)  # again: no second entry
    assert LedgerEntry.objects.filter(association=association_a).count() == 1
    services.fee_mark_paid(registration=registration, paid=False, by=bearer_a)
    total = sum(e.amount for e in LedgerEntry.objects.filter(association=association_a))
    assert total == Decimal("0")


def test_sidbi_event_fee_does_not_touch_any_association_book(officer, member_a):
    event = make_event(owner=None, by=officer, fee=Decimal("500"))
    registration = services.registration_create(event=event, by=member_a)
    services.fee_mark_paid(registration=registration, by=officer)
    registration.refresh_from_db()
    assert registration.fee_paid
    assert not LedgerEntry.objects.exists()


def test_member_cannot_mark_a_fee_paid(association_a, bearer_a, member_a):
    event = make_event(owner=association_a, by=bearer_a, fee=Decimal("100"))
    registration = services.registration_create(event=event, by=member_a)
    with pytest.raises(ActionRefused):
        services.fee_mark_paid(registration=registration, by=member_a)
    assert not LedgerEntry.objects.exists()
