"""The plan's life: create from suggestions, edit, submit, decide, report progress, and the contract functions."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal import testing
from portal.core.errors import ActionRefused
from portal.core.models import AuditLog
from portal.notifications.models import Notification
from portal.plans import selectors, services
from portal.plans.models import ActionPlan, ActivityStatus, Indicator, PlanEvent, PlanStatus

from .conftest import approved_plan, make_plan, period, submitted_plan


def test_a_new_plan_starts_from_the_picked_suggestions_and_the_key_indicators(plan_a):
    assert plan_a.status == PlanStatus.DRAFT
    assert [a.suggestion for a in plan_a.activities.all()] == ["testing", "training"]
    assert [a.title for a in plan_a.activities.all()] == ["Testing services", "Training programmes"]
    assert {t.indicator for t in plan_a.targets.all()} == {
        Indicator.PAYING_MEMBERS,
        Indicator.SELF_EARNED_INCOME,
        Indicator.SERVICES_SOLD,
        Indicator.EVENTS_HELD,
    }
    assert AuditLog.objects.filter(action="plans.created", target_id=str(plan_a.pk)).exists()


def test_a_member_cannot_write_a_plan(association_a, member_a):
    start, end = period()
    with pytest.raises(ActionRefused):
        services.plan_create(
            association=association_a, title="X", period_start=start, period_end=end, objectives="Y", by=member_a
        )
    assert not ActionPlan.objects.exists()


def test_only_one_current_plan_per_association_and_period(plan_a, association_a, bearer_a):
    with pytest.raises(ActionRefused, match="already has a plan"):
        make_plan(association_a, bearer_a, title="Second")
    assert ActionPlan.objects.count() == 1


def test_a_rejected_plan_frees_its_period(association_a, bearer_a, cluster_expert):
    plan = submitted_plan(association_a, bearer_a)
    services.plan_decide(plan=plan, decision="rejected", comments="Too vague.", by=cluster_expert)
    assert make_plan(association_a, bearer_a, title="Second try").status == PlanStatus.DRAFT


def test_another_association_may_plan_for_the_same_period(plan_a, association_b, bearer_b):
    assert make_plan(association_b, bearer_b).association == association_b


def test_submitting_tells_the_expert_and_keeps_history(plan_a, bearer_a, cluster_expert):
    services.plan_submit(plan=plan_a, by=bearer_a)
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.SUBMITTED
    assert Notification.objects.filter(user=cluster_expert, kind="plans.submitted").count() == 1
    assert PlanEvent.objects.filter(plan=plan_a, action="submitted").count() == 1


def test_a_plan_without_an_expert_cannot_be_submitted(association_b, bearer_b):
    plan = make_plan(association_b, bearer_b)
    with pytest.raises(ActionRefused, match="No cluster expert"):
        services.plan_submit(plan=plan, by=bearer_b)


def test_a_plan_without_activities_cannot_be_submitted(association_a, bearer_a, cluster_expert):
    plan = make_plan(association_a, bearer_a, suggestions=())
    with pytest.raises(ActionRefused, match="at least one activity"):
        services.plan_submit(plan=plan, by=bearer_a)


def test_sent_back_plan_is_edited_and_resubmitted_then_approved(association_a, bearer_a, cluster_expert):
    plan = submitted_plan(association_a, bearer_a)
    services.plan_decide(plan=plan, decision="sent_back", comments="Add a budget for the lab.", by=cluster_expert)
    assert Notification.objects.filter(user=bearer_a, kind="plans.decided").count() == 1
    services.plan_update(plan=plan, fields={"title": "Revised"}, by=bearer_a)
    services.plan_submit(plan=plan, by=bearer_a)
    services.plan_decide(plan=plan, decision="approved", by=cluster_expert)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.title == "Revised"
    assert list(plan.events.values_list("action", flat=True)) == ["submitted", "sent_back", "submitted", "approved"]
    assert AuditLog.objects.filter(action="plans.approved", target_id=str(plan.pk)).exists()


def test_sending_back_needs_comments(association_a, bearer_a, cluster_expert):
    plan = submitted_plan(association_a, bearer_a)
    with pytest.raises(ActionRefused):
        services.plan_decide(plan=plan, decision="sent_back", comments=" ", by=cluster_expert)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_only_the_assigned_expert_decides(association_a, bearer_a, cluster_expert, officer):
    other_expert = testing.make_user(sidbi_role="cluster_expert")
    plan = submitted_plan(association_a, bearer_a)
    for user in (other_expert, officer, bearer_a):
        with pytest.raises(ActionRefused):
            services.plan_decide(plan=plan, decision="approved", by=user)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_an_approved_plan_cannot_be_edited_or_decided_again(association_a, bearer_a, cluster_expert):
    plan = approved_plan(association_a, bearer_a, cluster_expert)
    with pytest.raises(ActionRefused, match="can no longer be changed"):
        services.plan_update(plan=plan, fields={"title": "Changed"}, by=bearer_a)
    with pytest.raises(ActionRefused):
        services.plan_decide(plan=plan, decision="rejected", comments="No", by=cluster_expert)
    plan.refresh_from_db()
    assert plan.title != "Changed" and plan.status == PlanStatus.APPROVED


def test_activities_are_added_changed_and_removed_within_the_period(plan_a, bearer_a):
    first, second = plan_a.activities.all()
    row = {
        "title": "Yarn pool",
        "suggestion": "aggregated_purchase",
        "owner_name": "R. Kumar",
        "starts_on": plan_a.period_start,
        "ends_on": plan_a.period_start + timedelta(days=30),
        "budget": Decimal("5000"),
        "status": "planned",
    }
    services.plan_update(
        plan=plan_a,
        fields={},
        activities=[{"id": None, "delete": False, **row}, {"id": second.pk, "delete": True}],
        by=bearer_a,
    )
    assert [a.title for a in plan_a.activities.all()] == [first.title, "Yarn pool"]
    outside = {**row, "ends_on": plan_a.period_end + timedelta(days=1)}
    with pytest.raises(ActionRefused, match="within the plan's period"):
        services.plan_update(plan=plan_a, fields={}, activities=[{"id": None, "delete": False, **outside}], by=bearer_a)
    assert plan_a.activities.count() == 2


def test_progress_is_reported_with_evidence_on_an_approved_plan_only(plan_a, association_a, bearer_a, cluster_expert):
    activity = plan_a.activities.first()
    with pytest.raises(ActionRefused):
        services.activity_report(
            activity=activity, notes="Started", amount_spent=Decimal("1"), status="in_progress", by=bearer_a
        )
    services.plan_submit(plan=plan_a, by=bearer_a)
    services.plan_decide(plan=plan_a, decision="approved", by=cluster_expert)
    pdf = SimpleUploadedFile("bill.pdf", testing.pdf_upload().read())
    report = services.activity_report(
        activity=activity, notes="Lab equipped", amount_spent=Decimal("40000"), status="done", evidence=pdf, by=bearer_a
    )
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.DONE and report.evidence
    progress = selectors.plan_progress(association_a)
    assert progress["plan"] == plan_a
    assert (progress["done"], progress["total"], progress["percent"]) == (1, 2, 50)
    assert progress["budget"] == Decimal("200000.00") and progress["spent"] == Decimal("40000.00")


def test_evidence_of_the_wrong_type_is_refused_and_nothing_is_saved(association_a, bearer_a, cluster_expert):
    plan = approved_plan(association_a, bearer_a, cluster_expert)
    activity = plan.activities.first()
    fake = SimpleUploadedFile("bill.pdf", b"MZ\x90\x00 not a pdf at all")
    with pytest.raises(ActionRefused):
        services.activity_report(
            activity=activity, notes="x", amount_spent=Decimal("5"), status="done", evidence=fake, by=bearer_a
        )
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PLANNED and not activity.reports.exists()


def test_has_approved_plan_is_true_only_for_a_current_approved_plan(association_a, bearer_a, cluster_expert):
    assert not selectors.has_approved_plan(association_a) and selectors.plan_progress(association_a) is None
    plan = submitted_plan(association_a, bearer_a)
    assert not selectors.has_approved_plan(association_a)
    services.plan_decide(plan=plan, decision="approved", by=cluster_expert)
    assert selectors.has_approved_plan(association_a)
    ActionPlan.objects.filter(pk=plan.pk).update(
        period_start=plan.period_start - timedelta(days=800), period_end=plan.period_start - timedelta(days=500)
    )
    assert not selectors.has_approved_plan(association_a)
