import io
import json
import logging
import zipfile
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection, transaction
from django.db.utils import DatabaseError, IntegrityError
from django.test import Client
from django.utils import timezone

from portal import testing
from portal.core.models import AuditLog
from portal.core.personal_data import registry
from portal.enterprises.models import EnterpriseUser
from portal.privacy import services
from portal.privacy.models import Consent, DataExport, ExportStatus, Grievance, GrievanceStatus, UserSession

SIGNUP = {"email": "asha@knit.example.in", "password1": "Tiruppur-Knit-2026", "password2": "Tiruppur-Knit-2026"}


def _post_signup(client, **extra):
    return client.post("/accounts/signup/", {**SIGNUP, "full_name": "Asha Devi", **extra})


# ---------------------------------------------------------------- notice, terms, footer


def test_privacy_notice_names_the_grievance_officer_and_the_retention_table(anonymous, settings):
    settings.GRIEVANCE_OFFICER_NAME = "Meera Iyer"
    settings.GRIEVANCE_OFFICER_EMAIL = "dpo@sidbi.example"
    page = anonymous.get("/privacy/").content.decode()
    assert "Meera Iyer" in page and "dpo@sidbi.example" in page
    assert "How long we keep it" in page and "Security and audit logs" in page
    assert anonymous.get("/terms/").status_code == 200
    assert 'href="/privacy/"' in anonymous.get("/").content.decode()


# ---------------------------------------------------------------- consent


def test_sign_up_without_the_required_consent_is_refused_with_a_message_by_the_box(anonymous):
    response = _post_signup(anonymous)
    assert response.status_code == 200
    assert "cannot run an account without it" in response.content.decode()
    assert not get_user_model().objects.filter(email=SIGNUP["email"]).exists()


def test_sign_up_records_consent_per_purpose_and_version_and_optional_refusals_turn_emails_off(anonymous):
    response = _post_signup(anonymous, consent_account="on", consent_sms_updates="on")
    assert response.status_code == 302
    user = get_user_model().objects.get(email=SIGNUP["email"])
    assert user.full_name == "Asha Devi"
    given = dict(Consent.objects.active().filter(user=user).values_list("purpose", "notice_version"))
    assert set(given) == {"account", "sms_updates"}
    assert all(version for version in given.values())
    from portal.notifications.services import notify

    mail.outbox.clear()
    notify(users=[user], kind="desk.assigned", title="Your requirement was assigned")
    assert mail.outbox == []


def test_withdrawing_email_consent_stops_notification_emails_and_can_be_given_back(member_a, client_for):
    client = client_for(member_a)
    services.consent_give(user=member_a, purpose="email_updates", ip=None)
    client.post("/me/consents/", {"purpose": "email_updates", "action": "withdraw"})

    assert not Consent.objects.active().filter(user=member_a, purpose="email_updates").exists()
    from portal.notifications.services import notify

    mail.outbox.clear()
    with django_capture_on_commit():
        notify(users=[member_a], kind="desk.assigned", title="Assigned")
    assert mail.outbox == []
    client.post("/me/consents/", {"purpose": "email_updates", "action": "give"})
    assert Consent.objects.active().filter(user=member_a, purpose="email_updates").exists()


def django_capture_on_commit():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_account_consent_cannot_be_withdrawn_except_by_deleting_the_account(member_a, client_for):
    response = client_for(member_a).post("/me/consents/", {"purpose": "account", "action": "withdraw"})
    assert response.status_code == 404


# ---------------------------------------------------------------- data download


def _export_for(client, user) -> DataExport:
    client.post("/me/data/export/")
    return DataExport.objects.filter(user=user).latest("pk")


def test_member_downloads_all_their_data_as_json_and_csv_prepared_by_the_worker(member_a, client_for):
    client = client_for(member_a)
    with django_capture_on_commit():
        export = _export_for(client, member_a)
    export.refresh_from_db()
    assert export.status == ExportStatus.READY

    page = client.get("/me/data/").content.decode()
    link = page.split('href="/me/data/download/')[1].split('"')[0]
    response = client.get(f"/me/data/download/{link}")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(archive.read("data.json"))
    assert data["accounts.User"][0]["email"] == "member-a@example.in"
    assert "password" not in data["accounts.User"][0]
    assert "enterprises.EnterpriseUser" in data
    assert "csv/accounts.User.csv" in archive.namelist()
    assert AuditLog.objects.filter(action="security.data_downloaded", actor=member_a).exists()

    # Another person with the same link gets what a missing page gets.
    other = testing.make_user()
    assert client_for(other).get(f"/me/data/download/{link}").status_code == 404
    # The link and the file expire.
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert client.get(f"/me/data/download/{link}").status_code == 404
        services.retention_apply()
    export.refresh_from_db()
    assert export.status == ExportStatus.EXPIRED and not export.file


