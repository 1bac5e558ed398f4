"""Writes of the privacy app: consent, data downloads, account deletion, grievances, sessions, retention."""

import io
import json
import zipfile
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbSessionStore
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core import exports
from portal.core.audit import audit, security_event
from portal.core.personal_data import DELETE, DETACH, KEEP, registry
from portal.core.tasks import send_email
from portal.privacy.models import (
    Consent,
    DataExport,
    ExportStatus,
    Grievance,
    GrievanceStatus,
    UserSession,
)
from portal.privacy.notice import NOTICE_VERSION, PURPOSE_CODES, REQUIRED_PURPOSE
from portal.privacy.states import DATA_EXPORT, GRIEVANCE

# ---------------------------------------------------------------- consent


def _withdrawal_hooks(user, purpose: str) -> None:
    for hook in registry.withdrawal_hooks.get(purpose, []):
        hook(user)


@transaction.atomic
def consents_record_at_signup(*, user, purposes: set[str], ip: str | None) -> list[Consent]:
    """Record what a new person agreed to; the optional purposes they left unticked are switched off."""
    if REQUIRED_PURPOSE not in purposes:
        raise ValidationError(_("The portal cannot run an account without consent to its required purpose."))
    given = [consent_give(user=user, purpose=code, ip=ip) for code in PURPOSE_CODES if code in purposes]
    for code in PURPOSE_CODES:
        if code not in purposes:
            _withdrawal_hooks(user, code)
    return given


@transaction.atomic
def consent_give(*, user, purpose: str, ip: str | None) -> Consent:
    if purpose not in PURPOSE_CODES:
        raise ValidationError(_("Unknown purpose."))
    current = Consent.objects.active().select_for_update().filter(user=user, purpose=purpose).first()
    if current is not None and current.notice_version == NOTICE_VERSION:
        return current
    if current is not None:  # consent to an older notice is replaced by consent to this one
        current.withdrawn_at = timezone.now()
        current.save(update_fields=["withdrawn_at"])
    consent = Consent.objects.create(user=user, purpose=purpose, notice_version=NOTICE_VERSION, ip=ip or None)
    audit(actor=user, action="privacy.consent_given", target=user, purpose=purpose, version=NOTICE_VERSION)
    return consent


@transaction.atomic
def consent_withdraw(*, user, purpose: str) -> bool:
    """Withdraw consent; what depended on it stops at once. Withdrawing ``account`` means deleting the account,
    which the views send the person to confirm with their password (this service refuses it)."""
    if purpose == REQUIRED_PURPOSE:
        raise ValidationError(_("To withdraw consent to running your account, delete your account."))
    changed = Consent.objects.active().filter(user=user, purpose=purpose).update(withdrawn_at=timezone.now())
    _withdrawal_hooks(user, purpose)
    if changed:
        audit(actor=user, action="privacy.consent_withdrawn", target=user, purpose=purpose)
    return bool(changed)


def consents_of(user) -> dict[str, Consent | None]:
    active = {c.purpose: c for c in Consent.objects.active().filter(user=user)}
    return {code: active.get(code) for code in PURPOSE_CODES}


# ---------------------------------------------------------------- gathering personal data


def _source_queryset(source, user):
    model = apps.get_model(source.model)
    field = model._meta.get_field(source.user_field)
    value = user if field.is_relation else user.pk
    return model, model._default_manager.filter(**{source.user_field: value})


def _plain(value):
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def personal_data_of(user) -> dict[str, list[dict]]:
    """Every row the registry names for this person, as plain values, grouped by table (``app.Model``)."""
    data: dict[str, list[dict]] = {}
    for source in registry.sources:
        model, queryset = _source_queryset(source, user)
        fields = [f for f in model._meta.concrete_fields if f.name not in source.exclude]
        rows = data.setdefault(source.model, [])
        seen = {row["id"] for row in rows if "id" in row}
        for obj in queryset.order_by("pk"):
            if obj.pk in seen:
                continue
            rows.append({f.attname: _plain(f.value_from_object(obj)) for f in fields})
    return {label: rows for label, rows in data.items() if rows}


