from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from portal import testing
from portal.events import services
from portal.events.models import Audience, Event, EventKind, EventStatus, Mode, RegistrationStatus
from portal.events.tests.conftest import add_member, make_event

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    starts = timezone.localtime() + timedelta(days=10)
    data = {
        "kind": "training",
        "title": "Energy audit basics",
        "description": "How to read your **power bill**.",
        "mode": "in_person",
        "venue": "Association hall",
        "address": "Tiruppur",
        "starts_at": starts.strftime("%Y-%m-%dT10:00"),
        "ends_at": starts.strftime("%Y-%m-%dT13:00"),
        "registration_deadline": (starts - timedelta(days=1)).strftime("%Y-%m-%dT18:00"),
        "capacity": "40",
        "audience": "members",
        "fee": "250.00",
    }
    data.update(overrides)
    return data


# Creating and publishing


def test_office_bearer_creates_a_draft_in_ist_then_publishes(client_for, bearer_a, association_a):
    client = client_for(bearer_a)
    response = client.post(f"/events/associations/{association_a.slug}/new/", form_data())
    event = Event.objects.get()
    assert response.status_code == 302
    assert (event.owner, event.status, event.fee) == (association_a, EventStatus.DRAFT, Decimal("250.00"))
    assert timezone.localtime(event.starts_at).strftime("%H:%M %Z") == "10:00 IST"
    client.post(f"/events/{event.pk}/publish/")
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_detail_shows_times_in_ist(client_for, member_a, training_a):
    content = client_for(member_a).get(f"/events/{training_a.pk}/").content.decode()
    assert timezone.localtime(training_a.starts_at).strftime("%H:%M") in content
    assert "IST" in content
    assert "<strong>shop floor</strong>" in content


