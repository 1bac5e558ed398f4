"""Writes for research: topics (propose, vote, follow, activate) and studies (open, answer, close, publish)."""

import hashlib
import hmac
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.associations.models import MembershipStatus
from portal.core.audit import audit
from portal.core.errors import ActionRefused
from portal.core.uploads import validate_upload
from portal.enterprises.models import Enterprise
from portal.notifications.services import broadcast
from portal.research import permissions, states
from portal.research.models import (
    Answer,
    Kind,
    Question,
    Response,
    Study,
    StudyStatus,
    Topic,
    TopicFollow,
    TopicStatus,
    TopicVote,
)

FILE_KINDS = ("pdf", "image")
SCALE = range(1, 6)


class AnswersInvalid(ActionRefused):
    """Some answers break the survey's rules; ``by_question`` maps question ids to messages. The draft is kept."""

    def __init__(self, by_question: dict[int, list[str]]):
        self.by_question = by_question
        super().__init__(_("Some answers need attention: see the messages beside the questions."))


# Topics


@transaction.atomic
def topic_propose(*, title: str, description: str, by) -> Topic:
    if not permissions.can_propose(by):
        raise ActionRefused(_("Only members of an association can propose research topics."))
    topic = Topic.objects.create(title=title, description=description, proposed_by=by)
    TopicVote.objects.create(topic=topic, user=by)
    audit(actor=by, action="research.topic_proposed", target=topic)
    return topic


@transaction.atomic
def topic_vote(*, topic: Topic, by) -> None:
    if not permissions.can_propose(by):
        raise ActionRefused(_("Only members of an association can vote on research topics."))
    if topic.status != TopicStatus.PROPOSED:
        raise ActionRefused(_("Voting has ended: this topic is already being researched."))
    try:
        with transaction.atomic():
            TopicVote.objects.create(topic=topic, user=by)
    except IntegrityError as exc:
        raise ActionRefused(_("You have already voted for this topic.")) from exc


@transaction.atomic
def topic_unvote(*, topic: Topic, by) -> None:
    TopicVote.objects.filter(topic=topic, user=by).delete()


@transaction.atomic
def topic_follow(*, topic: Topic, by) -> None:
    TopicFollow.objects.get_or_create(topic=topic, user=by)


@transaction.atomic
def topic_unfollow(*, topic: Topic, by) -> None:
    TopicFollow.objects.filter(topic=topic, user=by).delete()


@transaction.atomic
def topic_activate(*, topic: Topic, by) -> Topic:
    if not permissions.can_activate_topics(by):
        raise ActionRefused(_("Only SIDBI or an association's office can take up a topic."))
    states.TOPIC.check(topic.status, TopicStatus.ACTIVE, refusal=_("This topic is already active."))
    topic.status = TopicStatus.ACTIVE
    topic.save(update_fields=["status"])
    audit(actor=by, action="research.topic_activated", target=topic)
    return topic


# Studies


def audience_enterprises(study: Study):
    """The enterprises a study is aimed at: the owner's approved members, or SIDBI's sectors and states."""
    if study.owner_id:
        return Enterprise.objects.filter(
            memberships__association_id=study.owner_id, memberships__status=MembershipStatus.APPROVED
        ).distinct()
    enterprises = Enterprise.objects.filter(memberships__status=MembershipStatus.APPROVED)
    sectors, states = list(study.audience_sectors.all()), list(study.audience_states.all())
    if sectors:
        enterprises = enterprises.filter(sector__in=sectors)
    if states:
        enterprises = enterprises.filter(state__in=states)
    return enterprises.distinct()


def audience_users(study: Study):
    return (
        get_user_model()
        .objects.filter(is_active=True, enterprise_roles__enterprise__in=audience_enterprises(study).values("pk"))
        .distinct()
    )


@transaction.atomic
def study_open(*, study: Study, by) -> Study:
    """Open a draft study with at least one question and invite its audience through the notification centre."""
    study = Study.objects.select_for_update().get(pk=study.pk)
    if not permissions.can_manage_study(by, study):
        raise ActionRefused(_("You do not run this study."))
    states.STUDY.check(study.status, StudyStatus.OPEN, refusal=_("Only a draft study can be opened."))
    if not study.questions.exists():
        raise ActionRefused(_("Add at least one question before opening the study."))
    now = timezone.now()
    if study.closes_at <= now:
        raise ActionRefused(_("The closing date has passed: set a later one first."))
    study.status = StudyStatus.OPEN
    study.opens_at = study.opens_at or now
    users = audience_users(study)
    study.invited_count = users.count()
    study.save(update_fields=["status", "opens_at", "invited_count"])
    broadcast(
        users=users,
        kind="research.study",
        title=_("%(owner)s asks for your views: %(title)s") % {"owner": study.owner_name, "title": study.title},
        link=reverse("research:study", args=[study.pk]),
        body=study.purpose,
        started_by=by,
    )
    audit(actor=by, action="research.study_opened", target=study, association=study.owner)
    return study


