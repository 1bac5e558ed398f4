"""Studies close on time by themselves, and can be set to open at a later date."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from portal.core.errors import ActionRefused
from portal.research import services
from portal.research.forms import StudyForm
from portal.research.models import StudyStatus
from portal.research.tests.conftest import good_answers


def test_an_open_study_past_its_closing_time_is_closed_by_the_scheduled_command(study_a):
    with time_machine.travel(study_a.closes_at + timedelta(minutes=1)):
        out = io.StringIO()
        call_command("close_due_studies", stdout=out)

    study_a.refresh_from_db()
    assert study_a.status == StudyStatus.CLOSED
    assert "Closed 1 studies." in out.getvalue()


def test_a_study_still_open_is_left_alone(study_a):
    assert services.close_due_studies() == 0
    study_a.refresh_from_db()
    assert study_a.status == StudyStatus.OPEN


def test_a_study_set_to_open_later_takes_no_answers_before_then(study_a, member_a):
    study_a.opens_at = timezone.now() + timedelta(days=2)
    study_a.save(update_fields=["opens_at"])

    with pytest.raises(ActionRefused):
        services.response_submit(study=study_a, by=member_a, answers=good_answers(study_a))

    with time_machine.travel(study_a.opens_at + timedelta(minutes=1)):
        response = services.response_submit(study=study_a, by=member_a, answers=good_answers(study_a))
    assert response.submitted_at is not None


def test_the_study_form_refuses_an_opening_after_the_closing(db):
    now = timezone.now()
    form = StudyForm(
        data={
            "title": "Power cuts",
            "purpose": "Ask the board for a feeder",
            "opens_at": (now + timedelta(days=9)).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
        },
        sidbi=False,
    )

    assert not form.is_valid()
    assert form.errors["opens_at"] == ["The study must open before it closes."]
