"""Service levels and escalation with frozen time: overdue → the association (level 1) → SIDBI (level 2)."""

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from portal import testing
from portal.core.models import AuditLog
from portal.desk import services
from portal.desk.models import Requirement, ServiceLevel, Status
from portal.desk.tests.flows import drive, fresh
from portal.notifications.models import Notification

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Kolkata"))  # a Monday morning in India
NOTHING = {"to_association": 0, "to_sidbi": 0, "closed": 0}


def at(**delta):
    return time_machine.travel(T0 + timedelta(**delta), tick=False)


def escalate(**delta) -> dict:
    with at(**delta):
        return services.escalate_overdue()


def escalations_for(user) -> list[str]:
    return list(Notification.objects.filter(user=user, kind="desk.escalated").values_list("title", flat=True))


@pytest.fixture
def posted(cast):
    """A testing requirement posted at T0 and left unanswered (default service level: 48 hours)."""
    with at():
        return drive(cast, Status.POSTED)


def test_nothing_is_escalated_within_the_first_response_time(posted):
    assert escalate(hours=47, minutes=59) == NOTHING
    assert fresh(posted).escalation_level == 0


def test_an_unanswered_requirement_is_escalated_to_the_association_once_overdue(posted, bearer_a, officer):
    assert escalate(hours=48, minutes=1) == {"to_association": 1, "to_sidbi": 0, "closed": 0}
    requirement = fresh(posted)
    assert requirement.escalation_level == 1
    assert requirement.escalated_at == T0 + timedelta(hours=48, minutes=1)
    assert escalations_for(bearer_a) == [f"Overdue: {posted.reference} is past its service level"]
    assert escalations_for(officer) == []
    assert not Requirement.objects.visible_to(officer).filter(pk=posted.pk).exists()
    record = AuditLog.objects.get(action="requirement.escalated")
    assert (record.actor, record.data) == (None, {"level": 1})


def test_an_overdue_requirement_with_a_provider_tells_the_provider_and_the_office(cast, bearer_a, lab_user):
    with at():
        requirement = drive(cast, Status.POSTED)
    with at(hours=1):
        services.requirement_assign(requirement=requirement, provider=cast.lab, by=bearer_a)
    # The assignment was the first response; the resolution clock (30 days) still runs.
    assert escalate(hours=49) == NOTHING
    assert escalate(days=30, hours=1)["to_association"] == 1
    assert len(escalations_for(lab_user)) == 1
    assert len(escalations_for(bearer_a)) == 1


def test_one_more_first_response_period_later_it_reaches_sidbi(posted, bearer_a, officer, client_for):
    escalate(hours=49)
    assert escalate(hours=60) == NOTHING, "no second step within one first-response period"
    assert fresh(posted).escalation_level == 1

    assert escalate(hours=49 + 48, minutes=1) == {"to_association": 0, "to_sidbi": 1, "closed": 0}
    requirement = fresh(posted)
    assert requirement.escalation_level == 2
    assert Requirement.objects.visible_to(officer).filter(pk=posted.pk).exists()
    assert escalations_for(officer) == [f"Escalated to SIDBI: {posted.reference} (Tiruppur Knitwear Association)"]
    assert len(escalations_for(bearer_a)) == 2
    page = client_for(officer).get(f"/desk/{posted.pk}/").content.decode()
    assert "Escalated to SIDBI" in page


def test_escalation_stops_at_sidbi(posted):
    escalate(hours=49)
    escalate(hours=98)
    assert escalate(days=60) == NOTHING
    assert fresh(posted).escalation_level == 2


def test_a_sidbi_officer_can_assign_a_requirement_escalated_to_it(posted, officer, lab):
    escalate(hours=49)
    escalate(hours=98)
    services.requirement_assign(requirement=posted, provider=lab, by=officer)
    assert fresh(posted).assigned_provider == lab