def test_every_table_pointing_at_a_person_is_declared_in_the_registry(db):
    declared = {(s.model.lower(), s.user_field) for s in registry.sources}
    user_model = get_user_model()
    missing = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            pointing = field.is_relation and field.related_model is user_model
            if pointing and (model._meta.label_lower, field.name) not in declared:
                missing.append(f"{model._meta.label}.{field.name}")
    assert missing == [], "declare these in the app's privacy.py"


# ---------------------------------------------------------------- account deletion


@pytest.fixture
def busy_member(association_a, bearer_a, member_a, settings):
    """A member with a requirement and messages, an event registration, a paid invoice and a discussion post."""
    from portal.community import services as community
    from portal.desk.services import message_post
    from portal.events.services import registration_create
    from portal.events.tests.conftest import make_event
    from portal.finances import services as finances
    from portal.finances.tests.conftest import make_schedule

    requirement = testing.make_requirement(by=member_a, enterprise=member_a.enterprise, association=association_a)
    message_post(requirement=requirement, by=member_a, body="Please call me on 98765 43210")
    registration_create(event=make_event(owner=association_a, by=bearer_a), by=member_a)
    finances.invoices_raise(schedule=make_schedule(association_a, by=bearer_a), by=bearer_a)
    invoice = member_a.enterprise.dues_invoices.get()
    finances.payment_record(
        invoice=invoice, amount=Decimal("1000"), paid_on=timezone.localdate(), mode="upi", by=bearer_a
    )
    community.topic_create(
        space=community.space_for_association(association_a), title="Yarn prices", body="Who buys 30s?", by=member_a
    )
    return member_a


def _books(association):
    from portal.finances.models import LedgerEntry

    return sorted(LedgerEntry.objects.filter(association=association).values_list("direction", "amount"))


def test_member_with_history_deletes_their_account_and_the_books_still_add_up(busy_member, association_a, client_for):
    from portal.finances.models import Invoice

    client = client_for(busy_member)
    books_before, invoices_before = _books(association_a), list(Invoice.objects.values_list("pk", "amount_paid"))

    wrong = client.post("/me/data/delete/", {"password": "not-it", "confirm": "on"})
    assert wrong.status_code == 400 and "That is not your password" in wrong.content.decode()

    response = client.post("/me/data/delete/", {"password": testing.PASSWORD, "confirm": "on"})
    assert response.status_code == 200

    user = get_user_model().objects.get(pk=busy_member.pk)
    assert user.full_name == f"Deleted user #{user.pk}"
    assert user.email.endswith("@deleted.invalid") and user.phone == "" and not user.is_active
    assert not user.has_usable_password()
    assert not user.emailaddress_set.exists()
    assert not EnterpriseUser.objects.filter(user=user).exists()
    assert _books(association_a) == books_before
    assert list(Invoice.objects.values_list("pk", "amount_paid")) == invoices_before
    assert AuditLog.objects.filter(action="security.account_deleted", actor=user).exists()
    assert not AuditLog.objects.filter(target_repr__icontains="member-a@example.in").exists()
    # Logged out, and cannot log in again.
    assert client.get("/me/data/").status_code == 302
    assert not Client().login(email="member-a@example.in", password=testing.PASSWORD)


def test_delete_page_needs_a_logged_in_person(anonymous):
    assert anonymous.post("/me/data/delete/", {"password": "x", "confirm": "on"}).status_code == 302


def test_member_corrects_name_and_mobile_with_a_clear_error_for_a_bad_number(member_a, client_for):
    client = client_for(member_a)
    bad = client.post("/me/data/", {"full_name": "Member Aye", "phone": "12345"})
    assert bad.status_code == 400 and "10-digit Indian mobile" in bad.content.decode()
    client.post("/me/data/", {"full_name": "Member Aye", "phone": "98765 43210"})
    member_a.refresh_from_db()
    assert (member_a.full_name, member_a.phone) == ("Member Aye", "+919876543210")


