"""The audit log: one row per change, saying who did what to which record and why; rows are never edited."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from portal.core.audit import audit
from portal.core.models import AuditLog


def test_audit_records_who_did_what_to_which_record_and_why(officer, association_a):
    record = audit(
        actor=officer,
        action="association.approve",
        target=association_a,
        reason="Certificate checked against the registrar's list.",
        association=association_a,
        stage="initiation",
        members=120,
    )

    stored = AuditLog.objects.get(pk=record.pk)
    assert stored.actor == officer
    assert stored.action == "association.approve"
    assert (stored.target_type, stored.target_id) == ("associations.association", str(association_a.pk))
    assert stored.target_repr == str(association_a)
    assert stored.association == association_a
    assert stored.reason == "Certificate checked against the registrar's list."
    assert stored.data == {"stage": "initiation", "members": 120}
    assert stored.at is not None


def test_audit_rows_are_found_for_the_object_they_describe_newest_first(officer, association_a, association_b):
    first = audit(actor=officer, action="association.note", target=association_a)
    audit(actor=officer, action="association.note", target=association_b)
    second = audit(actor=officer, action="association.approve", target=association_a)

    assert list(AuditLog.objects.for_object(association_a)) == [second, first]


def test_anonymous_actor_is_recorded_as_nobody(association_a):
    record = audit(actor=AnonymousUser(), action="association.viewed", target=association_a)
    assert record.actor is None


def test_a_very_long_record_name_is_cut_to_fit(officer, association_a):
    association_a.name = "N" * 400
    record = audit(actor=officer, action="association.rename", target=association_a)
    assert record.target_repr == "N" * 300


def test_an_audit_row_cannot_be_edited_after_it_is_written(officer, association_a):
    record = audit(actor=officer, action="association.approve", target=association_a, reason="ok")

    record.reason = "changed my mind"
    with pytest.raises(ValueError, match="never edited"):
        record.save()
    with pytest.raises(ValueError):
        AuditLog.objects.get(pk=record.pk).save(update_fields=["action"])

    assert AuditLog.objects.get(pk=record.pk).reason == "ok"


def test_audit_row_is_undone_with_the_change_it_describes_when_that_fails(officer, association_a):
    with pytest.raises(RuntimeError), transaction.atomic():
        audit(actor=officer, action="association.approve", target=association_a)
        raise RuntimeError("the change itself failed")

    assert not AuditLog.objects.filter(action="association.approve").exists()


def test_platform_admin_cannot_change_or_delete_an_audit_row_in_the_admin(
    client_for, platform_admin, officer, association_a
):
    record = audit(actor=officer, action="association.approve", target=association_a, reason="ok")
    client = client_for(platform_admin)

    client.post(f"/admin/core/auditlog/{record.pk}/change/", {"action": "tampered", "reason": "tampered"})
    delete = client.post(f"/admin/core/auditlog/{record.pk}/delete/", {"post": "yes"})

    assert delete.status_code == 403
    record.refresh_from_db()
    assert (record.action, record.reason) == ("association.approve", "ok")
    assert client.get("/admin/core/auditlog/").status_code == 200
    assert b"association.approve" in client.get("/admin/core/auditlog/").content
