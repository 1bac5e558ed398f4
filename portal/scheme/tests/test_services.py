import pytest
from django.db import IntegrityError, transaction

from portal.accounts.models import SidbiRole
from portal.associations.models import Stage
from portal.core.errors import ActionRefused
from portal.core.models import AuditLog
from portal.scheme import services
from portal.scheme.models import Appraisal, Decision, StageAssessment, Step, StepDecision
from portal.scheme.selectors import current_stage, is_in_scheme
from portal.scheme.stages import THRESHOLDS, StageInputs
from portal.scheme.tests.conftest import ELIGIBLE


def test_start_prefills_eligibility_from_the_association_records(association_a, bearer_a):
    appraisal = services.appraisal_start(association=association_a, by=bearer_a)
    assert appraisal.step == Step.ELIGIBILITY
    assert appraisal.eligibility["member_base"] == association_a.approx_member_count
    assert appraisal.eligibility["legal_registration"] is True
    assert appraisal.eligibility["office_bearers"] is True
    assert appraisal.eligibility["no_default"] is False  # the association declares it
    assert AuditLog.objects.filter(action="scheme.started", association=association_a).exists()


def test_only_one_live_appraisal_per_association(association_a, bearer_a):
    services.appraisal_start(association=association_a, by=bearer_a)
    with pytest.raises(ActionRefused):
        services.appraisal_start(association=association_a, by=bearer_a)


def test_member_cannot_start_or_fill(association_a, bearer_a, member_a):
    with pytest.raises(ActionRefused):
        services.appraisal_start(association=association_a, by=member_a)
    appraisal = services.appraisal_start(association=association_a, by=bearer_a)
    with pytest.raises(ActionRefused):
        services.eligibility_save(appraisal=appraisal, answers=ELIGIBLE, by=member_a, submit=True)
    appraisal.refresh_from_db()
    assert appraisal.step == Step.ELIGIBILITY


def test_submitting_below_the_pass_mark_is_refused_and_nothing_moves(association_a, bearer_a):
    appraisal = services.appraisal_start(association=association_a, by=bearer_a)
    with pytest.raises(ActionRefused, match="pass mark"):
        services.eligibility_save(
            appraisal=appraisal, answers={**ELIGIBLE, "no_default": False}, by=bearer_a, submit=True
        )
    appraisal.refresh_from_db()
    assert appraisal.step == Step.ELIGIBILITY
    assert not appraisal.decisions.exists()


def test_full_journey_puts_the_association_in_the_scheme(advance, plan_ok, association_a, officer, authority):
    appraisal = advance(Step.IN_SCHEME)
    assert is_in_scheme(association_a)
    assert appraisal.recommended_by == officer
    assert appraisal.sanctioned_by == authority
    assert list(appraisal.decisions.values_list("step", "decision")) == [
        (Step.ELIGIBILITY, Decision.SUBMITTED),
        (Step.IN_PRINCIPLE, Decision.APPROVED),
        (Step.MATRIX, Decision.SUBMITTED),
        (Step.MATRIX_REVIEW, Decision.APPROVED),
        (Step.DETAILED, Decision.RECOMMENDED),
        (Step.SANCTION, Decision.APPROVED),
    ]
    assert AuditLog.objects.filter(action="scheme.approved", association=association_a).count() == 3
    assert appraisal.matrix.approved_at is not None


def test_send_back_needs_comments_and_returns_to_the_association(advance, cluster_expert):
    appraisal = advance(Step.MATRIX_REVIEW)
    with pytest.raises(ActionRefused, match="comments"):
        services.appraisal_decide(appraisal=appraisal, decision=Decision.SENT_BACK, by=cluster_expert)
    row = services.appraisal_decide(
        appraisal=appraisal, decision=Decision.SENT_BACK, comments="Add your linkages.", by=cluster_expert
    )
    appraisal.refresh_from_db()
    assert appraisal.step == Step.MATRIX
    assert row.comments == "Add your linkages."


def test_reject_ends_the_appraisal_and_allows_a_new_application(advance, officer, association_a, bearer_a):
    appraisal = advance(Step.IN_PRINCIPLE)
    services.appraisal_decide(appraisal=appraisal, decision=Decision.REJECTED, comments="Not a cluster.", by=officer)
    appraisal.refresh_from_db()
    assert appraisal.step == Step.REJECTED
    again = services.appraisal_start(association=association_a, by=bearer_a)
    assert again.pk != appraisal.pk


def test_officer_cannot_recommend_without_an_approved_plan(advance, officer):
    appraisal = advance(Step.DETAILED)
    with pytest.raises(ActionRefused, match="action plan"):
        services.appraisal_decide(appraisal=appraisal, decision="approve", by=officer)
    appraisal.refresh_from_db()
    assert appraisal.step == Step.DETAILED
    assert appraisal.recommended_by is None


