from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.associations.models import Association
from portal.associations.permissions import refuse_at
from portal.core import exports
from portal.core.errors import ActionRefused
from portal.core.uploads import detect_mime
from portal.research import permissions, results, services
from portal.research.forms import AnswerForm, FindingsForm, QuestionForm, StudyForm, TopicForm
from portal.research.models import Answer, Question, Study, StudyStatus, Topic, TopicFollow, TopicVote

PAGE_SIZE = 20


def get_study(user, pk: int) -> Study:
    """The study if the user runs it or is invited to it; anything else is a 404, whatever it holds."""
    return get_object_or_404(Study.objects.visible_to(user).select_related("owner", "topic"), pk=pk)


def get_managed_study(user, pk: int) -> Study:
    study = get_study(user, pk)
    if not permissions.can_manage_study(user, study):
        raise PermissionDenied
    return study


def _questions(study):
    return list(study.questions.select_related("show_if_question"))


@login_required
def index(request):
    """Topics (most voted first) with follow and vote, the studies the user is invited to and those they run."""
    user = request.user
    topics = Topic.objects.annotate(
        vote_count=Count("votes", distinct=True),
        voted=Exists(TopicVote.objects.filter(topic=OuterRef("pk"), user=user)),
        following=Exists(TopicFollow.objects.filter(topic=OuterRef("pk"), user=user)),
    ).order_by("status", "-vote_count", "title")
    page = Paginator(topics, PAGE_SIZE).get_page(request.GET.get("page"))
    invited = Study.objects.invited(user).select_related("owner").order_by("-opens_at", "-id")[:20]
    managed = Study.objects.managed_by(user).select_related("owner").order_by("-created_at", "-id")[:20]
    return render(
        request,
        "research/index.html",
        {
            "page": page,
            "invited": invited,
            "managed": managed,
            "form": TopicForm(),
            "can_propose": permissions.can_propose(user),
            "can_activate": permissions.can_activate_topics(user),
            "offices": Association.objects.managed_by(user).order_by("name"),
            "is_sidbi": permissions.can_run_studies_for(user, None),
        },
    )


@login_required
def topic(request, pk):
    topic = get_object_or_404(Topic, pk=pk)
    studies = Study.objects.visible_to(request.user).filter(topic=topic).select_related("owner")
    return render(request, "research/topic.html", {"topic": topic, "studies": studies})


@login_required
@require_POST
def topic_propose(request):
    if not permissions.can_propose(request.user):
        raise PermissionDenied
    form = TopicForm(request.POST)
    if form.is_valid():
        services.topic_propose(**form.cleaned_data, by=request.user)
        messages.success(request, _("Your topic is proposed; members can now vote for it."))
        return redirect("research:index")
    messages.error(request, _("Give the topic a title (200 characters at most)."))
    return redirect("research:index")


