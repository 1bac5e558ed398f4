"""The plan pages for each role, every refusal, the timeline markup, and query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse

from portal import testing
from portal.plans import services
from portal.plans.models import ActionPlan, PlanStatus

from .conftest import approved_plan, period, submitted_plan


def url(name, *args):
    return reverse(f"plans:{name}", args=args)


def test_the_office_creates_a_plan_from_suggestions(client_for, bearer_a, association_a):
    start, end = period()
    response = client_for(bearer_a).post(
        url("new", association_a.slug),
        {
            "title": "Plan 2026",
            "period_start": start.isoformat(),
            "period_end": end.isoformat(),
            "objectives": "Earn.",
            "suggestions": ["testing", "sponsorship"],
        },
    )
    plan = ActionPlan.objects.get()
    assert response.url == url("edit", plan.pk)
    assert plan.activities.count() == 2


def test_a_member_and_another_office_cannot_start_a_plan(client_for, member_a, bearer_b, association_a):
    assert client_for(member_a).get(url("new", association_a.slug)).status_code == 403
    assert client_for(bearer_b).get(url("new", association_a.slug)).status_code == 404


def test_the_edit_page_saves_activities_and_targets(client_for, bearer_a, plan_a):
    client = client_for(bearer_a)
    page = client.get(url("edit", plan_a.pk))
    assert page.status_code == 200
    activities, targets = list(plan_a.activities.all()), list(plan_a.targets.all())
    data = {
        "plan-title": "Renamed",
        "plan-period_start": plan_a.period_start.isoformat(),
        "plan-period_end": plan_a.period_end.isoformat(),
        "plan-objectives": "Earn more.",
        "activity-TOTAL_FORMS": str(len(activities)),
        "activity-INITIAL_FORMS": str(len(activities)),
        "target-TOTAL_FORMS": str(len(targets)),
        "target-INITIAL_FORMS": str(len(targets)),
    }
    for i, a in enumerate(activities):
        data.update(
            {
                f"activity-{i}-id": a.pk,
                f"activity-{i}-suggestion": a.suggestion,
                f"activity-{i}-title": a.title,
                f"activity-{i}-owner_name": "R. Kumar",
                f"activity-{i}-starts_on": a.starts_on.isoformat(),
                f"activity-{i}-ends_on": a.ends_on.isoformat(),
                f"activity-{i}-budget": "25000",
                f"activity-{i}-status": "planned",
            }
        )
    data[f"activity-{len(activities) - 1}-DELETE"] = "on"
    for i, t in enumerate(targets):
        data.update(
            {
                f"target-{i}-id": t.pk,
                f"target-{i}-indicator": t.indicator,
                f"target-{i}-label": "",
                f"target-{i}-baseline": "0",
                f"target-{i}-target": "50",
            }
        )
    response = client.post(url("edit", plan_a.pk), data | {"done": "1"})
    assert response.status_code == 302, (
        response.context["form"].errors or response.context["activities"].errors or response.context["targets"].errors
    )
    plan_a.refresh_from_db()
    assert plan_a.title == "Renamed" and plan_a.activities.count() == len(activities) - 1
    assert {t.target for t in plan_a.targets.all()} == {50}


def test_an_approved_plan_cannot_be_edited_through_the_page(client_for, association_a, bearer_a, cluster_expert):
    plan = approved_plan(association_a, bearer_a, cluster_expert)
    response = client_for(bearer_a).post(url("edit", plan.pk), {"plan-title": "Changed"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title != "Changed"


def test_another_association_gets_404_on_the_plan_and_its_pages(
    client_for, bearer_b, member_a, association_a, bearer_a, cluster_expert
):
    plan = approved_plan(association_a, bearer_a, cluster_expert)
    activity = plan.activities.first()
    for user in (bearer_b, member_a):
        client = client_for(user)
        assert client.get(url("detail", plan.pk)).status_code == 404
        assert client.get(url("edit", plan.pk)).status_code == 404
        assert client.post(url("submit", plan.pk)).status_code == 404
        assert client.get(url("activity", plan.pk, activity.pk)).status_code == 404


def test_an_expert_of_another_association_gets_404(client_for, association_a, bearer_a, cluster_expert):
    plan = submitted_plan(association_a, bearer_a)
    stranger = testing.make_user(sidbi_role="cluster_expert", totp=True)
    client = client_for(stranger)
    assert client.get(url("detail", plan.pk)).status_code == 404
    assert client.post(url("decide", plan.pk), {"decision": "approved"}).status_code == 404
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_the_expert_does_not_see_drafts(client_for, plan_a, cluster_expert):
    assert client_for(cluster_expert).get(url("detail", plan_a.pk)).status_code == 404


def test_the_expert_sees_the_queue_and_decides(client_for, association_a, bearer_a, cluster_expert):
    plan = submitted_plan(association_a, bearer_a)
    client = client_for(cluster_expert)
    page = client.get(url("index")).content.decode()
    assert "Waiting for your decision" in page and plan.title in page
    assert "Record the decision" in client.get(url("detail", plan.pk)).content.decode()
    client.post(url("decide", plan.pk), {"decision": "sent_back", "comments": "Budget the lab."})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SENT_BACK


def test_a_sidbi_officer_views_but_cannot_decide(client_for, officer, association_a, bearer_a, cluster_expert):
    plan = submitted_plan(association_a, bearer_a)
    client = client_for(officer)
    assert client.get(url("detail", plan.pk)).status_code == 200
    assert client.post(url("decide", plan.pk), {"decision": "approved"}).status_code == 403
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_the_office_cannot_decide_its_own_plan(client_for, association_a, bearer_a, cluster_expert):
    plan = submitted_plan(association_a, bearer_a)
    assert client_for(bearer_a).post(url("decide", plan.pk), {"decision": "approved"}).status_code == 403


def test_progress_is_reported_on_the_activity_page_and_refused_before_approval(
    client_for, association_a, bearer_a, cluster_expert, plan_a
):
    client = client_for(bearer_a)
    activity = plan_a.activities.first()
    assert client.post(url("activity", plan_a.pk, activity.pk), {"notes": "x", "status": "done"}).status_code == 403
    services.plan_submit(plan=plan_a, by=bearer_a)
    services.plan_decide(plan=plan_a, decision="approved", by=cluster_expert)
    pdf = testing.pdf_upload("bill.pdf")
    response = client.post(
        url("activity", plan_a.pk, activity.pk),
        {"notes": "Lab equipped", "amount_spent": "1500", "status": "in_progress", "evidence": pdf},
    )
    assert response.status_code == 302
    report = activity.reports.get()
    download = client.get(url("evidence", plan_a.pk, report.pk))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert client_for(cluster_expert).get(url("evidence", plan_a.pk, report.pk)).status_code == 200


def test_the_timeline_uses_classes_not_inline_styles_and_marks_today(
    client_for, association_a, bearer_a, cluster_expert
):
    plan = approved_plan(association_a, bearer_a, cluster_expert)
    page = client_for(bearer_a).get(url("detail", plan.pk)).content.decode()
    assert 'class="tl-bar tl-off-0 tl-w-100 tl-planned"' in page
    assert "tl-today tl-at-" in page and 'style="' not in page


def test_the_plan_pages_need_a_login(anonymous, plan_a):
    assert anonymous.get(url("index")).status_code == 302
    assert anonymous.get(url("detail", plan_a.pk)).status_code == 302


@pytest.mark.parametrize("rows", [3, 20])
def test_the_plan_list_runs_a_fixed_number_of_queries(
    client_for, officer, cluster_expert, django_assert_max_num_queries, rows
):
    for index in range(rows):
        bearer = testing.make_user()
        association = testing.make_association(office_bearer=bearer, cluster_expert=cluster_expert)
        submitted_plan(association, bearer, title=f"Plan {index}")
    client = client_for(officer)
    with django_assert_max_num_queries(12):
        response = client.get(url("index"))
    assert response.content.decode().count('<span class="badge submitted">') == rows


def test_overlapping_period_is_shown_as_a_form_error(client_for, bearer_a, association_a, plan_a):
    start, end = plan_a.period_start + timedelta(days=10), plan_a.period_end + timedelta(days=10)
    response = client_for(bearer_a).post(
        url("new", association_a.slug),
        {"title": "Overlap", "period_start": start.isoformat(), "period_end": end.isoformat(), "objectives": "x"},
    )
    assert response.status_code == 200 and "already has a plan" in response.content.decode()
    assert ActionPlan.objects.count() == 1
