"""Demo research data: topics with votes and the Tiruppur association's finished, published study."""

import random

from django.core import mail
from django.utils import timezone

from portal import testing
from portal.notifications.models import Broadcast, Notification
from portal.research import results
from portal.research.demo import TIRUPPUR, seed_research
from portal.research.models import Response, StudyStatus, Topic, TopicStatus

from .conftest import add_member


def test_the_demo_seeds_topics_and_a_published_study_with_about_thirty_answers(member_b):
    association = testing.make_association(slug=TIRUPPUR, name="Tiruppur Knitwear Manufacturers Association")
    for index in range(34):
        add_member(association, name=f"Member {index}")
    add_member(testing.make_association(), name="Outsider")

    study = seed_research(random.Random(7), timezone.now())

    assert Topic.objects.count() == 5 and Topic.objects.filter(status=TopicStatus.ACTIVE).exists()
    assert all(topic.votes.exists() for topic in Topic.objects.all())
    assert study.status == StudyStatus.PUBLISHED and study.owner == association and study.findings
    assert Response.objects.filter(study=study, submitted_at__isnull=False).count() == 30
    assert not Response.objects.filter(study=study, respondent__isnull=False).exists()
    assert study.invited_count == 34
    rates = results.response_rates(study)
    assert rates["submitted"] == 30 and rates["percent"] == 88
    summary = results.aggregates(study, list(study.questions.all()))
    assert summary[0]["answered"] == 30 and summary[2]["mean"] is not None
    assert not Broadcast.objects.exists() and not Notification.objects.exists() and not mail.outbox


def test_the_demo_seeds_topics_even_without_the_tiruppur_association(member_a):
    assert seed_research(random.Random(1), timezone.now()) is None
    assert Topic.objects.count() == 5
