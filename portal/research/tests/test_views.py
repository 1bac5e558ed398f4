"""The research pages as their users meet them: topics, answering, results, exports, findings, refusals."""

import csv
import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from portal.research import services
from portal.research.models import Response, Study, StudyStatus, Topic, TopicStatus

from .conftest import add_member, good_answers, make_study, open_study, q


def form_data(study, **overrides) -> dict:
    return {f"q{pk}": value for pk, value in good_answers(study, **overrides).items()}


def study_url(study, name="study"):
    return reverse(f"research:{name}", args=[study.pk])


# Topics


def test_a_member_proposes_votes_withdraws_and_follows_from_the_topics_page(client_for, member_a):
    client = client_for(member_a)
    response = client.post(reverse("research:topic_propose"), {"title": "Solar rooftop finance", "description": ""})
    assert response.status_code == 302
    topic = Topic.objects.get(title="Solar rooftop finance")
    page = client.get(reverse("research:index")).content.decode()
    assert "Solar rooftop finance" in page and "1 vote" in page and "Withdraw my vote" in page
    client.post(reverse("research:topic_action", args=[topic.pk, "unvote"]))
    assert topic.votes.count() == 0
    client.post(reverse("research:topic_action", args=[topic.pk, "follow"]))
    assert topic.follows.filter(user=member_a).exists()


def test_someone_who_is_no_member_is_refused_proposing_and_voting(client_for, officer, member_a):
    topic = services.topic_propose(title="Export to the EU", description="", by=member_a)
    client = client_for(officer)
    assert client.post(reverse("research:topic_propose"), {"title": "X"}).status_code == 403
    assert client.post(reverse("research:topic_action", args=[topic.pk, "vote"])).status_code == 403
    assert topic.votes.count() == 1


def test_a_member_is_refused_taking_a_topic_up_and_the_office_is_not(client_for, member_a, bearer_a):
    topic = services.topic_propose(title="Export to the EU", description="", by=member_a)
    url = reverse("research:topic_action", args=[topic.pk, "activate"])
    assert client_for(member_a).post(url).status_code == 403
    client_for(bearer_a).post(url)
    topic.refresh_from_db()
    assert topic.status == TopicStatus.ACTIVE


def test_the_research_pages_need_a_login(anonymous, study_a):
    for url in (reverse("research:index"), study_url(study_a), study_url(study_a, "results")):
        assert anonymous.get(url).status_code == 302


# Creating and opening


def test_the_office_creates_a_study_adds_questions_and_opens_it(client_for, bearer_a, association_a, member_a):
    topic = Topic.objects.create(title="Export to the EU", status=TopicStatus.ACTIVE)
    client = client_for(bearer_a)
    closes = (timezone.localtime() + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("research:study_new", args=[association_a.slug]),
        {"topic": topic.pk, "title": "Are you ready for CBAM?", "purpose": "To plan workshops.", "closes_at": closes},
    )
    study = Study.objects.get()
    assert response.url == study_url(study, "manage") and study.owner == association_a
    client.post(study_url(study, "manage"), {"text": "Do you export?", "kind": "single", "choices_text": "Only one"})
    assert not study.questions.exists()  # a choice question needs two answers
    client.post(
        study_url(study, "manage"),
        {"text": "Do you export?", "kind": "single", "choices_text": "Yes\nNo", "required": "on"},
    )
    assert study.questions.get().choices == ["Yes", "No"]
    client.post(reverse("research:study_action", args=[study.pk, "open"]))
    study.refresh_from_db()
    assert study.status == StudyStatus.OPEN and study.invited_count == 1


def test_a_member_or_another_office_is_refused_creating_a_study(client_for, member_a, bearer_b, association_a):
    assert client_for(member_a).get(reverse("research:study_new", args=[association_a.slug])).status_code == 403
    assert client_for(bearer_b).get(reverse("research:study_new", args=[association_a.slug])).status_code == 404
    assert client_for(member_a).get(reverse("research:study_new_sidbi")).status_code == 403