@transaction.atomic
def study_close(*, study: Study, by) -> Study:
    if not permissions.can_manage_study(by, study):
        raise ActionRefused(_("You do not run this study."))
    states.STUDY.check(study.status, StudyStatus.CLOSED, refusal=_("Only an open study can be closed."))
    study.status = StudyStatus.CLOSED
    study.closes_at = min(study.closes_at, timezone.now())
    study.save(update_fields=["status", "closes_at"])
    audit(actor=by, action="research.study_closed", target=study, association=study.owner)
    return study


def close_due_studies(*, now=None) -> int:
    """Close every open study whose closing time has passed (run by `manage.py close_due_studies`)."""
    now = now or timezone.now()
    closed = 0
    for study in Study.objects.filter(status=StudyStatus.OPEN, closes_at__lte=now):
        with transaction.atomic():
            locked = Study.objects.select_for_update().get(pk=study.pk)
            if not states.STUDY.allows(locked.status, StudyStatus.CLOSED):
                continue
            locked.status = StudyStatus.CLOSED
            locked.save(update_fields=["status"])
            audit(
                actor=None,
                action="research.study_closed",
                target=locked,
                association=locked.owner,
                reason="closing time",
            )
            closed += 1
    return closed


@transaction.atomic
def study_publish_findings(*, study: Study, findings: str, report=None, by) -> Study:
    """Publish the findings (and an optional PDF report): the audience can read them with the charts."""
    if not permissions.can_manage_study(by, study):
        raise ActionRefused(_("You do not run this study."))
    states.STUDY.check(
        study.status,
        StudyStatus.PUBLISHED,
        refusal=_("Findings can be published once, for a study that has been opened."),
    )
    if not findings.strip():
        raise ActionRefused(_("Write the findings before publishing them."))
    if report:
        try:
            validate_upload(report, kinds=("pdf",))
        except ValidationError as exc:
            raise ActionRefused(exc.messages[0]) from exc
        study.report.save("report.pdf", report, save=False)
    now = timezone.now()
    study.findings = findings
    study.status = StudyStatus.PUBLISHED
    study.closes_at = min(study.closes_at, now)
    study.published_at = now
    study.save()
    audit(actor=by, action="research.findings_published", target=study, association=study.owner)
    return study


# Responses


def response_token(study: Study, user) -> str:
    """A token that only the server (holding SECRET_KEY) can compute from the member: owners cannot reverse it."""
    message = f"research-response:{study.pk}:{user.pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def response_of(study: Study, user) -> Response | None:
    return Response.objects.filter(study=study, token=response_token(study, user)).first()


def _refuse_unless_accepting(study: Study, user, response: Response | None) -> None:
    if not permissions.can_answer(user, study):
        raise ActionRefused(_("This study is not addressed to you."))
    if response is not None and response.submitted_at is not None:
        raise ActionRefused(_("You have already answered this study; answers can be given only once."))
    if not study.is_accepting():
        raise ActionRefused(_("This study is not accepting answers: it is closed."))


def _snapshot(study: Study, user) -> Enterprise | None:
    return audience_enterprises(study).filter(people__user=user).order_by("pk").first()


def is_shown(question: Question, values: dict[int, object]) -> bool:
    """Skip logic: a question with a condition is shown only if the earlier answer is (or includes) the value."""
    if question.show_if_question_id is None:
        return True
    earlier = values.get(question.show_if_question_id)
    if isinstance(earlier, list):
        return question.show_if_value in earlier
    return earlier is not None and str(earlier) == question.show_if_value


def _normalise(question: Question, raw):
    """The stored form of a raw answer (str, list, Decimal...); None when empty."""
    if raw is None or raw == "" or raw == []:
        return None
    if question.kind == Kind.MULTIPLE:
        items = [str(item) for item in (raw if isinstance(raw, list | tuple) else [raw]) if str(item) != ""]
        return items or None
    if question.kind in (Kind.SCALE, Kind.NUMBER):
        return str(raw).strip() or None
    return str(raw).strip() or None