def export_archive(data: dict[str, list[dict]]) -> bytes:
    """A zip holding ``data.json`` (everything) and one CSV per table."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False))
        for label, rows in data.items():
            headers = list(rows[0].keys())
            body = exports.csv_bytes(([_csv_value(row[h]) for h in headers] for row in rows), headers=headers)
            archive.writestr(f"csv/{label}.csv", body)
    return buffer.getvalue()


def _csv_value(value) -> str:
    """A cell as text; the one export writer (portal.core.exports) neutralises formula prefixes."""
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, cls=DjangoJSONEncoder).strip('"')


def export_request(*, user, request=None) -> DataExport:
    from portal.privacy.tasks import build_data_export

    export = DataExport.objects.create(user=user)
    security_event(kind="data_export_requested", user=user, request=request, export=export.pk)
    transaction.on_commit(lambda: build_data_export.enqueue(export_id=export.pk))
    return export


def export_build(*, export_id: int) -> DataExport:
    export = DataExport.objects.select_related("user").get(pk=export_id)
    if not DATA_EXPORT.allows(export.status, ExportStatus.READY):
        return export  # prepared (or given up) already: a retried task does nothing
    try:
        content = export_archive(personal_data_of(export.user))
    except Exception as error:  # recorded for the person to see and ask again; the worker logs the traceback
        export.status, export.error = ExportStatus.FAILED, str(error)[:300]
        export.save(update_fields=["status", "error"])
        raise
    now = timezone.now()
    export.file.save(f"dia-portal-data-{export.user_id}-{now:%Y%m%d%H%M%S}.zip", ContentFile(content), save=False)
    export.status, export.finished_at = ExportStatus.READY, now
    export.expires_at = now + timedelta(days=settings.PRIVACY_EXPORT_KEEP_DAYS)
    export.save(update_fields=["file", "status", "finished_at", "expires_at"])
    return export


def export_expire(export: DataExport) -> None:
    DATA_EXPORT.check(export.status, ExportStatus.EXPIRED)
    if export.file:
        export.file.delete(save=False)
    export.status = ExportStatus.EXPIRED
    export.save(update_fields=["file", "status"])


# ---------------------------------------------------------------- account deletion


def _apply(source, user) -> None:
    model, queryset = _source_queryset(source, user)
    if source.erase == KEEP:
        return
    if source.erase == DELETE:
        queryset.delete()
    elif source.erase == DETACH:
        queryset.update(**{source.user_field: None})
    elif source.erase.startswith("blank:"):
        queryset.update(**dict.fromkeys(source.erase.removeprefix("blank:").split(","), ""))
    else:
        raise ValueError(f"Unknown erase action {source.erase!r} for {source.model}")


@transaction.atomic
def account_delete(*, user, request=None) -> None:
    """Erase or pseudonymise everything about the person; keep, without their name, what the law needs.

    The user row is kept (so ledger entries, invoices, decisions and audit rows keep their PROTECTed foreign
    keys) but renamed "Deleted user #id", its email replaced by a unique placeholder, phone and password
    cleared and log-in disabled. Each app's declared sources say what happens to its rows.
    """
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    user_id = user.pk
    storage = DataExport._meta.get_field("file").storage
    for path in DataExport.objects.filter(user=user).exclude(file="").values_list("file", flat=True):
        transaction.on_commit(lambda path=path: storage.delete(path))
    for source in registry.sources:
        _apply(source, user)
    for eraser in registry.erasers:
        eraser(user)
    Consent.objects.active().filter(user=user).update(withdrawn_at=timezone.now())
    sessions_end(user=user, keep=None)
    security_event(kind="account_deleted", user=user, request=request, user_id=user_id)


# ---------------------------------------------------------------- sessions


def _session_store():
    # The portal's one session engine (settings.SESSION_ENGINE): ending a session through it makes the cache and
    # the database both forget it.
    return CachedDbSessionStore


def session_end(*, user, session_key: str) -> bool:
    """End one of the person's sessions, in the session store (cache and database alike) and in the list."""
    row = UserSession.objects.filter(user=user, session_key=session_key).first()
    if row is None:
        return False
    _session_store()(session_key=session_key).delete()
    row.delete()
    return True


def sessions_end(*, user, keep: str | None) -> int:
    """End every session of the person except ``keep`` (the one they are using), e.g. "log out everywhere else"."""
    ended = 0
    for key in (
        UserSession.objects.filter(user=user).exclude(session_key=keep or "").values_list("session_key", flat=True)
    ):
        ended += session_end(user=user, session_key=key)
    return ended


# ---------------------------------------------------------------- grievances