# Answering


def test_a_member_saves_a_draft_resumes_it_and_submits(client_for, member_a, study_a):
    client = client_for(member_a)
    client.post(study_url(study_a), {f"q{q(study_a, 1)}": "No", f"q{q(study_a, 4)}": "7", "draft": "1"})
    page = client.get(study_url(study_a)).content.decode()
    assert "Your draft is saved" in page and 'value="7"' in page
    response = client.post(study_url(study_a), {**form_data(study_a, q1="No", q5="Our accountant"), "submit": "1"})
    assert response.status_code == 302
    assert Response.objects.get().submitted_at is not None
    page = client.get(study_url(study_a)).content.decode()
    assert "Our accountant" in page and "Submit my answers" not in page


def test_a_broken_rule_is_shown_beside_the_question_and_the_draft_kept(client_for, member_a, study_a):
    data = {**form_data(study_a, q4="500"), "submit": "1"}
    data[f"q{q(study_a, 6)}"] = SimpleUploadedFile("return.pdf", b"GIF89a not a pdf at all" * 5)
    page = client_for(member_a).post(study_url(study_a), data).content.decode()
    assert "Enter at most 200." in page and "not a PDF or JPEG, PNG or WebP image" in page
    response = Response.objects.get()
    assert response.submitted_at is None and response.answers.get(question_id=q(study_a, 1)).value == "Yes"


def test_answering_twice_or_after_closing_is_refused_on_the_page(
    client_for, member_a, bearer_a, study_a, association_a
):
    client = client_for(member_a)
    client.post(study_url(study_a), {**form_data(study_a), "submit": "1"})
    response = client.post(study_url(study_a), {**form_data(study_a, q1="No"), "submit": "1"}, follow=True)
    assert "only once" in response.content.decode()
    assert Response.objects.get().answers.get(question_id=q(study_a, 1)).value == "Yes"
    other = open_study(make_study(owner=association_a, by=bearer_a), bearer_a)
    services.study_close(study=other, by=bearer_a)
    response = client_for(member_a).post(study_url(other), {**form_data(other), "submit": "1"}, follow=True)
    assert "closed" in response.content.decode()
    assert not Response.objects.filter(study=other).exists()


# Permissions


def test_a_member_of_another_association_gets_a_404_for_the_study_and_its_pages(
    client_for, member_b, bearer_b, study_a
):
    for user in (member_b, bearer_b):
        client = client_for(user)
        for name in ("study", "results", "manage", "publish"):
            assert client.get(study_url(study_a, name)).status_code == 404
        assert client.get(reverse("research:export", args=[study_a.pk, "csv"])).status_code == 404


def test_an_invited_member_is_refused_the_owner_pages(client_for, member_a, study_a):
    client = client_for(member_a)
    for name in ("results", "manage", "publish"):
        assert client.get(study_url(study_a, name)).status_code == 403
    assert client.get(reverse("research:export", args=[study_a.pk, "xlsx"])).status_code == 403
    assert client.post(reverse("research:study_action", args=[study_a.pk, "close"])).status_code == 403


def test_a_draft_study_is_hidden_from_members(client_for, member_a, association_a, bearer_a):
    study = make_study(owner=association_a, by=bearer_a)
    assert client_for(member_a).get(study_url(study)).status_code == 404


def test_a_member_never_sees_another_members_answers(client_for, member_a, study_a, association_a):
    other = add_member(association_a, name="Other Member")
    services.response_submit(study=study_a, by=other, answers=good_answers(study_a, q1="No", q5="Secret auditor"))
    page = client_for(member_a).get(study_url(study_a)).content.decode()
    assert "Secret auditor" not in page and "Other Member" not in page


# Results and exports


