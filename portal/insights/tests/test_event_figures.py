from datetime import timedelta

from django.utils import timezone

from portal import testing
from portal.insights.figures import national_figures
from portal.insights.filters import Filters


def make_event(*, owner, by, kind="training", days_ago=10, status="published", capacity=30):
    from portal.events.models import Event

    ends = timezone.now() - timedelta(days=days_ago)
    return Event.objects.create(
        owner=owner,
        created_by=by,
        kind=kind,
        title=f"{kind} {days_ago}",
        description="x",
        starts_at=ends - timedelta(hours=3),
        ends_at=ends,
        registration_deadline=ends - timedelta(days=1),
        capacity=capacity,
        audience="registered",
        status=status,
    )


def attend(event, user):
    from portal.events.models import Registration

    return Registration.objects.create(event=event, user=user, status="confirmed", attended_at=event.starts_at)


def events_of(figures):
    return {f.key: f.value for f in figures.sections["events"]}


def test_event_figures_count_held_events_trainings_webinars_and_people_trained(
    association_a, association_b, bearer_a, bearer_b, member_a, member_b, officer
):
    training = make_event(owner=association_a, by=bearer_a)
    webinar = make_event(owner=association_b, by=bearer_b, kind="webinar", days_ago=40)
    fair = make_event(owner=association_a, by=bearer_a, kind="trade_fair", days_ago=5)
    make_event(owner=None, by=officer, kind="workshop", days_ago=20)  # SIDBI's own
    make_event(owner=association_a, by=bearer_a, status="cancelled")  # not held
    make_event(owner=association_a, by=bearer_a, days_ago=-5)  # still to come
    make_event(owner=association_a, by=bearer_a, days_ago=500)  # before the period
    attend(training, member_a)
    attend(webinar, member_a)  # the same person trained twice counts once
    attend(webinar, member_b)
    attend(fair, member_b)  # a fair is not training

    figures = events_of(national_figures(Filters()))
    assert figures == {"events_held": 4, "trainings": 3, "webinars": 1, "trained": 2, "attendances": 4}

    punjab = events_of(national_figures(Filters(state="PB")))
    assert punjab == {"events_held": 1, "trainings": 1, "webinars": 1, "trained": 2, "attendances": 2}


def test_home_page_shows_events_webinars_and_requirements_solved_from_the_records(
    anonymous, association_a, bearer_a, officer
):
    make_event(owner=association_a, by=bearer_a)
    make_event(owner=None, by=officer, kind="webinar")
    make_event(owner=association_a, by=bearer_a, days_ago=-3)  # not held yet
    counts = anonymous.get("/").context["counts"]
    assert (counts["events_held"], counts["webinars"], counts["requirements_solved"]) == (2, 1, 0)
    testing.make_association()  # counts are cached for five minutes: a new record does not show at once
    assert anonymous.get("/").context["counts"]["associations"] == 1
