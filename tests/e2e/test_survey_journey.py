"""A survey in a real browser: an association runs one, two members answer, and the owner sees the
aggregate and exports it."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from portal import testing
from portal.research.models import Study, Topic, TopicStatus
from tests.e2e.browser import log_in, log_out, see

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

QUESTION = "Did power cuts stop your machines this month?"


def answer(page, base, study, member, choice):
    log_in(page, base, member.email)
    page.goto(f"{base}/research/studies/{study.pk}/")
    question = study.questions.get()
    page.check(f"input[name=q{question.pk}][value='{choice}']")
    page.click("main form button[name=submit]")
    see(page, "Thank")
    log_out(page, base)


def test_an_association_runs_a_survey_two_members_answer_and_the_owner_exports_the_aggregate(live_server, browser):
    base = live_server.url
    secretary = testing.make_user("secretary@tiruppur.example.in", full_name="K. Senthil")
    association = testing.make_association(office_bearer=secretary, name="Tiruppur Knitwear Association")
    members = []
    for n in (1, 2):
        user = testing.make_user(f"member{n}@knit.example.in")
        testing.make_membership(association=association, enterprise=testing.make_enterprise(owner=user))
        members.append(user)
    Topic.objects.create(title="Power supply to knitting units", status=TopicStatus.ACTIVE)

    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)

    # 1. The office-bearer sets up a one-question survey and opens it.
    log_in(page, base, secretary.email)
    page.goto(f"{base}/research/associations/{association.slug}/studies/new/")
    page.select_option("#id_topic", label="Power supply to knitting units")
    page.fill("#id_title", "Power cuts in October")
    page.fill("#id_purpose", "To ask the electricity board for a dedicated feeder.")
    page.fill("#id_closes_at", (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"))
    page.click("main form button")
    page.wait_for_url("**/manage/")
    page.fill("#id_text", QUESTION)
    page.select_option("#id_kind", "single")
    page.fill("#id_choices_text", "Yes\nNo")
    page.click("main form.card button")
    see(page, QUESTION)
    page.click("text=Open and invite the audience")
    study = Study.objects.get(title="Power cuts in October")
    see(page, "Results")
    log_out(page, base)

    # 2. Two members answer.
    answer(page, base, study, members[0], "Yes")
    answer(page, base, study, members[1], "No")

    # 3. The owner sees the aggregate and exports it.
    log_in(page, base, secretary.email)
    page.goto(f"{base}/research/studies/{study.pk}/results/")
    results = page.inner_text("main")
    assert QUESTION in results
    assert "2" in results and "50" in results  # two responses, half and half
    with page.expect_download() as download:
        page.click("text=Export CSV")
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    answers = sorted(row[-1] for row in rows[1:])
    assert answers == ["No", "Yes"]
    context.close()