def test_a_requirement_answered_in_time_is_not_escalated(cast, bearer_a):
    with at():
        requirement = drive(cast, Status.POSTED)
    with at(hours=10):
        services.requirement_take_up(requirement=requirement, by=bearer_a)
    assert fresh(requirement).first_response_at == T0 + timedelta(hours=10)
    assert escalate(hours=49) == NOTHING
    assert escalate(days=29) == NOTHING
    assert fresh(requirement).escalation_level == 0


def test_an_answered_requirement_is_escalated_when_it_is_not_solved_in_time(cast, bearer_a):
    with at():
        requirement = drive(cast, Status.POSTED)
    with at(hours=10):
        services.message_post(requirement=requirement, by=bearer_a, body="We are on it")
    assert escalate(days=30, minutes=1)["to_association"] == 1


def test_a_reply_from_the_member_alone_does_not_stop_the_clock(cast, member_a):
    with at():
        requirement = drive(cast, Status.POSTED)
    with at(hours=10):
        services.message_post(requirement=requirement, by=member_a, body="Any news?")
    assert escalate(hours=49)["to_association"] == 1


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RESOLVED, Status.WITHDRAWN, Status.CLOSED])
def test_requirements_that_are_not_open_are_never_escalated(cast, status):
    with at():
        requirement = drive(cast, status)
    assert escalate(hours=49)["to_association"] == 0
    assert fresh(requirement).escalation_level == 0


def test_a_service_level_set_by_the_admin_shortens_the_first_response_time(cast, member_a):
    ServiceLevel.objects.create(kind="testing", first_response_hours=4, resolution_days=5)
    with at():
        testing_need = drive(cast, Status.POSTED)
        loan_need = testing.make_requirement(by=member_a, kind="term_loan")
    assert escalate(hours=3, minutes=59) == NOTHING
    assert escalate(hours=4, minutes=1)["to_association"] == 1
    assert fresh(testing_need).escalation_level == 1
    assert fresh(loan_need).escalation_level == 0
    # The second step also follows the kind's first-response time: four hours later.
    assert escalate(hours=8, minutes=2)["to_sidbi"] == 1


