"""Topics and the survey rules, through the services as the views call them."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.core.errors import ActionRefused
from portal.core.samples import demo_pdf_bytes
from portal.notifications.models import Broadcast, Notification
from portal.research import services
from portal.research.models import Answer, Response, StudyStatus, Topic, TopicStatus, TopicVote

from .conftest import add_member, good_answers, make_study, open_study, q


def pdf(name="return.pdf"):
    return SimpleUploadedFile(name, demo_pdf_bytes("GSTR-3B"), content_type="application/pdf")


# Topics


def test_a_member_proposes_a_topic_and_it_carries_their_vote(member_a):
    topic = services.topic_propose(title="Solar rooftop finance", description="", by=member_a)
    assert topic.status == TopicStatus.PROPOSED
    assert TopicVote.objects.filter(topic=topic, user=member_a).exists()


def test_a_member_votes_once_and_can_withdraw(member_a, member_b):
    topic = services.topic_propose(title="Export to the EU", description="", by=member_b)
    services.topic_vote(topic=topic, by=member_a)
    with pytest.raises(ActionRefused, match="already voted"):
        services.topic_vote(topic=topic, by=member_a)
    assert topic.votes.count() == 2
    services.topic_unvote(topic=topic, by=member_a)
    assert topic.votes.count() == 1


def test_someone_who_is_no_member_cannot_propose_or_vote(officer, member_a):
    with pytest.raises(ActionRefused):
        services.topic_propose(title="Anything", description="", by=officer)
    topic = services.topic_propose(title="Export to the EU", description="", by=member_a)
    with pytest.raises(ActionRefused):
        services.topic_vote(topic=topic, by=officer)


def test_sidbi_or_an_association_office_makes_a_topic_active_but_a_member_cannot(officer, bearer_a, member_a):
    first = services.topic_propose(title="One", description="", by=member_a)
    second = services.topic_propose(title="Two", description="", by=member_a)
    with pytest.raises(ActionRefused):
        services.topic_activate(topic=first, by=member_a)
    services.topic_activate(topic=first, by=officer)
    services.topic_activate(topic=second, by=bearer_a)
    assert set(Topic.objects.values_list("status", flat=True)) == {TopicStatus.ACTIVE}
    with pytest.raises(ActionRefused, match="Voting has ended"):
        services.topic_vote(topic=first, by=member_a)


# Opening


def test_opening_a_study_invites_its_members_through_the_notification_centre(
    association_a, bearer_a, member_a, member_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        study = open_study(make_study(owner=association_a, by=bearer_a), bearer_a)
    assert study.status == StudyStatus.OPEN and study.invited_count == 1
    item = Broadcast.objects.get(kind="research.study")
    assert item.recipient_ids == [member_a.pk]
    assert Notification.objects.filter(user=member_a, kind="research.study").exists()
    assert not Notification.objects.filter(user=member_b).exists()


def test_a_sidbi_study_invites_the_chosen_sectors_and_states(officer, member_a, member_b):
    from portal.core.models import Sector

    study = make_study(owner=None, by=officer)
    study.audience_sectors.set([Sector.objects.get(slug="engineering")])
    open_study(study, officer)
    assert Broadcast.objects.get().recipient_ids == [member_b.pk]


def test_a_study_without_questions_cannot_be_opened(association_a, bearer_a):
    with pytest.raises(ActionRefused, match="at least one question"):
        open_study(make_study(owner=association_a, by=bearer_a, questions=False), bearer_a)


# Answering: each rule


def test_complete_answers_are_submitted(study_a, member_a):
    response = services.response_submit(study=study_a, by=member_a, answers=good_answers(study_a))
    assert response.submitted_at is not None and response.respondent == member_a
    assert response.sector.slug == "textiles" and response.state.code == "TN"
    assert Answer.objects.get(response=response, question_id=q(study_a, 4)).number == 12


@pytest.mark.parametrize(
    ("order", "value", "message"),
    [
        (1, "", "needs an answer"),
        (1, "Maybe", "answers offered"),
        (2, ["GSTR-1", "GSTR-9"], "answers offered"),
        (3, "7", "from 1 to 5"),
        (4, "201", "at most 200"),
        (4, "-1", "at least 0"),
        (4, "a dozen", "Enter a number"),
    ],
)
def test_an_answer_breaking_a_rule_is_refused_and_the_draft_is_kept(study_a, member_a, order, value, message):
    answers = good_answers(study_a, **{f"q{order}": value})
    with pytest.raises(services.AnswersInvalid) as caught:
        services.response_submit(study=study_a, by=member_a, answers=answers)
    assert message in " ".join(caught.value.by_question[q(study_a, order)])
    assert list(caught.value.by_question) == [q(study_a, order)]
    response = Response.objects.get(study=study_a)
    assert response.submitted_at is None
    assert response.answers.get(question_id=q(study_a, 3)).value in ("4", "7")  # the rest of the draft is kept
    assert response.answers.filter(question_id=q(study_a, 1)).exists() == (value != "")


def test_a_file_of_the_wrong_type_is_refused_and_a_pdf_accepted(study_a, member_a):
    fake = SimpleUploadedFile("return.pdf", b"MZ\x90\x00 not really a pdf" * 10)
    with pytest.raises(services.AnswersInvalid) as caught:
        services.response_submit(study=study_a, by=member_a, answers=good_answers(study_a), files={q(study_a, 6): fake})
    assert "not a PDF" in caught.value.by_question[q(study_a, 6)][0]
    assert not Answer.objects.filter(question_id=q(study_a, 6)).exists()
    response = services.response_submit(
        study=study_a, by=member_a, answers=good_answers(study_a), files={q(study_a, 6): pdf()}
    )
    assert response.answers.get(question_id=q(study_a, 6)).file


def test_skip_logic_requires_the_follow_up_only_when_it_is_shown(study_a, member_a, association_a):
    with pytest.raises(services.AnswersInvalid) as caught:
        services.response_submit(study=study_a, by=member_a, answers=good_answers(study_a, q1="No"))
    assert "needs an answer" in caught.value.by_question[q(study_a, 5)][0]
    services.response_submit(study=study_a, by=member_a, answers=good_answers(study_a, q1="No", q5="Our accountant"))
    other = add_member(association_a)
    with pytest.raises(services.AnswersInvalid) as caught:
        services.response_submit(study=study_a, by=other, answers=good_answers(study_a, q1="Yes", q5="Accountant"))
    assert "Leave this question blank" in caught.value.by_question[q(study_a, 5)][0]


def test_a_draft_is_saved_and_resumed(study_a, member_a):
    services.response_save_draft(study=study_a, by=member_a, answers={q(study_a, 1): "No"})
    response = services.response_of(study_a, member_a)
    assert response.submitted_at is None and response.answers.get().value == "No"
    services.response_submit(study=study_a, by=member_a, answers=good_answers(study_a, q1="No", q5="Auditor"))
    assert Response.objects.filter(study=study_a).count() == 1


def test_answering_twice_is_refused(study_a, member_a):
    services.response_submit(study=study_a, by=member_a, answers=good_answers(study_a))
    with pytest.raises(ActionRefused, match="only once"):
        services.response_submit(study=study_a, by=member_a, answers=good_answers(study_a, q1="No"))
    with pytest.raises(ActionRefused, match="only once"):
        services.response_save_draft(study=study_a, by=member_a, answers={})
    assert Response.objects.get().answers.get(question_id=q(study_a, 1)).value == "Yes"


def test_answering_after_closing_is_refused(study_a, member_a, bearer_a, association_a):
    services.response_save_draft(study=study_a, by=member_a, answers={q(study_a, 1): "Yes"})
    services.study_close(study=study_a, by=bearer_a)
    with pytest.raises(ActionRefused, match="closed"):
        services.response_submit(study=study_a, by=member_a, answers=good_answers(study_a))
    late = open_study(
        make_study(owner=association_a, by=bearer_a, closes_at=timezone.now() + timedelta(minutes=5)), bearer_a
    )
    late.closes_at = timezone.now() - timedelta(seconds=1)
    late.save()
    with pytest.raises(ActionRefused, match="closed"):
        services.response_submit(study=late, by=member_a, answers=good_answers(late))


def test_members_outside_the_audience_cannot_answer(study_a, member_b, officer):
    for user in (member_b, officer):
        with pytest.raises(ActionRefused, match="not addressed to you"):
            services.response_submit(study=study_a, by=user, answers=good_answers(study_a))
    assert not Response.objects.exists()


# Anonymity


def test_an_anonymous_response_stores_no_member_and_a_token_the_owner_cannot_derive(association_a, bearer_a, member_a):
    study = open_study(make_study(owner=association_a, by=bearer_a, anonymous=True), bearer_a)
    response = services.response_submit(study=study, by=member_a, answers=good_answers(study))
    assert response.respondent is None
    assert member_a.email not in response.token
    import hashlib

    assert response.token != hashlib.sha256(f"research-response:{study.pk}:{member_a.pk}".encode()).hexdigest()
    with pytest.raises(ActionRefused, match="only once"):  # answering once still holds
        services.response_submit(study=study, by=member_a, answers=good_answers(study))
    from portal.core.models import AuditLog

    assert not AuditLog.objects.filter(action="research.response_submitted", actor=member_a).exists()


# Closing and publishing


def test_findings_are_published_with_a_pdf_report_and_a_fake_pdf_is_refused(study_a, bearer_a, member_a):
    with pytest.raises(ActionRefused):
        services.study_publish_findings(study=study_a, findings="Most file themselves.", by=member_a)
    with pytest.raises(ActionRefused):
        services.study_publish_findings(
            study=study_a, findings="x", report=SimpleUploadedFile("r.pdf", b"hello there" * 20), by=bearer_a
        )
    study = services.study_publish_findings(study=study_a, findings="Most file themselves.", report=pdf(), by=bearer_a)
    assert study.status == StudyStatus.PUBLISHED and study.report and not study.is_accepting()


def test_only_the_office_closes_the_study(study_a, member_a, bearer_b):
    for user in (member_a, bearer_b):
        with pytest.raises(ActionRefused):
            services.study_close(study=study_a, by=user)