# ---------------------------------------------------------------- grievances


def test_visitor_raises_a_grievance_acknowledged_at_once_and_by_email(anonymous):
    with django_capture_on_commit():
        response = anonymous.post(
            "/privacy/",
            {"name": "Ravi", "email": "ravi@example.in", "subject": "Delete my data", "description": "Please."},
            follow=True,
        )
    grievance = Grievance.objects.get()
    assert grievance.reference in response.content.decode()
    assert grievance.due_at - grievance.created_at == timedelta(hours=24)
    assert any(grievance.reference in m.subject and m.to == ["ravi@example.in"] for m in mail.outbox)


def test_grievance_form_with_bad_email_says_so_and_saves_nothing(anonymous):
    response = anonymous.post("/privacy/", {"name": "R", "email": "nope", "subject": "x", "description": "y"})
    assert response.status_code == 400 and not Grievance.objects.exists()


def test_only_the_grievance_officer_sees_the_queue_and_answers(
    member_a, platform_admin, client_for, django_assert_max_num_queries
):
    for n in range(3):
        services.grievance_raise(name="R", email=f"r{n}@example.in", subject="s", description="d")
    grievance = Grievance.objects.first()
    assert client_for(member_a).get("/privacy/grievances/").status_code == 403
    assert client_for(member_a).post(f"/privacy/grievances/{grievance.pk}/", {"response": "x"}).status_code == 403

    admin = client_for(platform_admin)
    admin.get("/privacy/grievances/")
    with django_assert_max_num_queries(12):
        assert admin.get("/privacy/grievances/").status_code == 200
    admin.post(f"/privacy/grievances/{grievance.pk}/", {"action": "respond", "response": "Done."})
    grievance.refresh_from_db()
    assert grievance.status == GrievanceStatus.ANSWERED
    admin.post(f"/privacy/grievances/{grievance.pk}/", {"action": "close"})
    grievance.refresh_from_db()
    assert grievance.status == GrievanceStatus.CLOSED


def test_overdue_grievances_are_flagged_once_by_the_scheduled_command(db, settings):
    from django.core.management import call_command

    grievance = services.grievance_raise(name="R", email="r@example.in", subject="s", description="d")
    call_command("privacy_escalate", stdout=io.StringIO())
    assert Grievance.objects.get().escalated_at is None
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        out = io.StringIO()
        call_command("privacy_escalate", stdout=out)
        assert "1 grievance" in out.getvalue()
        assert services.grievances_escalate() == 0
    grievance.refresh_from_db()
    assert grievance.escalated_at is not None


# ---------------------------------------------------------------- retention


def test_retention_purges_old_read_notifications_and_sessions_but_never_audit_rows(member_a, settings):
    from portal.notifications.models import Notification

    Notification.objects.create(user=member_a, kind="x", title="old", read_at=timezone.now())
    UserSession.objects.create(user=member_a, session_key="k" * 32)
    audit_rows = AuditLog.objects.count()
    with time_machine.travel(timezone.now() + timedelta(days=400)):
        done = services.retention_apply()
    assert done["notifications"] == 1 and done["sessions"] == 1
    assert AuditLog.objects.count() == audit_rows


# ---------------------------------------------------------------- security logging


def test_log_ins_and_failures_are_in_the_audit_log_and_the_log_line_has_no_email(member_a, caplog):
    caplog.set_level(logging.INFO, logger="portal.security")
    client = Client()
    client.post("/accounts/login/", {"login": "member-a@example.in", "password": "wrong-password-1"})
    client.post("/accounts/login/", {"login": "member-a@example.in", "password": testing.PASSWORD})

    assert AuditLog.objects.filter(action="security.login_failed", target_id=str(member_a.pk)).exists()
    assert AuditLog.objects.filter(action="security.login", actor=member_a).exists()
    assert "security.login" in caplog.text and f"user={member_a.pk}" in caplog.text
    assert "member-a@example.in" not in caplog.text


def test_a_permission_refusal_is_a_security_event(member_a, client_for):
    client_for(member_a).get("/privacy/grievances/")
    assert AuditLog.objects.filter(action="security.permission_denied", actor=member_a).exists()