@transaction.atomic
def response_save_draft(*, study: Study, by, answers: dict[int, object], files=None, clear=()) -> tuple:
    """Save the member's answers as a draft. Returns (response, errors): a file of the wrong type is not kept.

    ``answers`` maps question ids to raw values (text, a choice, a list of choices, a number as text);
    ``files`` maps question ids to uploads; ``clear`` lists file questions whose file is removed.
    """
    study = Study.objects.select_for_update().get(pk=study.pk)
    response = response_of(study, by)
    _refuse_unless_accepting(study, by, response)
    if response is None:
        enterprise = _snapshot(study, by)
        response = Response.objects.create(
            study=study,
            token=response_token(study, by),
            respondent=None if study.anonymous else by,
            sector_id=enterprise.sector_id if enterprise else None,
            state_id=enterprise.state_id if enterprise else None,
        )
    existing = {answer.question_id: answer for answer in response.answers.all()}
    errors: dict[int, list[str]] = {}
    files = files or {}
    for question in study.questions.all():
        answer = existing.get(question.pk)
        if question.kind == Kind.FILE:
            upload = files.get(question.pk)
            if upload:
                try:
                    validate_upload(upload, kinds=FILE_KINDS)
                except ValidationError as exc:
                    errors.setdefault(question.pk, []).extend(exc.messages)
                    continue
                answer = answer or Answer(response=response, question=question)
                answer.file.save("answer", upload, save=False)
                answer.value = None
                answer.save()
            elif question.pk in clear and answer is not None:
                answer.file.delete(save=False)
                answer.delete()
            continue
        value = _normalise(question, answers.get(question.pk))
        if value is None:
            if answer is not None:
                answer.delete()
            continue
        number = None
        if question.kind in (Kind.SCALE, Kind.NUMBER):
            try:
                number = Decimal(value)
                if not number.is_finite():
                    raise InvalidOperation
                number = number.quantize(Decimal("0.01"))
                if abs(number) >= Decimal("1e12"):
                    raise InvalidOperation
            except InvalidOperation:
                errors.setdefault(question.pk, []).append(_("Enter a number."))
                continue
        answer = answer or Answer(response=response, question=question)
        answer.value, answer.number = value, number
        answer.save()
    return response, errors


def validate_answers(study: Study, response: Response) -> dict[int, list[str]]:
    """Every survey rule, checked against the saved draft: required, choices offered, ranges, skip logic."""
    questions = list(study.questions.all())
    answers = {answer.question_id: answer for answer in response.answers.all()}
    values = {qid: answer.value for qid, answer in answers.items()}
    errors: dict[int, list[str]] = {}

    def add(question, message):
        errors.setdefault(question.pk, []).append(message)

    for question in questions:
        answer = answers.get(question.pk)
        has_answer = answer is not None and (bool(answer.file) or answer.value not in (None, "", []))
        if not is_shown(question, values):
            if has_answer:
                add(
                    question,
                    _("Leave this question blank: it applies only if you answered “%(value)s” earlier.")
                    % {"value": question.show_if_value},
                )
            continue
        if not has_answer:
            if question.required:
                add(question, _("This question needs an answer."))
            continue
        if question.kind == Kind.SINGLE and answer.value not in question.choices:
            add(question, _("Choose one of the answers offered."))
        elif question.kind == Kind.MULTIPLE and not set(answer.value) <= set(question.choices):
            add(question, _("Choose only among the answers offered."))
        elif question.kind == Kind.SCALE and (answer.number is None or answer.number not in SCALE):
            add(question, _("Choose a whole number from 1 to 5."))
        elif question.kind == Kind.NUMBER:
            if question.min_value is not None and answer.number < question.min_value:
                add(question, _("Enter at least %(min)s.") % {"min": format(question.min_value.normalize(), "f")})
            if question.max_value is not None and answer.number > question.max_value:
                add(question, _("Enter at most %(max)s.") % {"max": format(question.max_value.normalize(), "f")})
    return errors


def response_submit(*, study: Study, by, answers: dict[int, object], files=None, clear=()) -> Response:
    """Save the answers, then submit them if they follow every rule; if not, the draft is kept and
    AnswersInvalid carries the messages per question."""
    response, errors = response_save_draft(study=study, by=by, answers=answers, files=files, clear=clear)
    with transaction.atomic():
        response = Response.objects.select_for_update().get(pk=response.pk)
        _refuse_unless_accepting(study, by, response)
        for qid, messages in validate_answers(study, response).items():
            errors.setdefault(qid, []).extend(messages)
        if errors:
            raise AnswersInvalid(errors)
        response.submitted_at = timezone.now()
        response.save(update_fields=["submitted_at"])
        # The audit row names the study, never the member, when the study is anonymous.
        audit(actor=None if study.anonymous else by, action="research.response_submitted", target=study)
    return response


def member_may_answer(study: Study, user) -> bool:
    return permissions.can_answer(user, study) and study.is_accepting()