def answer_many(study, association, count):
    for index in range(count):
        user = add_member(association, name=f"Respondent {index}", sector="textiles" if index % 2 else "engineering")
        services.response_submit(study=study, by=user, answers=good_answers(study, q3=str(1 + index % 5)))


def test_the_results_page_shows_counts_percentages_means_and_response_rates(
    client_for, bearer_a, study_a, association_a
):
    answer_many(study_a, association_a, 4)
    study_a.invited_count = 5  # member A and the four respondents
    study_a.save()
    page = client_for(bearer_a).get(study_url(study_a, "results")).content.decode()
    assert "80%" in page  # 4 of 5 responded
    assert "Yes: 4 (100%)" in page and "No: 0 (0%)" in page
    assert "mean 3.00" in page or "mean 2.50" in page
    assert "<svg" in page and "<rect" in page
    assert "Engineering" in page and "Tamil Nadu" in page


def test_the_results_page_query_count_does_not_grow_with_responses(client_for, bearer_a, study_a, association_a):
    client = client_for(bearer_a)
    answer_many(study_a, association_a, 3)
    client.get(study_url(study_a, "results"))
    with CaptureQueriesContext(connection) as few:
        client.get(study_url(study_a, "results"))
    answer_many(study_a, association_a, 17)
    with CaptureQueriesContext(connection) as many:
        client.get(study_url(study_a, "results"))
    assert len(few) == len(many)
    assert Response.objects.filter(study=study_a, submitted_at__isnull=False).count() == 20


def test_the_export_of_a_named_study_lists_the_respondents(client_for, bearer_a, member_a, study_a):
    services.response_submit(study=study_a, by=member_a, answers=good_answers(study_a))
    body = client_for(bearer_a).get(reverse("research:export", args=[study_a.pk, "csv"])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:2] == ["Name", "Email"] and rows[1][:2] == ["Member A", "member-a@example.in"]


def test_an_anonymous_study_cannot_be_traced_by_its_owner_on_screen_or_in_exports(
    client_for, bearer_a, member_a, association_a
):
    study = open_study(make_study(owner=association_a, by=bearer_a, anonymous=True), bearer_a)
    services.response_submit(study=study, by=member_a, answers=good_answers(study, q1="No", q5="My brother-in-law"))
    response = Response.objects.get(study=study)
    client = client_for(bearer_a)
    traces = [member_a.full_name, member_a.email, member_a.enterprise.name, member_a.enterprise.udyam_number]
    csv_body = client.get(reverse("research:export", args=[study.pk, "csv"])).content.decode("utf-8-sig")
    workbook = load_workbook(io.BytesIO(client.get(reverse("research:export", args=[study.pk, "xlsx"])).content))
    xlsx_text = " ".join(str(cell) for row in workbook.active.iter_rows(values_only=True) for cell in row)
    results_page = client.get(study_url(study, "results")).content.decode()
    for text in (csv_body, xlsx_text, results_page):
        for trace in [*traces, response.token]:
            assert trace not in text
    assert "My brother-in-law" in csv_body and "My brother-in-law" in xlsx_text
    header = next(csv.reader(io.StringIO(csv_body)))
    assert header == [question.text for question in study.questions.all()]
    assert [cell.value for cell in workbook.active[1]] == header


def test_export_cells_that_look_like_formulas_are_made_inert(client_for, bearer_a, member_a, study_a):
    services.response_submit(study=study_a, by=member_a, answers=good_answers(study_a, q1="No", q5="=HYPERLINK(1)"))
    body = client_for(bearer_a).get(reverse("research:export", args=[study_a.pk, "csv"])).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body


# Findings