def test_audit_rows_refuse_update_in_the_database(officer, association_a):
    from portal.core.audit import audit

    record = audit(actor=officer, action="association.approve", target=association_a, reason="ok")
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic():
        AuditLog.objects.filter(pk=record.pk).update(reason="tampered")
    assert AuditLog.objects.get(pk=record.pk).reason == "ok"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the DELETE trigger exists on PostgreSQL only")
def test_audit_rows_refuse_delete_on_postgresql(officer, association_a):
    from portal.core.audit import audit

    record = audit(actor=officer, action="association.approve", target=association_a)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditLog.objects.filter(pk=record.pk).delete()
    assert AuditLog.objects.filter(pk=record.pk).exists()


# ---------------------------------------------------------------- sessions


def _logged_in(user, agent: str) -> Client:
    client = Client(headers={"user-agent": agent})
    response = client.post("/accounts/login/", {"login": user.email, "password": testing.PASSWORD})
    assert response.status_code == 302
    return client


def test_person_sees_their_sessions_and_ends_the_other_one(member_a, member_b, django_assert_max_num_queries):
    laptop, phone = _logged_in(member_a, "Laptop Firefox"), _logged_in(member_a, "Phone Chrome")
    _logged_in(member_b, "Someone else")
    with django_assert_max_num_queries(12):
        page = laptop.get("/me/sessions/").content.decode()
    assert "Laptop Firefox" in page and "Phone Chrome" in page and "Someone else" not in page

    other = UserSession.objects.get(user=member_a, user_agent="Phone Chrome")
    foreign = UserSession.objects.get(user=member_b)
    assert laptop.post(f"/me/sessions/{foreign.pk}/end/").status_code == 404
    laptop.post(f"/me/sessions/{other.pk}/end/")

    assert phone.get("/me/data/").status_code == 302  # logged out
    assert laptop.get("/me/data/").status_code == 200


def test_log_out_everywhere_else_keeps_only_this_session(member_a, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    laptop, phone, tablet = (_logged_in(member_a, agent) for agent in ("Laptop", "Phone", "Tablet"))
    laptop.post("/me/sessions/end-others/")
    assert phone.get("/me/data/").status_code == 302 and tablet.get("/me/data/").status_code == 302
    assert laptop.get("/me/data/").status_code == 200
    assert list(UserSession.objects.filter(user=member_a).values_list("user_agent", flat=True)) == ["Laptop"]


def test_a_lock_out_after_repeated_failures_is_a_security_event(member_a):
    client = Client()
    for _attempt in range(7):
        client.post("/accounts/login/", {"login": "member-a@example.in", "password": "wrong-password-1"})
    assert AuditLog.objects.filter(action="security.lockout", target_id=str(member_a.pk)).exists()


def test_a_password_change_is_a_security_event(member_a, client_for):
    new = "Another-Long-Pass-42"
    client_for(member_a).post(
        "/accounts/password/change/", {"oldpassword": testing.PASSWORD, "password1": new, "password2": new}
    )
    assert AuditLog.objects.filter(action="security.password_changed", actor=member_a).exists()


def test_platform_admin_records_a_breach_and_cannot_delete_it(platform_admin, client_for, member_a):
    from portal.privacy.models import Breach

    admin = client_for(platform_admin)
    admin.post(
        "/admin/privacy/breach/add/",
        {
            "detected_at_0": "2026-12-01",
            "detected_at_1": "10:00:00",
            "nature": "Lost laptop",
            "data_affected": "Member names and mobiles",
            "people_affected": "40",
            "measures": "Disk was encrypted",
        },
    )
    breach = Breach.objects.get()
    assert breach.recorded_by == platform_admin
    assert admin.post(f"/admin/privacy/breach/{breach.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client_for(member_a).get("/admin/privacy/breach/").status_code in (302, 403)
    assert Breach.objects.exists()


def test_a_new_session_key_after_a_password_change_is_one_row_not_two(member_a):
    client = _logged_in(member_a, "Laptop")
    new = "Another-Long-Pass-42"
    client.post("/accounts/password/change/", {"oldpassword": testing.PASSWORD, "password1": new, "password2": new})
    client.get("/me/sessions/")
    rows = list(UserSession.objects.filter(user=member_a).values_list("session_key", flat=True))
    assert rows == [client.session.session_key]


def test_sessions_are_ended_through_the_portals_session_engine(settings):
    from portal.privacy import services

    assert services._session_store().__module__ == settings.SESSION_ENGINE