def test_officer_cannot_approve_their_own_recommendation(advance, plan_ok, officer):
    appraisal = advance(Step.SANCTION)
    # Even after being made an authority, the maker is never the checker.
    officer.sidbi_role = SidbiRole.AUTHORITY
    officer.save(update_fields=["sidbi_role"])
    with pytest.raises(ActionRefused, match="another person"):
        services.appraisal_decide(appraisal=appraisal, decision="approve", by=officer)
    appraisal.refresh_from_db()
    assert appraisal.step == Step.SANCTION


def test_officer_role_cannot_sanction(advance, plan_ok, officer):
    other = type(officer).objects.create_user("officer2@sidbi.example.in", "x", sidbi_role=SidbiRole.OFFICER)
    appraisal = advance(Step.SANCTION)
    with pytest.raises(ActionRefused):
        services.appraisal_decide(appraisal=appraisal, decision="approve", by=other)


def test_database_refuses_a_maker_who_is_also_checker(advance, plan_ok, officer):
    appraisal = advance(Step.SANCTION)
    with pytest.raises(IntegrityError), transaction.atomic():
        Appraisal.objects.filter(pk=appraisal.pk).update(sanctioned_by=officer)


def test_expert_of_another_association_cannot_review(advance, association_b):
    appraisal = advance(Step.MATRIX_REVIEW)
    other = type(appraisal.started_by).objects.create_user(
        "expert-b@dia.example.in", "x", sidbi_role=SidbiRole.CLUSTER_EXPERT
    )
    association_b.cluster_expert = other
    association_b.save(update_fields=["cluster_expert"])
    with pytest.raises(ActionRefused):
        services.appraisal_decide(appraisal=appraisal, decision="approve", by=other)


def test_stale_decision_is_refused(advance, officer):
    appraisal = advance(Step.IN_PRINCIPLE)
    with pytest.raises(ActionRefused, match="moved on"):
        services.appraisal_decide(appraisal=appraisal, decision="approve", by=officer, expected_step=Step.MATRIX_REVIEW)


def test_decision_rows_are_immutable(advance):
    appraisal = advance(Step.IN_PRINCIPLE)
    row = StepDecision.objects.get(appraisal=appraisal)
    row.comments = "changed"
    with pytest.raises(ValueError):
        row.save()
    with pytest.raises(ValueError):
        row.delete()


def test_matrix_keeps_portal_values_beside_the_answers(advance, association_a, bearer_a):
    association_a.website = "https://tiruppur.example.in"
    association_a.save(update_fields=["website"])
    appraisal = advance(Step.MATRIX)
    record = services.matrix_save(appraisal=appraisal, answers={"website": False}, by=bearer_a)
    assert record.portal_values["website"] is True
    assert record.answers["website"] is False
    assert record.score == 0


def test_stage_assess_records_and_updates_the_association(association_a, officer):
    inputs = StageInputs(**THRESHOLDS[Stage.OPERATIONALISATION])
    assessment = services.stage_assess(association=association_a, by=officer, inputs=inputs)
    association_a.refresh_from_db()
    assert assessment.stage == Stage.OPERATIONALISATION
    assert current_stage(association_a) == Stage.OPERATIONALISATION
    assert assessment.inputs["active_members"] == THRESHOLDS[Stage.OPERATIONALISATION]["active_members"]
    change = AuditLog.objects.get(action="scheme.stage_changed", association=association_a)
    assert change.data == {"from_stage": Stage.INITIATION, "to_stage": Stage.OPERATIONALISATION}


def test_an_older_backdated_assessment_does_not_change_the_current_stage(association_a, officer):
    import datetime

    services.stage_assess(association=association_a, by=officer, inputs=StageInputs())
    services.stage_assess(
        association=association_a,
        by=officer,
        on=datetime.date(2020, 1, 1),
        inputs=StageInputs(**THRESHOLDS[Stage.TRANSFORMATION]),
    )
    association_a.refresh_from_db()
    assert association_a.stage == Stage.INITIATION
    assert StageAssessment.objects.filter(association=association_a).count() == 2


def test_association_office_cannot_assess_its_own_stage(association_a, bearer_a):
    with pytest.raises(ActionRefused):
        services.stage_assess(association=association_a, by=bearer_a)


def test_assess_stages_command_assesses_every_approved_association(association_a, association_b):
    from django.core.management import call_command

    call_command("assess_stages")
    assert StageAssessment.objects.filter(association=association_a, by=None).count() == 1
    assert StageAssessment.objects.filter(association=association_b).count() == 1