def test_published_findings_are_shown_to_the_audience_with_the_charts(
    client_for, bearer_a, member_a, study_a, member_b
):
    services.response_submit(study=study_a, by=member_a, answers=good_answers(study_a))
    client = client_for(bearer_a)
    pdf = SimpleUploadedFile("report.pdf", __import__("portal.core.samples", fromlist=["x"]).demo_pdf_bytes("Report"))
    response = client.post(
        study_url(study_a, "publish"), {"findings": "Most members file GST themselves.", "report": pdf}
    )
    assert response.status_code == 302
    page = client_for(member_a).get(study_url(study_a)).content.decode()
    assert "Most members file GST themselves." in page and "<svg" in page
    report = client_for(member_a).get(study_url(study_a, "report"))
    assert report["Content-Type"] == "application/pdf" and report.content.startswith(b"%PDF")
    assert client_for(member_b).get(study_url(study_a, "report")).status_code == 404


def test_a_fake_pdf_report_is_refused_with_a_message_and_nothing_published(client_for, bearer_a, study_a):
    fake = SimpleUploadedFile("report.pdf", b"just some text, not a pdf" * 5)
    page = client_for(bearer_a).post(study_url(study_a, "publish"), {"findings": "x", "report": fake}).content.decode()
    assert "not a PDF" in page
    study_a.refresh_from_db()
    assert study_a.status == StudyStatus.OPEN and study_a.findings == ""


def test_the_owner_pages_show_the_study_and_its_questions(client_for, bearer_a, study_a, association_a):
    client = client_for(bearer_a)
    manage = client.get(study_url(study_a, "manage")).content.decode()
    assert "Who files for you?" in manage and "Shown only if question 1 is “No”" in manage and "Close now" in manage
    assert "Publish" in client.get(study_url(study_a, "publish")).content.decode()
    new = client.get(reverse("research:study_new", args=[association_a.slug])).content.decode()
    assert "approved members" in new and "audience_sectors" not in new
    topic = client.get(reverse("research:topic", args=[study_a.topic_id])).content.decode()
    assert study_a.title in topic


def test_the_member_sees_the_survey_with_the_skip_logic_explained(client_for, member_a, study_a):
    page = client_for(member_a).get(study_url(study_a)).content.decode()
    assert "Answer only if you answered “No” to question 1." in page
    assert 'enctype="multipart/form-data"' in page and "Save draft and finish later" in page
    assert "Results" not in page


def test_sidbi_creates_a_study_for_chosen_sectors(client_for, officer):
    page = client_for(officer).get(reverse("research:study_new_sidbi")).content.decode()
    assert "audience_sectors" in page and "None chosen: every sector." in page


def test_the_owner_reads_text_answers_and_downloads_files_but_a_member_cannot(client_for, bearer_a, member_a, study_a):
    from portal.core.samples import demo_pdf_bytes
    from portal.research.models import Answer

    upload = SimpleUploadedFile("my-name-is-member-a.pdf", demo_pdf_bytes("GSTR-3B"))
    services.response_submit(
        study=study_a,
        by=member_a,
        answers=good_answers(study_a, q1="No", q5="Our auditor"),
        files={q(study_a, 6): upload},
    )
    answer = Answer.objects.exclude(file="").get()
    page = client_for(bearer_a).get(study_url(study_a, "results")).content.decode()
    file_url = reverse("research:answer_file", args=[study_a.pk, answer.pk])
    assert "Our auditor" in page and file_url in page
    download = client_for(bearer_a).get(file_url)
    assert download["Content-Type"] == "application/pdf" and "member-a" not in download["Content-Disposition"]
    assert client_for(member_a).get(file_url).status_code == 403
    assert "member-a" not in answer.file.name


def test_published_findings_never_show_members_the_text_answers(client_for, bearer_a, member_a, study_a):
    services.response_submit(study=study_a, by=member_a, answers=good_answers(study_a, q1="No", q5="Private detail"))
    services.study_publish_findings(study=study_a, findings="Summary.", by=bearer_a)
    other = add_member(study_a.owner, name="Other")
    page = client_for(other).get(study_url(study_a)).content.decode()
    assert "Summary." in page and "Private detail" not in page