def test_a_platform_admin_sets_a_service_level_in_the_admin_and_escalation_follows_it(
    client_for, platform_admin, posted
):
    response = client_for(platform_admin).post(
        "/admin/desk/servicelevel/add/",
        {"kind": "testing", "first_response_hours": "2", "resolution_days": "3", "_save": "Save"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ServiceLevel.objects.get(kind="testing").first_response_hours == 2
    assert escalate(hours=2, minutes=1)["to_association"] == 1


def test_a_service_level_of_zero_hours_is_refused_in_the_admin(client_for, platform_admin):
    response = client_for(platform_admin).post(
        "/admin/desk/servicelevel/add/", {"kind": "testing", "first_response_hours": "0", "resolution_days": "3"}
    )
    assert response.status_code == 200
    assert not ServiceLevel.objects.exists()


def test_only_platform_admins_reach_the_service_level_admin(client_for, officer, bearer_a):
    for user in (officer, bearer_a):
        response = client_for(user).get("/admin/desk/servicelevel/")
        assert response.status_code in (302, 403)
    assert client_for(bearer_a).post(
        "/admin/desk/servicelevel/add/", {"kind": "testing", "first_response_hours": "1", "resolution_days": "1"}
    ).status_code in (302, 403)
    assert not ServiceLevel.objects.exists()


def test_a_service_level_set_by_the_admin_lengthens_the_first_response_time(posted):
    ServiceLevel.objects.create(kind="testing", first_response_hours=96, resolution_days=30)
    assert escalate(hours=49) == NOTHING
    assert escalate(hours=97)["to_association"] == 1


def test_a_service_level_sets_the_resolution_time(cast, bearer_a):
    ServiceLevel.objects.create(kind="testing", first_response_hours=48, resolution_days=5)
    with at():
        requirement = drive(cast, Status.POSTED)
    with at(hours=1):
        services.requirement_take_up(requirement=requirement, by=bearer_a)
    assert escalate(days=4, hours=23) == NOTHING
    assert escalate(days=5, minutes=1)["to_association"] == 1


def test_overdue_requirements_are_flagged_in_the_office_list(posted, client_for, bearer_a, cast):
    with at():
        on_time = drive(cast, Status.POSTED)
    with at(hours=1):
        services.requirement_take_up(requirement=on_time, by=bearer_a)
    with at(hours=49):
        response = client_for(bearer_a).get("/desk/", {"status": "overdue"})
    body = response.content.decode()
    assert f"/desk/{posted.pk}/" in body
    assert f"/desk/{on_time.pk}/" not in body


def test_reopening_clears_the_escalation(cast, member_a):
    with at():
        requirement = drive(cast, Status.POSTED)
    escalate(hours=49)
    with at(hours=50):
        services.requirement_resolve(requirement=requirement, by=member_a, rating=2)
        services.requirement_reopen(requirement=requirement, by=member_a, reason="Not really")
    requirement = fresh(requirement)
    assert (requirement.escalation_level, requirement.escalated_at) == (0, None)


# ---------------------------------------------------------------- closing after the reopening period


def test_a_resolved_requirement_closes_after_the_reopening_period(cast, member_a, settings):
    settings.DESK_REOPEN_DAYS = 30
    with at():
        requirement = drive(cast, Status.POSTED)
    with at(days=1):
        services.requirement_resolve(requirement=requirement, by=member_a, rating=5)
    assert escalate(days=30, hours=23) == NOTHING
    assert fresh(requirement).status == Status.RESOLVED
    assert escalate(days=31, minutes=1) == {"to_association": 0, "to_sidbi": 0, "closed": 1}
    requirement = fresh(requirement)
    assert requirement.status == Status.CLOSED
    assert requirement.closed_at == T0 + timedelta(days=31, minutes=1)
    last = requirement.transitions.last()
    assert (last.from_status, last.to_status, last.by) == (Status.RESOLVED, Status.CLOSED, None)


def test_the_reopening_period_is_a_setting(cast, member_a, settings):
    settings.DESK_REOPEN_DAYS = 3
    with at():
        requirement = drive(cast, Status.POSTED)
        services.requirement_resolve(requirement=requirement, by=member_a, rating=5)
    assert escalate(days=2)["closed"] == 0
    assert escalate(days=3, minutes=1)["closed"] == 1


# ---------------------------------------------------------------- the management command


def test_the_desk_escalate_command_prints_what_it_did(posted, cast, member_a):
    with at():
        resolved = drive(cast, Status.POSTED)
        services.requirement_resolve(requirement=resolved, by=member_a, rating=4)
    out = io.StringIO()
    with at(days=31):
        call_command("desk_escalate", stdout=out)
    assert out.getvalue().strip() == (
        "Escalated to the association: 1; to SIDBI: 0; closed after the reopening period: 1."
    )
    assert fresh(posted).escalation_level == 1
    assert fresh(resolved).status == Status.CLOSED


def test_the_desk_escalate_command_with_nothing_to_do_says_so(db):
    out = io.StringIO()
    call_command("desk_escalate", stdout=out)
    assert out.getvalue().strip() == (
        "Escalated to the association: 0; to SIDBI: 0; closed after the reopening period: 0."
    )


def test_the_desk_escalate_command_can_queue_the_work(posted):
    out = io.StringIO()
    with at(hours=49):
        call_command("desk_escalate", "--enqueue", stdout=out)
    assert out.getvalue().startswith("Queued: ")
    assert fresh(posted).escalation_level == 1  # the test task backend runs it at once


def test_a_reopened_requirement_gets_a_fresh_service_level_clock(cast):
    with at():
        requirement = drive(cast, Status.ASSIGNED)
        services.requirement_resolve(requirement=fresh(requirement), by=cast.member, rating=3)
    with at(days=20):
        services.requirement_reopen(requirement=fresh(requirement), by=cast.member, reason="The report was wrong")

    # 20 days after posting is within the default 30-day resolution time counted from the reopening...
    assert escalate(days=45) == NOTHING
    # ...and past it 31 days after the reopening.
    assert escalate(days=52)["to_association"] == 1
