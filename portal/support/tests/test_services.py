from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F

from portal import testing
from portal.accounts.models import SidbiRole
from portal.core.errors import ActionRefused
from portal.core.models import AuditLog
from portal.finances.models import LedgerEntry
from portal.notifications.models import Notification
from portal.support import services
from portal.support.models import Head, Sanction, Status, TrancheStatus, UCStatus
from portal.support.selectors import support_totals
from portal.support.tests.conftest import make_draft, submit_uc


def test_office_bearer_drafts_and_submits_and_officers_are_told(draft, bearer_a, officer):
    services.application_submit(application=draft, by=bearer_a)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert Notification.objects.filter(user=officer, kind="support.submitted").exists()
    assert AuditLog.objects.filter(action="support.submitted", target_id=str(draft.pk)).exists()


def test_an_empty_application_cannot_be_submitted(association_a, bearer_a):
    application = services.application_create(association=association_a, title="T", justification="J", by=bearer_a)
    with pytest.raises(ActionRefused, match="at least one budget line"):
        services.application_submit(application=application, by=bearer_a)
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_years_over_one_only_for_human_resources(draft, bearer_a):
    with pytest.raises(ActionRefused, match="several years"):
        services.line_add(
            application=draft,
            head=Head.INFRASTRUCTURE,
            item="Shed",
            amount_requested=Decimal("5"),
            years=3,
            by=bearer_a,
        )


def test_member_cannot_create_an_application(association_a, member_a):
    with pytest.raises(ActionRefused):
        services.application_create(association=association_a, title="T", justification="J", by=member_a)


def test_submitted_application_can_no_longer_be_changed(submitted, bearer_a):
    with pytest.raises(ActionRefused, match="no longer be changed"):
        services.line_add(
            application=submitted, head=Head.INFRASTRUCTURE, item="x", amount_requested=Decimal("1"), by=bearer_a
        )


def test_officer_changes_an_amount_with_a_reason_and_requested_is_kept(submitted, officer, authority):
    line = submitted.lines.get(head=Head.INITIAL_ACTIVITIES)
    with pytest.raises(ActionRefused, match="why"):
        services.application_recommend(
            application=submitted, amounts={line.pk: (Decimal("150000"), "")}, note="ok", by=officer
        )
    services.application_recommend(
        application=submitted, amounts={line.pk: (Decimal("150000"), "Survey of 300 units only")}, note="ok", by=officer
    )
    line.refresh_from_db()
    assert (line.amount_requested, line.amount_recommended) == (Decimal("200000.00"), Decimal("150000.00"))
    assert line.change_reason == "Survey of 300 units only"
    assert Notification.objects.filter(user=authority, kind="support.recommended").exists()


def test_officer_cannot_recommend_more_than_requested(submitted, officer):
    line = submitted.lines.first()
    with pytest.raises(ActionRefused):
        services.application_recommend(
            application=submitted, amounts={line.pk: (line.amount_requested + 1, "more")}, note="", by=officer
        )


def test_authority_cannot_recommend(submitted, authority):
    with pytest.raises(ActionRefused, match="officer"):
        services.application_recommend(application=submitted, amounts={}, note="", by=authority)


def test_officer_cannot_approve(recommended, officer):
    with pytest.raises(ActionRefused, match="authority"):
        services.application_approve(application=recommended, conditions="", by=officer)
    assert not Sanction.objects.exists()


def test_nobody_who_recommended_can_approve_even_holding_both_roles(recommended, officer):
    officer.sidbi_role = SidbiRole.AUTHORITY  # promoted after recommending
    officer.save(update_fields=["sidbi_role"])
    with pytest.raises(ActionRefused, match="another authority"):
        services.application_approve(application=recommended, conditions="", by=officer)
    with pytest.raises(ActionRefused):
        services.application_reject(application=recommended, reason="no", by=officer)
    assert not Sanction.objects.exists()


def test_database_refuses_an_approver_who_is_the_recommender(recommended, officer):
    with pytest.raises(IntegrityError), transaction.atomic():
        type(recommended).objects.filter(pk=recommended.pk).update(decided_by=officer)