def _next_reference(now) -> str:
    prefix = f"GRV-{now:%Y}-"
    last = Grievance.objects.select_for_update().filter(reference__startswith=prefix).order_by("-reference").first()
    number = int(last.reference.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{number:05d}"


@transaction.atomic
def grievance_raise(*, name: str, email: str, subject: str, description: str, user=None) -> Grievance:
    now = timezone.now()
    grievance = Grievance.objects.create(
        reference=_next_reference(now),
        user=user if user is not None and user.is_authenticated else None,
        name=name,
        email=email,
        subject=subject,
        description=description,
        created_at=now,
        due_at=now + timedelta(hours=settings.GRIEVANCE_ANSWER_HOURS),
    )
    audit(actor=grievance.user, action="privacy.grievance_raised", target=grievance)
    body = _(
        "We have received your grievance %(reference)s: “%(subject)s”.\n\n"
        "The grievance officer, %(officer)s, will answer by %(due)s (within %(hours)s hours).\n"
        "Quote the reference in any message about it."
    ) % {
        "reference": grievance.reference,
        "subject": subject,
        "officer": settings.GRIEVANCE_OFFICER_NAME,
        "due": timezone.localtime(grievance.due_at).strftime("%d %b %Y %H:%M IST"),
        "hours": settings.GRIEVANCE_ANSWER_HOURS,
    }
    subject_line = _("[DIA Portal] Grievance %(reference)s received") % {"reference": grievance.reference}
    transaction.on_commit(lambda: send_email.enqueue(subject=subject_line, body=body, to=[email]))
    officer_body = _("New grievance %(reference)s, to answer by %(due)s.") % {
        "reference": grievance.reference,
        "due": timezone.localtime(grievance.due_at).strftime("%d %b %Y %H:%M IST"),
    }
    officer_email = settings.GRIEVANCE_OFFICER_EMAIL
    transaction.on_commit(lambda: send_email.enqueue(subject=subject_line, body=officer_body, to=[officer_email]))
    return grievance


def _move(grievance: Grievance, to: str) -> None:
    if not GRIEVANCE.allows(grievance.status, to):
        raise ValidationError(
            _("This grievance cannot move from %(from)s to %(to)s.") % {"from": grievance.status, "to": to}
        )
    grievance.status = to


@transaction.atomic
def grievance_respond(*, grievance: Grievance, response: str, by) -> Grievance:
    grievance = Grievance.objects.select_for_update().get(pk=grievance.pk)
    _move(grievance, GrievanceStatus.ANSWERED)
    grievance.response, grievance.responded_at, grievance.responded_by = response, timezone.now(), by
    grievance.save(update_fields=["status", "response", "responded_at", "responded_by"])
    audit(actor=by, action="privacy.grievance_answered", target=grievance)
    subject = _("[DIA Portal] Answer to your grievance %(reference)s") % {"reference": grievance.reference}
    to = [grievance.email]
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=response, to=to))
    return grievance


@transaction.atomic
def grievance_close(*, grievance: Grievance, by) -> Grievance:
    grievance = Grievance.objects.select_for_update().get(pk=grievance.pk)
    _move(grievance, GrievanceStatus.CLOSED)
    grievance.closed_at = timezone.now()
    grievance.save(update_fields=["status", "closed_at"])
    audit(actor=by, action="privacy.grievance_closed", target=grievance)
    return grievance


def grievances_escalate(*, now=None) -> int:
    """Flag open grievances past their target once, and tell the grievance officer. Returns how many."""
    now = now or timezone.now()
    overdue = list(Grievance.objects.overdue(now).filter(escalated_at__isnull=True).values_list("pk", "reference"))
    if not overdue:
        return 0
    flagged = Grievance.objects.filter(pk__in=[pk for pk, _ref in overdue], escalated_at__isnull=True).update(
        escalated_at=now
    )
    references = ", ".join(ref for _pk, ref in overdue)
    send_email.enqueue(
        subject=_("[DIA Portal] Grievances past their %(hours)s-hour target")
        % {"hours": settings.GRIEVANCE_ANSWER_HOURS},
        body=_("Not answered in time: %(refs)s") % {"refs": references},
        to=[settings.GRIEVANCE_OFFICER_EMAIL],
    )
    return flagged


# ---------------------------------------------------------------- retention


def retention_apply(*, now=None) -> dict[str, int]:
    """Delete what the retention table says has been kept long enough. Audit and financial rows are never touched."""
    now = now or timezone.now()
    done = {}
    expired = DataExport.objects.filter(status=ExportStatus.READY, expires_at__lte=now)
    done["data_exports"] = 0
    for export in expired:
        export_expire(export)
        done["data_exports"] += 1
    stale_failed = now - timedelta(days=settings.PRIVACY_EXPORT_KEEP_DAYS)
    DataExport.objects.filter(status=ExportStatus.FAILED, requested_at__lt=stale_failed).delete()

    for name, job in registry.retention_jobs.items():
        done[name] = job(now)

    cutoff = now - timedelta(days=settings.PRIVACY_SESSION_KEEP_DAYS)
    stale = UserSession.objects.filter(last_seen_at__lt=cutoff)
    done["sessions"] = 0
    store = _session_store()
    for key in stale.values_list("session_key", flat=True):
        store(session_key=key).delete()
        done["sessions"] += 1
    stale.delete()
    if hasattr(store, "clear_expired"):
        store.clear_expired()

    cutoff = now - timedelta(days=settings.PRIVACY_GRIEVANCE_KEEP_DAYS)
    done["grievances"], _counts = Grievance.objects.filter(status=GrievanceStatus.CLOSED, closed_at__lt=cutoff).delete()
    return done
