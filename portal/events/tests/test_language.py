"""An event is kept in the language its organiser wrote it in and the pages mark it (issue #12)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from portal.events import services
from portal.events.forms import EventForm
from portal.events.models import Audience, Event

from .conftest import make_event

LOCAL = "%Y-%m-%dT%H:%M"


def details(**fields) -> services.EventDetails:
    starts = (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0)
    values = {
        "title": "Lean manufacturing",
        "description": "Cutting waste.",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=3),
        "registration_deadline": starts - timedelta(hours=2),
        "capacity": 30,
        "audience": Audience.MEMBERS,
        "venue": "Association hall",
    }
    values.update(fields)
    return services.EventDetails(**values)


def test_the_form_offers_the_organisers_language_first(bearer_a):
    bearer_a.language = "ta"
    bearer_a.save(update_fields=["language"])
    assert EventForm(sidbi=False, user=bearer_a).initial["language"] == "ta"


def test_an_event_left_without_a_language_takes_the_organisers_and_an_edit_keeps_it(association_a, bearer_a):
    bearer_a.language = "ta"
    bearer_a.save(update_fields=["language"])
    event = services.event_create(owner=association_a, details=details(title="மெலிந்த உற்பத்தி"), by=bearer_a)
    assert event.language == "ta"
    services.event_update(event=event, details=details(title="மெலிந்த உற்பத்தி பயிற்சி"), by=bearer_a)
    event.refresh_from_db()
    assert event.language == "ta"
    services.event_update(event=event, details=details(title="Lean manufacturing", language="en"), by=bearer_a)
    event.refresh_from_db()
    assert event.language == "en"


def test_the_chosen_language_is_stored_through_the_form(client_for, association_a, bearer_a):
    starts = timezone.localtime() + timedelta(days=10)
    response = client_for(bearer_a).post(
        reverse("events:new", args=[association_a.slug]),
        {
            "kind": "training",
            "title": "ਲੀਨ ਨਿਰਮਾਣ",
            "description": "ਬਰਬਾਦੀ ਘਟਾਉਣਾ।",
            "language": "pa",
            "mode": "in_person",
            "venue": "Hall",
            "starts_at": starts.strftime(LOCAL),
            "ends_at": (starts + timedelta(hours=2)).strftime(LOCAL),
            "registration_deadline": (starts - timedelta(hours=2)).strftime(LOCAL),
            "capacity": "20",
            "audience": "members",
            "fee": "0",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Event.objects.get(title="ਲੀਨ ਨਿਰਮਾਣ").language == "pa"


def test_the_pages_mark_the_event_with_its_language(client_for, association_a, bearer_a, member_a):
    event = make_event(
        owner=association_a, by=bearer_a, title="மெலிந்த உற்பத்தி", description="கழிவைக் குறைத்தல்.", language="ta"
    )
    client = client_for(member_a)
    detail = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert '<h1 lang="ta">மெலிந்த உற்பத்தி</h1>' in detail
    assert '<div class="prose" lang="ta">' in detail
    listing = client.get(reverse("events:list")).content.decode()
    assert 'lang="ta">மெலிந்த உற்பத்தி</a>' in listing