@login_required
@require_POST
def topic_action(request, pk, action):
    topic = get_object_or_404(Topic, pk=pk)
    user = request.user
    if action in ("vote", "unvote") and not permissions.can_propose(user):
        raise PermissionDenied
    if action == "activate" and not permissions.can_activate_topics(user):
        raise PermissionDenied
    handlers = {
        "vote": services.topic_vote,
        "unvote": services.topic_unvote,
        "follow": services.topic_follow,
        "unfollow": services.topic_unfollow,
        "activate": services.topic_activate,
    }
    if action not in handlers:
        raise Http404
    try:
        handlers[action](topic=topic, by=user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    return redirect(
        request.POST.get("next") if request.POST.get("next", "").startswith("/research/") else "research:index"
    )


@login_required
def study_new(request, slug=None):
    association = get_object_or_404(Association, slug=slug) if slug else None
    if not permissions.can_run_studies_for(request.user, association):
        if association is not None:
            refuse_at(request.user, association, _("Only the association's office runs its studies."))
        raise PermissionDenied
    form = StudyForm(request.POST or None, sidbi=association is None)
    if request.method == "POST" and form.is_valid():
        study = form.save(commit=False)
        study.owner, study.created_by = association, request.user
        study.save()
        form.save_m2m()
        messages.success(request, _("Study saved as a draft. Add its questions, then open it."))
        return redirect("research:manage", study.pk)
    return render(request, "research/study_new.html", {"form": form, "association": association})


@login_required
def manage(request, pk):
    """The owner's page: questions (editable while a draft), open, close and publish."""
    study = get_managed_study(request.user, pk)
    form = QuestionForm(request.POST or None, study=study)
    if request.method == "POST":
        if study.status != StudyStatus.DRAFT:
            messages.error(request, _("Questions can be changed only while the study is a draft."))
            return redirect("research:manage", study.pk)
        if form.is_valid():
            question = form.save(commit=False)
            question.study = study
            question.order = study.questions.count() + 1
            question.save()
            messages.success(request, _("Question added."))
            return redirect("research:manage", study.pk)
    return render(request, "research/manage.html", {"study": study, "questions": _questions(study), "form": form})


@login_required
@require_POST
def question_delete(request, pk, question_pk):
    study = get_managed_study(request.user, pk)
    question = get_object_or_404(Question, study=study, pk=question_pk)
    if study.status != StudyStatus.DRAFT:
        messages.error(request, _("Questions can be changed only while the study is a draft."))
    else:
        question.delete()
        messages.success(request, _("Question removed."))
    return redirect("research:manage", study.pk)


@login_required
@require_POST
def study_action(request, pk, action):
    study = get_managed_study(request.user, pk)
    handlers = {"open": services.study_open, "close": services.study_close}
    if action not in handlers:
        raise Http404
    try:
        handlers[action](study=study, by=request.user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Study opened: the audience is being invited.") if action == "open" else _("Study closed.")
        )
    return redirect("research:manage", study.pk)


@login_required
def study(request, pk):
    """The member's page: the survey to answer (draft saved and resumed), or the published findings."""
    user = request.user
    study = get_study(user, pk)
    if not permissions.can_answer(user, study):
        return redirect("research:manage", study.pk)
    response = services.response_of(study, user)
    questions = _questions(study)
    submitted = response is not None and response.submitted_at is not None
    accepting = study.is_accepting() and not submitted
    form = None
    if accepting:
        form = AnswerForm(request.POST or None, request.FILES or None, questions=questions, response=response)
        if request.method == "POST" and form.is_valid():
            arguments = {
                "study": study,
                "by": user,
                "answers": form.answers(),
                "files": form.files_by_question(),
                "clear": form.cleared(),
            }
            try:
                if "submit" in request.POST:
                    services.response_submit(**arguments)
                    messages.success(request, _("Thank you: your answers are submitted."))
                    return redirect("research:study", study.pk)
                _response, errors = services.response_save_draft(**arguments)
                if not errors:
                    messages.success(request, _("Draft saved. You can come back and finish it later."))
                    return redirect("research:study", study.pk)
                form.add_answer_errors(errors)
            except services.AnswersInvalid as exc:
                form.add_answer_errors(exc.by_question)
                messages.error(request, exc.message)
            except ActionRefused as exc:
                messages.error(request, exc.message)
                return redirect("research:study", study.pk)
    elif request.method == "POST":
        messages.error(
            request,
            _("You have already answered this study; answers can be given only once.")
            if submitted
            else _("This study is not accepting answers: it is closed."),
        )
        return redirect("research:study", study.pk)
    context = {"study": study, "form": form, "response": response, "submitted": submitted}
    if submitted:
        context["my_answers"] = _my_answers(questions, response)
    if study.status == StudyStatus.PUBLISHED:
        context["summaries"] = results.aggregates(study, questions)
    return render(request, "research/study.html", context)


def _my_answers(questions, response):
    saved = {answer.question_id: answer for answer in response.answers.all()}
    return [(question, results._cell(question, saved.get(question.pk))) for question in questions]


@login_required
def results_page(request, pk):
    study = get_managed_study(request.user, pk)
    questions = _questions(study)
    return render(
        request,
        "research/results.html",
        {
            "study": study,
            "summaries": results.aggregates(study, questions),
            "rates": results.response_rates(study),
            "findings_form": FindingsForm(),
        },
    )


@login_required
def export(request, pk, fmt):
    study = get_managed_study(request.user, pk)
    questions = _questions(study)
    if fmt == "csv":
        body = results.as_csv(study, questions)
    elif fmt == "xlsx":
        body = results.as_xlsx(study, questions)
    else:
        raise Http404
    return exports.bytes_response(fmt, f"study-{study.pk}-responses", body)


@login_required
def answer_file(request, pk, answer_pk):
    """A file a member uploaded, for the study's owner only (under a neutral name in anonymous studies)."""
    study = get_managed_study(request.user, pk)
    answer = get_object_or_404(
        Answer.objects.exclude(file=""), pk=answer_pk, response__study=study, response__submitted_at__isnull=False
    )
    with answer.file.open("rb") as handle:
        mime = detect_mime(handle) or "application/octet-stream"
        response = HttpResponse(handle.read(), content_type=mime)
    extension = "pdf" if mime == "application/pdf" else mime.split("/")[-1]
    response["Content-Disposition"] = f'attachment; filename="study-{study.pk}-file-{answer.pk}.{extension}"'
    return response


@login_required
def publish(request, pk):
    study = get_managed_study(request.user, pk)
    form = FindingsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.study_publish_findings(
                study=study, findings=form.cleaned_data["findings"], report=form.cleaned_data["report"], by=request.user
            )
        except ActionRefused as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, _("Findings published to the study's audience."))
            return redirect("research:results", study.pk)
    return render(request, "research/publish.html", {"study": study, "form": form})


@login_required
def report(request, pk):
    """The findings report PDF, for the audience once published and for the owner."""
    study = get_study(request.user, pk)
    if not study.report or not (
        permissions.can_manage_study(request.user, study) or permissions.can_read_findings(request.user, study)
    ):
        raise Http404
    response = HttpResponse(study.report.read(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="study-{study.pk}-report.pdf"'
    return response
