"""Fixtures for research (the shared cast is in the root conftest.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal import testing
from portal.research import services
from portal.research.models import Kind, Question, Study, Topic, TopicStatus


def add_member(association, *, sector: str = "textiles", state_code: str = "TN", name: str = "Member"):
    """An approved member enterprise of the association with an owner who can log in; returns the owner."""
    user = testing.make_user(full_name=name)
    enterprise = testing.make_enterprise(owner=user, sector=sector, state_code=state_code)
    testing.make_membership(association=association, enterprise=enterprise)
    return user


def make_study(*, owner, by, anonymous: bool = False, questions: bool = True, **fields) -> Study:
    """A draft study with the standard survey: single, multiple, scale, number, skip-logic text, file."""
    topic = Topic.objects.create(title="GST compliance for job workers", status=TopicStatus.ACTIVE)
    values = {
        "topic": topic,
        "owner": owner,
        "created_by": by,
        "title": "How do job workers file GST?",
        "purpose": "To ask the GST council for a simpler return.",
        "closes_at": timezone.now() + timedelta(days=14),
        "anonymous": anonymous,
    }
    values.update(fields)
    study = Study.objects.create(**values)
    if questions:
        q = [
            Question(
                study=study, order=1, text="Do you file GST returns yourself?", kind=Kind.SINGLE, choices=["Yes", "No"]
            ),
            Question(
                study=study,
                order=2,
                text="Which returns?",
                kind=Kind.MULTIPLE,
                choices=["GSTR-1", "GSTR-3B"],
                required=False,
            ),
            Question(study=study, order=3, text="How hard is it?", kind=Kind.SCALE),
            Question(study=study, order=4, text="Hours a month", kind=Kind.NUMBER, min_value=0, max_value=200),
        ]
        Question.objects.bulk_create(q)
        first = study.questions.get(order=1)
        Question.objects.create(
            study=study,
            order=5,
            text="Who files for you?",
            kind=Kind.SHORT_TEXT,
            show_if_question=first,
            show_if_value="No",
        )
        Question.objects.create(study=study, order=6, text="A recent return", kind=Kind.FILE, required=False)
    return study


def open_study(study, by):
    return services.study_open(study=study, by=by)


def q(study, order: int) -> int:
    return study.questions.get(order=order).pk


def good_answers(study, **overrides) -> dict:
    answers = {q(study, 1): "Yes", q(study, 2): ["GSTR-1"], q(study, 3): "4", q(study, 4): "12"}
    for order, value in overrides.items():
        answers[q(study, int(order.lstrip("q")))] = value
    return answers


@pytest.fixture
def study_a(association_a, bearer_a, member_a):
    """An open study of association A, with member A invited."""
    return open_study(make_study(owner=association_a, by=bearer_a), bearer_a)
