"""The inbox, the bell's live count, the settings page and a broadcast's progress."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal import testing
from portal.accounts.models import User
from portal.notifications import services
from portal.notifications.models import Broadcast, BroadcastStatus, Frequency, Notification


def _give(user, count):
    Notification.objects.bulk_create(
        [Notification(user=user, kind="desk.new", title=f"Item {i}", link="/desk/") for i in range(count)]
    )


# --- inbox --------------------------------------------------------------------------------------------------


def test_opening_a_notification_marks_it_read_and_goes_to_its_link(client_for, member_a):
    _give(member_a, 1)
    notification = Notification.objects.get()

    response = client_for(member_a).get(f"/notifications/{notification.pk}/")

    assert response.status_code == 302 and response["Location"] == "/desk/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_notification_is_a_404_and_stays_unread(client_for, member_a, member_b):
    _give(member_b, 1)
    notification = Notification.objects.get()

    assert client_for(member_a).get(f"/notifications/{notification.pk}/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_an_offsite_link_is_not_followed(client_for, member_a):
    Notification.objects.create(user=member_a, kind="desk.new", title="x", link="https://evil.example/")
    response = client_for(member_a).get(f"/notifications/{Notification.objects.get().pk}/")
    assert response["Location"] == "/notifications/"


def test_the_inbox_shows_only_my_notifications(client_for, member_a, member_b):
    Notification.objects.create(user=member_a, kind="desk.new", title="Mine")
    Notification.objects.create(user=member_b, kind="desk.new", title="Theirs")

    content = client_for(member_a).get("/notifications/").content.decode()

    assert "Mine" in content and "Theirs" not in content


def test_the_inbox_runs_the_same_number_of_queries_for_3_or_20_notifications(client_for, member_a, member_b):
    client = client_for(member_a)
    _give(member_a, 3)
    client.get("/notifications/")  # warm up session and caches
    with CaptureQueriesContext(connection) as few:
        client.get("/notifications/")
    _give(member_a, 17)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/notifications/")

    assert response.content.decode().count("Item ") == 20
    assert len(few) == len(many)


def test_the_inbox_needs_a_login(anonymous):
    assert anonymous.get("/notifications/").status_code == 302


# --- the bell ----------------------------------------------------------------------------------------------


def test_the_count_endpoint_returns_my_unread_count_as_a_polling_badge(client_for, member_a, member_b):
    _give(member_a, 4)
    _give(member_b, 2)
    services.notification_mark_read(user=member_a, notification_id=Notification.objects.filter(user=member_a)[0].pk)

    response = client_for(member_a).get("/notifications/count/", headers={"HX-Request": "true"})

    content = response.content.decode()
    assert response.status_code == 200
    assert '<span class="count" aria-hidden="true">3</span>' in content
    assert 'hx-trigger="every 60s"' in content and 'hx-get="/notifications/count/"' in content
    assert "<html" not in content


def test_the_count_endpoint_gives_a_signed_out_visitor_0_and_stops_polling(anonymous):
    response = anonymous.get("/notifications/count/")

    assert response.status_code == 286  # htmx stops polling on 286
    assert b'class="count"' not in response.content and b"0 unread" in response.content


def test_the_count_endpoint_refuses_post(client_for, member_a):
    assert client_for(member_a).post("/notifications/count/").status_code == 405


# --- settings ------------------------------------------------------------------------------------------------


def test_the_settings_page_shows_the_defaults_and_saves_choices(client_for, member_a):
    client = client_for(member_a)
    page = client.get("/notifications/settings/").content.decode()
    assert "Requirements" in page and "Research and surveys" in page
    assert '<option value="immediately" selected>' in page

    data = {}
    for group in services.KINDS:
        data[f"{group}-frequency"] = "immediately"
        data[f"{group}-email"] = "on"
    data["updates-frequency"] = "weekly"
    data["desk-frequency"] = "never"
    data["research-sms"] = "on"
    response = client.post("/notifications/settings/", data)

    assert response.status_code == 302
    choices = services.preferences_of(member_a)
    assert choices["updates"].frequency == Frequency.WEEKLY and choices["desk"].frequency == Frequency.NEVER
    assert choices["research"].sms is True and choices["pooling"].frequency == Frequency.IMMEDIATELY
    assert (
        "weekly" in client.get("/notifications/settings/").content.decode().split('name="updates-frequency"')[1][:400]
    )


def test_a_bad_choice_is_refused_beside_the_field_and_nothing_is_saved(client_for, member_a):
    data = {f"{group}-frequency": "immediately" for group in services.KINDS}
    data["desk-frequency"] = "hourly"
    data["updates-frequency"] = "never"

    response = client_for(member_a).post("/notifications/settings/", data)

    assert response.status_code == 200
    assert b"Select a valid choice" in response.content
    assert services.preferences_of(member_a)["updates"].frequency == Frequency.IMMEDIATELY


def test_the_settings_page_needs_a_login(anonymous):
    assert anonymous.get("/notifications/settings/").status_code == 302


# --- broadcast progress -----------------------------------------------------------------------------------------


def _broadcast(started_by):
    testing.make_user()
    item = services.broadcast(
        users=User.objects.all(), kind="updates.news", title="Budget circular", started_by=started_by
    )
    Broadcast.objects.filter(pk=item.pk).update(sent=1, total=4, status=BroadcastStatus.SENDING)
    return item


def test_the_publisher_sees_progress_as_a_polling_partial(client_for, bearer_a):
    item = _broadcast(bearer_a)

    response = client_for(bearer_a).get(f"/notifications/broadcasts/{item.pk}/", headers={"HX-Request": "true"})

    content = response.content.decode()
    assert '<progress class="progress" value="1" max="4"' in content
    assert "1 of 4 people (25%)" in content and 'hx-trigger="every 2s"' in content
    assert "<html" not in content


def test_a_finished_broadcast_stops_polling_and_the_full_page_works(client_for, bearer_a):
    item = _broadcast(bearer_a)
    Broadcast.objects.filter(pk=item.pk).update(sent=4, status=BroadcastStatus.DONE)

    content = client_for(bearer_a).get(f"/notifications/broadcasts/{item.pk}/").content.decode()

    assert "<html" in content and "Budget circular" in content and "4 of 4 people (100%)" in content
    assert "hx-trigger" not in content.split('class="broadcast-progress"')[1][:200]


def test_sidbi_sees_any_broadcast(client_for, bearer_a, officer):
    item = _broadcast(bearer_a)
    assert b"1 of 4" in client_for(officer).get(f"/notifications/broadcasts/{item.pk}/").content


def test_anyone_else_gets_a_404_for_a_broadcast(client_for, bearer_a, bearer_b, member_a, anonymous):
    item = _broadcast(bearer_a)
    url = f"/notifications/broadcasts/{item.pk}/"

    assert client_for(bearer_b).get(url).status_code == 404
    assert client_for(member_a).get(url).status_code == 404
    assert anonymous.get(url).status_code == 302
    nobody = _broadcast(None)
    assert client_for(bearer_a).get(f"/notifications/broadcasts/{nobody.pk}/").status_code == 404