def test_online_event_needs_a_link_and_end_after_start(client_for, bearer_a, association_a):
    data = form_data(mode="online", venue="", online_link="")
    data["ends_at"] = data["starts_at"]
    response = client_for(bearer_a).post(f"/events/associations/{association_a.slug}/new/", data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "online_link" in errors and "ends_at" in errors
    assert not Event.objects.exists()


def test_member_cannot_create_an_association_event(client_for, member_a, association_a):
    assert client_for(member_a).get(f"/events/associations/{association_a.slug}/new/").status_code == 403


def test_office_of_b_cannot_create_events_for_a(client_for, bearer_b, association_a):
    assert client_for(bearer_b).post(f"/events/associations/{association_a.slug}/new/", form_data()).status_code == 404


def test_sidbi_officer_creates_a_sidbi_event_but_not_members_only(client_for, officer):
    client = client_for(officer)
    response = client.post("/events/new/", form_data(audience="members"))
    assert response.status_code == 200 and "audience" in response.context["form"].errors
    client.post("/events/new/", form_data(audience="public"))
    assert Event.objects.get().owner is None


def test_member_cannot_create_a_sidbi_event(client_for, member_a):
    assert client_for(member_a).get("/events/new/").status_code == 403


def test_office_of_b_gets_403_managing_a_public_event_of_a(client_for, bearer_b, public_a):
    client = client_for(bearer_b)
    assert client.get(f"/events/{public_a.pk}/manage/").status_code == 403
    assert client.get(f"/events/{public_a.pk}/checkin/").status_code == 403
    assert client.post(f"/events/{public_a.pk}/cancel/", {"reason": "x"}).status_code == 403


def test_cancel_from_the_page_notifies(client_for, bearer_a, training_a, member_a):
    services.registration_create(event=training_a, by=member_a)
    client_for(bearer_a).post(f"/events/{training_a.pk}/cancel/", {"reason": "Venue flooded"})
    training_a.refresh_from_db()
    assert training_a.status == EventStatus.CANCELLED
    assert member_a.notifications.filter(kind="events.cancelled").exists()


# Registering


def test_member_registers_from_the_page(client_for, member_a, training_a):
    response = client_for(member_a).post(f"/events/{training_a.pk}/register/", follow=True)
    assert "You are registered" in response.content.decode()
    assert training_a.registrations.get().status == RegistrationStatus.CONFIRMED


def test_registering_twice_shows_a_clear_message(client_for, member_a, training_a):
    client = client_for(member_a)
    client.post(f"/events/{training_a.pk}/register/")
    response = client.post(f"/events/{training_a.pk}/register/", follow=True)
    assert "already registered" in response.content.decode()


def test_registering_after_the_deadline_shows_a_clear_message(client_for, member_a, training_a):
    with time_machine.travel(training_a.registration_deadline + timedelta(minutes=5)):
        response = client_for(member_a).post(f"/events/{training_a.pk}/register/", follow=True)
    assert "Registration for this event has closed" in response.content.decode()
    assert not training_a.registrations.exists()


def test_not_eligible_for_a_registered_only_event_without_account(anonymous, association_a, bearer_a):
    event = make_event(owner=association_a, by=bearer_a, audience=Audience.PUBLIC)
    response = anonymous.post(f"/events/{event.pk}/register/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "Log in to register" in anonymous.get(f"/events/{event.pk}/").content.decode()


def test_full_event_offers_the_waiting_list_and_shows_the_position(client_for, association_a, bearer_a, member_a):
    event = make_event(owner=association_a, by=bearer_a, capacity=1)
    services.registration_create(event=event, by=add_member(association_a))
    client = client_for(member_a)
    assert "Join the waiting list" in client.get(f"/events/{event.pk}/").content.decode()
    client.post(f"/events/{event.pk}/register/")
    assert "number 1 on the waiting list" in client.get(f"/events/{event.pk}/").content.decode()


def test_member_cancels_own_registration(client_for, member_a, training_a):
    client = client_for(member_a)
    client.post(f"/events/{training_a.pk}/register/")
    client.post(f"/events/{training_a.pk}/unregister/")
    assert training_a.registrations.get().status == RegistrationStatus.CANCELLED


def test_online_link_shown_only_to_confirmed_attendees_and_organiser(client_for, officer, member_a, member_b):
    link = "https://meet.example.in/secret-room"
    event = make_event(
        owner=None, by=officer, mode=Mode.ONLINE, venue="", online_link=link, audience=Audience.PUBLIC, capacity=1
    )
    assert link not in client_for(member_a).get(f"/events/{event.pk}/").content.decode()
    services.registration_create(event=event, by=member_a)
    services.registration_create(event=event, by=member_b)  # waiting list
    assert link in client_for(member_a).get(f"/events/{event.pk}/").content.decode()
    assert link not in client_for(member_b).get(f"/events/{event.pk}/").content.decode()
    assert link in client_for(officer).get(f"/events/{event.pk}/").content.decode()


# Check-in


@pytest.fixture
def registered_a(training_a, member_a):
    return services.registration_create(event=training_a, by=member_a)


def test_checkin_page_lists_registrants_with_present_buttons(client_for, bearer_a, registered_a):
    content = client_for(bearer_a).get(f"/events/{registered_a.event_id}/checkin/").content.decode()
    assert "Member A" in content and "big-present" in content


def test_checkin_search_returns_the_partial_for_htmx(client_for, bearer_a, registered_a, association_a):
    services.registration_create(event=registered_a.event, by=add_member(association_a, name="Ravi Kumar"))
    response = client_for(bearer_a).get(
        f"/events/{registered_a.event_id}/checkin/?q=ravi", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="registrants"
    )
    content = response.content.decode()
    assert "<html" not in content
    assert "Ravi Kumar" in content and "Member A" not in content


def test_present_button_marks_attended_and_returns_the_row(client_for, bearer_a, registered_a):
    event = registered_a.event
    with time_machine.travel(event.starts_at):
        response = client_for(bearer_a).post(
            f"/events/{event.pk}/registrations/{registered_a.pk}/present/", {"present": "1"}, HTTP_HX_REQUEST="true"
        )
    registered_a.refresh_from_db()
    assert registered_a.attended
    assert f'id="registration-{registered_a.pk}"' in response.content.decode()
    assert "<html" not in response.content.decode()


def test_present_too_early_shows_the_reason_not_a_500(client_for, bearer_a, registered_a):
    response = client_for(bearer_a).post(
        f"/events/{registered_a.event_id}/registrations/{registered_a.pk}/present/", HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "Check-in opens on the day" in response.content.decode()


def test_member_cannot_check_people_in(client_for, member_a, registered_a):
    url = f"/events/{registered_a.event_id}/registrations/{registered_a.pk}/present/"
    assert client_for(member_a).post(url).status_code == 403


def test_organiser_marks_fee_paid_and_it_lands_in_the_book(client_for, bearer_a, association_a, member_a):
    from portal.finances.models import LedgerEntry

    event = make_event(owner=association_a, by=bearer_a, fee=Decimal("300"))
    registration = services.registration_create(event=event, by=member_a)
    client_for(bearer_a).post(f"/events/{event.pk}/registrations/{registration.pk}/paid/", {"paid": "1"})
    assert LedgerEntry.objects.get().reference == f"events.registration:{registration.pk}"


# Feedback and certificates


@pytest.fixture
def attended_a(registered_a, bearer_a):
    with time_machine.travel(registered_a.event.starts_at):
        return services.attendance_mark(registration=registered_a, by=bearer_a)


def test_attendee_gives_feedback_once_and_organiser_sees_the_average(client_for, member_a, bearer_a, attended_a):
    event = attended_a.event
    client = client_for(member_a)
    with time_machine.travel(event.ends_at + timedelta(hours=2)):
        assert "Tell the organiser" in client.get(f"/events/{event.pk}/").content.decode()
        client.post(f"/events/{event.pk}/feedback/", {"rating": "4", "comments": "Good trainer"})
        again = client.post(f"/events/{event.pk}/feedback/", {"rating": "1"}, follow=True)
        assert "already given feedback" in again.content.decode()
        manage = client_for(bearer_a).get(f"/events/{event.pk}/manage/")
    assert manage.context["feedback"]["average"] == 4
    assert "Good trainer" in manage.content.decode()


def test_feedback_form_is_refused_to_someone_absent(client_for, registered_a, member_a):
    with time_machine.travel(registered_a.event.ends_at + timedelta(hours=2)):
        assert client_for(member_a).get(f"/events/{registered_a.event_id}/feedback/").status_code == 403


def test_certificate_for_attendee_with_a_hindi_name(client_for, association_a, bearer_a):
    from portal.testing import pdf_fonts, pdf_text

    person = add_member(association_a, name="सुनीता शर्मा (Sunita Sharma)")
    event = make_event(owner=association_a, by=bearer_a, title="Lean manufacturing basics")
    registration = services.registration_create(event=event, by=person)
    with time_machine.travel(event.starts_at):
        services.attendance_mark(registration=registration, by=bearer_a)
    response = client_for(person).get(f"/events/{event.pk}/certificate.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert any("NotoSansDevanagari" in font for font in pdf_fonts(response.content))
    text = pdf_text(response.content)
    assert "Lean manufacturing basics" in text
    assert "Sunita Sharma" in text
    assert timezone.localtime(event.starts_at).strftime("%-d %B %Y") in text
    assert association_a.name in text
    assert registration.certificate_code in text


def test_certificate_is_404_for_a_registrant_not_marked_present(client_for, member_a, registered_a):
    assert client_for(member_a).get(f"/events/{registered_a.event_id}/certificate.pdf").status_code == 404


def test_certificate_is_404_for_someone_else(client_for, association_a, attended_a):
    other = add_member(association_a)
    assert client_for(other).get(f"/events/{attended_a.event_id}/certificate.pdf").status_code == 404


def test_certificate_verification_page(anonymous, attended_a):
    content = anonymous.get(f"/events/certificates/{attended_a.certificate_code}/").content.decode()
    assert "genuine" in content and "Member A" in content
    assert anonymous.get("/events/certificates/NOPE00000000/").status_code == 404


# Lists and the calendar


def test_list_filters_by_kind_sector_state_and_when(anonymous, association_a, bearer_a, officer):
    make_event(owner=association_a, by=bearer_a, audience=Audience.PUBLIC, title="Textile training")
    webinar = make_event(owner=None, by=officer, kind=EventKind.WEBINAR, title="GST webinar", mode=Mode.ONLINE)
    webinar.sectors.set([testing.Sector.objects.get(slug="engineering")])
    make_event(owner=None, by=officer, title="Past fair", kind=EventKind.TRADE_FAIR, days_ahead=-10)

    def titles(query=""):
        return [e.title for e in anonymous.get(f"/events/?{query}").context["page"]]

    assert set(titles()) == {"Textile training", "GST webinar"}
    assert titles("kind=webinar") == ["GST webinar"]
    assert titles(f"sector={testing.Sector.objects.get(slug='engineering').pk}") == ["GST webinar"]
    assert titles("when=past") == ["Past fair"]
    assert titles("q=textile") == ["Textile training"]


def test_list_runs_the_same_number_of_queries_for_3_and_20_events(
    client_for, member_a, association_a, bearer_a, django_assert_max_num_queries
):
    client = client_for(member_a)

    def make(n):
        for i in range(n):
            event = make_event(owner=association_a, by=bearer_a, title=f"Event {i}")
            event.sectors.set([testing.Sector.objects.get(slug="textiles")])
            services.registration_create(event=event, by=member_a) if i % 2 else None

    make(3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get("/events/")
    make(17)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/events/")
    assert len(response.context["page"]) == 20


def test_calendar_shows_the_month_with_events(client_for, member_a, training_a):
    month = timezone.localtime(training_a.starts_at).strftime("%Y-%m")
    response = client_for(member_a).get(f"/events/calendar/?month={month}")
    assert training_a.title in response.content.decode()


def test_calendar_runs_the_same_number_of_queries_for_3_and_20_events(
    client_for, member_a, association_a, bearer_a, django_assert_max_num_queries
):
    client = client_for(member_a)
    start = timezone.localtime().replace(day=1, hour=10) + timedelta(days=40)
    month = start.strftime("%Y-%m")

    def make(n, offset):
        for i in range(n):
            when = start + timedelta(days=(offset + i) % 27)
            make_event(
                owner=association_a,
                by=bearer_a,
                starts_at=when,
                ends_at=when + timedelta(hours=2),
                registration_deadline=when - timedelta(hours=1),
            )

    make(3, 0)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(f"/events/calendar/?month={month}")
    make(17, 3)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(f"/events/calendar/?month={month}")


def test_mine_page_shows_the_feed_address(client_for, member_a, registered_a):
    content = client_for(member_a).get("/events/mine/").content.decode()
    assert "/events/feed/" in content and registered_a.event.title in content
