"""Publishing now or on schedule, withdrawal, expiry and recognitions."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from portal.core.errors import ActionRefused
from portal.core.models import AuditLog
from portal.updates import services
from portal.updates.models import Kind, Recognition, Update, UpdateStatus
from portal.updates.tests.conftest import publish

pytestmark = pytest.mark.django_db


def test_publishing_now_broadcasts_to_the_audience_and_writes_an_audit_row(officer, member_a):
    update = publish(officer, title="Budget highlights for MSMEs")
    assert update.status == UpdateStatus.PUBLISHED
    assert update.broadcast.kind == "updates.news"
    assert update.broadcast.link == f"/updates/{update.pk}/"
    assert member_a.pk in update.broadcast.recipient_ids
    assert AuditLog.objects.for_object(update).filter(action="update.publish").exists()


def test_a_draft_is_not_visible_to_anyone_but_its_publisher(officer, member_a):
    publish(officer, title="Draft", publish=False)
    assert not Update.objects.visible_to(member_a).exists()
    assert Update.objects.manageable_by(officer).filter(title="Draft").exists()


def test_scheduled_update_appears_only_after_the_due_command_runs(officer, member_a):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        update = publish(officer, title="Scheduled circular", publish_at=start + timedelta(hours=2))
        assert update.status == UpdateStatus.SCHEDULED and update.broadcast is None
        out = io.StringIO()
        call_command("publish_due_updates", stdout=out)
        assert "Published 0" in out.getvalue()
        assert Update.objects.get(pk=update.pk).status == UpdateStatus.SCHEDULED
    with time_machine.travel(start + timedelta(hours=2, minutes=1), tick=False):
        assert not Update.objects.visible_to(member_a).exists()
        assert services.publish_due_updates() == 1
        update.refresh_from_db()
        assert update.status == UpdateStatus.PUBLISHED
        assert update.broadcast.started_by == officer
        assert list(Update.objects.visible_to(member_a)) == [update]
        assert services.publish_due_updates() == 0


def test_withdrawn_update_disappears_and_cannot_be_withdrawn_twice(officer, member_a):
    update = publish(officer, title="Wrong dates")
    services.update_withdraw(update=update, by=officer, reason="Dates were wrong")
    assert not Update.objects.visible_to(member_a).exists()
    assert AuditLog.objects.for_object(update).get(action="update.withdraw").reason == "Dates were wrong"
    with pytest.raises(ActionRefused):
        services.update_withdraw(update=update, by=officer)


def test_expired_update_leaves_the_feed(officer, member_a):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        publish(officer, title="Short-lived", expires_at=start + timedelta(days=1))
        assert Update.objects.visible_to(member_a).count() == 1
    with time_machine.travel(start + timedelta(days=1, seconds=1), tick=False):
        assert not Update.objects.visible_to(member_a).exists()


def test_published_update_cannot_be_edited_or_published_again(officer):
    update = publish(officer)
    with pytest.raises(ActionRefused):
        services.update_save(by=officer, update=update, fields={"title": "Changed"})
    with pytest.raises(ActionRefused):
        services.update_publish(update=update, by=officer)


def test_association_update_for_members_is_limited_to_its_own_association(bearer_a, association_a, association_b):
    update = publish(
        bearer_a, association=association_a, audience={"for_everyone": False, "associations": [association_b]}
    )
    assert list(update.associations.all()) == [association_a]


def test_recognition_is_recorded_and_announced_as_news(officer, association_a, member_b):
    recognition = services.recognition_create(
        association=association_a,
        person_name="Kavitha Ramasamy",
        title="ambassador",
        financial_year="2026-27",
        citation="For bringing 200 members onto the portal.",
        by=officer,
    )
    assert recognition.update.kind == Kind.NEWS and recognition.update.status == UpdateStatus.PUBLISHED
    assert "Kavitha Ramasamy" in recognition.update.title
    assert Update.objects.visible_to(member_b).filter(pk=recognition.update.pk).exists()
    with pytest.raises(ActionRefused):
        services.recognition_create(
            association=association_a,
            person_name="kavitha ramasamy",
            title="ambassador",
            financial_year="2026-27",
            citation="Again",
            by=officer,
        )
    assert Recognition.objects.count() == 1


def test_recognition_with_a_malformed_financial_year_is_refused_and_nothing_is_saved(officer, association_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.recognition_create(
            association=association_a,
            person_name="X",
            title="champion",
            financial_year="2026-28",
            citation="c",
            by=officer,
        )


def test_current_recognitions_are_those_of_this_financial_year(officer, association_a):
    from portal.updates.selectors import current_recognitions, recognitions_for

    with time_machine.travel("2026-05-10 10:00 +0530", tick=False):
        for year in ("2025-26", "2026-27"):
            services.recognition_create(
                association=association_a,
                person_name="P",
                title="champion",
                financial_year=year,
                citation="c",
                by=officer,
            )
        assert [r.financial_year for r in current_recognitions()] == ["2026-27"]
        assert [r.financial_year for r in recognitions_for(association_a)] == ["2026-27", "2025-26"]