def test_approval_creates_the_sanction_per_head(sanction, bearer_a):
    heads = {h.head: h.amount for h in sanction.heads.all()}
    assert heads == {Head.HUMAN_RESOURCES: Decimal("1800000.00"), Head.INITIAL_ACTIVITIES: Decimal("200000.00")}
    assert sanction.sanctioned_total == Decimal("2000000.00")
    assert sanction.application.status == Status.APPROVED
    assert Notification.objects.filter(user=bearer_a, kind="support.decided").exists()
    assert AuditLog.objects.filter(action="support.approved", target_id=str(sanction.pk)).exists()


def test_send_back_and_resubmit_clears_the_recommendation(submitted, officer, bearer_a):
    services.application_send_back(application=submitted, reason="Add the quotation", by=officer)
    submitted.refresh_from_db()
    assert submitted.status == Status.SENT_BACK
    services.application_submit(application=submitted, by=bearer_a)
    assert submitted.history.count() == 3


def test_rejection_needs_a_reason(submitted, officer):
    with pytest.raises(ActionRefused):
        services.application_reject(application=submitted, reason=" ", by=officer)
    services.application_reject(application=submitted, reason="Outside the scheme", by=officer)
    submitted.refresh_from_db()
    assert submitted.status == Status.REJECTED


def test_tranches_cannot_exceed_the_head(sanction, officer):
    with pytest.raises(ActionRefused, match="above"):
        services.tranche_plan(
            sanction=sanction, head=Head.INITIAL_ACTIVITIES, amount=Decimal("200000.01"), milestone="m", by=officer
        )
    with pytest.raises(ActionRefused, match="Nothing is sanctioned"):
        services.tranche_plan(
            sanction=sanction, head=Head.INFRASTRUCTURE, amount=Decimal("1"), milestone="m", by=officer
        )


def test_release_records_income_in_the_book_and_tells_the_office(tranches, authority, bearer_a):
    first, _second = tranches
    services.tranche_release(tranche=first, by=authority)
    entry = LedgerEntry.objects.get(reference=f"support.tranche:{first.pk}")
    assert (entry.direction, entry.category, entry.amount) == ("income", "grant_dia", Decimal("600000.00"))
    assert Sanction.objects.get(pk=first.sanction_id).released_total == Decimal("600000.00")
    assert Notification.objects.filter(user=bearer_a, kind="support.released").exists()


def test_officer_cannot_release(tranches, officer):
    with pytest.raises(ActionRefused, match="authority"):
        services.tranche_release(tranche=tranches[0], by=officer)


def test_the_planner_cannot_release_their_own_tranche(tranches, officer):
    officer.sidbi_role = SidbiRole.AUTHORITY
    officer.save(update_fields=["sidbi_role"])
    with pytest.raises(ActionRefused, match="planned this tranche"):
        services.tranche_release(tranche=tranches[0], by=officer)


def test_next_tranche_waits_for_an_accepted_certificate(tranches, authority, officer, bearer_a):
    first, second = tranches
    with pytest.raises(ActionRefused, match="earlier tranches"):
        services.tranche_release(tranche=second, by=authority)
    services.tranche_release(tranche=first, by=authority)
    first.refresh_from_db()
    with pytest.raises(ActionRefused, match="not fully accounted"):
        services.tranche_release(tranche=second, by=authority)
    certificate = submit_uc(first, bearer_a, amount=Decimal("400000"))
    services.uc_decide(certificate=certificate, accept=True, by=officer)
    with pytest.raises(ActionRefused, match="not fully accounted"):
        services.tranche_release(tranche=second, by=authority)
    rest = submit_uc(first, bearer_a, amount=Decimal("200000"))
    services.uc_decide(certificate=rest, accept=False, note="Bank statement missing", by=officer)
    with pytest.raises(ActionRefused, match="not fully accounted"):
        services.tranche_release(tranche=second, by=authority)
    again = submit_uc(first, bearer_a, amount=Decimal("200000"))
    services.uc_decide(certificate=again, accept=True, by=officer)
    services.tranche_release(tranche=second, by=authority)
    second.refresh_from_db()
    assert second.status == TrancheStatus.RELEASED
    assert rest.__class__.objects.get(pk=rest.pk).status == UCStatus.SENT_BACK


def test_certificate_cannot_claim_more_than_the_tranche(tranches, authority, bearer_a):
    first = services.tranche_release(tranche=tranches[0], by=authority)
    with pytest.raises(ActionRefused, match="still to be accounted"):
        submit_uc(first, bearer_a, amount=Decimal("600000.01"))


def test_certificate_needs_the_declaration_and_evidence(tranches, authority, bearer_a):
    from datetime import date

    first = services.tranche_release(tranche=tranches[0], by=authority)
    arguments = {
        "tranche": first,
        "amount_utilised": Decimal("1"),
        "period_from": date(2026, 1, 1),
        "period_to": date(2026, 2, 1),
        "statement": "s",
        "by": bearer_a,
    }
    with pytest.raises(ActionRefused, match="declaration"):
        services.uc_submit(**arguments, declaration=False, files=[])
    with pytest.raises(ActionRefused, match="evidence"):
        services.uc_submit(**arguments, declaration=True, files=[])


def test_member_cannot_submit_a_certificate(tranches, authority, member_a):
    first = services.tranche_release(tranche=tranches[0], by=authority)
    with pytest.raises(ActionRefused):
        submit_uc(first, member_a)


def test_database_refuses_a_release_above_the_sanction(sanction):
    with pytest.raises(IntegrityError), transaction.atomic():
        Sanction.objects.filter(pk=sanction.pk).update(released_total=F("sanctioned_total") + 1)


def test_totals_per_head_and_association(tranches, authority, officer, bearer_a, association_b, bearer_b):
    first = services.tranche_release(tranche=tranches[0], by=authority)
    certificate = submit_uc(first, bearer_a, amount=Decimal("250000"))
    services.uc_decide(certificate=certificate, accept=True, by=officer)
    other = make_draft(association_b, bearer_b)
    services.application_submit(application=other, by=bearer_b)
    services.application_recommend(application=other, amounts={}, note="", by=officer)
    services.application_approve(application=other, conditions="", by=authority)

    mine = support_totals(first.sanction.association)
    assert mine["sanctioned"] == Decimal("2000000.00")
    assert mine["released"] == Decimal("600000.00")
    assert mine["accounted"] == Decimal("250000.00")
    assert mine["heads"][Head.HUMAN_RESOURCES]["released"] == Decimal("600000.00")
    assert mine["heads"][Head.INFRASTRUCTURE]["sanctioned"] == Decimal("0")
    everyone = support_totals()
    assert everyone["sanctioned"] == Decimal("4000000.00")
    assert everyone["released"] == Decimal("600000.00")


def test_sanction_of_another_authority_is_fine(recommended, db):
    other = testing.make_user(sidbi_role=SidbiRole.AUTHORITY)
    assert services.application_approve(application=recommended, conditions="", by=other).approved_by == other


def test_only_an_officer_decides_a_certificate_and_the_office_is_told(tranches, authority, officer, bearer_a):
    first = services.tranche_release(tranche=tranches[0], by=authority)
    certificate = submit_uc(first, bearer_a)
    with pytest.raises(ActionRefused, match="officer"):
        services.uc_decide(certificate=certificate, accept=True, by=authority)
    with pytest.raises(ActionRefused, match="missing"):
        services.uc_decide(certificate=certificate, accept=False, note="", by=officer)
    services.uc_decide(certificate=certificate, accept=True, by=officer)
    assert Notification.objects.filter(user=bearer_a, kind="support.uc_decided").exists()
    with pytest.raises(ActionRefused, match="already decided"):
        services.uc_decide(certificate=certificate, accept=False, note="late", by=officer)
    assert AuditLog.objects.filter(action="support.uc_accepted").count() == 1
