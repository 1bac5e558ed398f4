"""Writes for DIA support: apply, review (maker), approve (checker), plan and release tranches, account for them.

Every write runs in one transaction, re-reads the row it changes under ``select_for_update`` and writes an audit
row. Decided rows are never changed: corrections are new rows (a new application, a new certificate).
"""

from collections import defaultdict
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import F, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import SidbiRole
from portal.associations.roles import office_users, sidbi_users
from portal.core.audit import audit
from portal.core.errors import ActionRefused
from portal.core.i18n import Msg
from portal.core.money import format_inr, to_rupees
from portal.core.uploads import validate_upload
from portal.notifications.services import notify
from portal.support import permissions, states
from portal.support.models import (
    EDITABLE_STATUSES,
    Application,
    ApplicationDocument,
    BudgetLine,
    Evidence,
    Head,
    Sanction,
    SanctionHead,
    Status,
    StatusChange,
    Tranche,
    TrancheStatus,
    UCStatus,
    UtilisationCertificate,
)

DOCUMENT_KINDS = ("pdf", "image", "xlsx")
EVIDENCE_KINDS = ("pdf", "image")
MAX_YEARS = 5
ZERO = Decimal("0")


def _move(application: Application, to_status: str, *, by, reason: str = "", refusal=None) -> None:
    """Record the step in the application's history; refused unless the table allows it (nothing saved)."""
    states.APPLICATION.check(application.status, to_status, refusal=refusal)
    StatusChange.objects.create(
        application=application, from_status=application.status, to_status=to_status, by=by, reason=reason
    )
    application.status = to_status


def _lock_sanction(pk: int) -> Sanction:
    """The sanction row, locked for the rest of the transaction.

    PostgreSQL locks the row (``SELECT … FOR UPDATE``). SQLite ignores FOR UPDATE, so a no-op write comes first: it
    takes SQLite's write lock before anything is read, so racing writers queue on the busy timeout instead of
    reading the same totals and failing (or worse) when they upgrade to write.
    """
    if connection.vendor == "sqlite":
        Sanction.objects.filter(pk=pk).update(released_total=F("released_total"))
    return Sanction.objects.select_for_update().select_related("association").get(pk=pk)


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().select_related("association").get(pk=application.pk)


# The association's side ---------------------------------------------------------------------------------------


@transaction.atomic
def application_create(*, association, title: str, justification: str, by) -> Application:
    if not permissions.can_apply(by, association):
        raise ActionRefused(_("Only an office-bearer of a verified association can apply for DIA support."))
    application = Application.objects.create(
        association=association, title=title, justification=justification, created_by=by
    )
    audit(actor=by, action="support.application_created", target=application, association=association)
    return application


def _check_editable(application: Application, by) -> None:
    if application.status not in EDITABLE_STATUSES:
        raise ActionRefused(_("This application is with SIDBI or decided; it can no longer be changed."))
    if not permissions.can_edit(by, application):
        raise ActionRefused(_("Only the association's office-bearers can change this application."))


@transaction.atomic
def application_update(*, application: Application, title: str, justification: str, by) -> Application:
    application = _locked(application)
    _check_editable(application, by)
    application.title, application.justification = title, justification
    application.save(update_fields=["title", "justification"])
    audit(actor=by, action="support.application_updated", target=application, association=application.association)
    return application


@transaction.atomic
def line_add(
    *,
    application: Application,
    head: str,
    item: str,
    amount_requested: Decimal,
    own_contribution: Decimal = ZERO,
    years: int = 1,
    by,
) -> BudgetLine:
    application = _locked(application)
    _check_editable(application, by)
    amount_requested, own_contribution = to_rupees(amount_requested), to_rupees(own_contribution or 0)
    if head not in Head.values:
        raise ActionRefused(_("Choose one of the three heads."))
    if amount_requested <= 0:
        raise ActionRefused(_("The amount requested must be more than zero."))
    if own_contribution < 0:
        raise ActionRefused(_("The association's own contribution cannot be negative."))
    if not 1 <= years <= MAX_YEARS:
        raise ActionRefused(_("Salary support runs over 1 to 5 years."))
    if years > 1 and head != Head.HUMAN_RESOURCES:
        raise ActionRefused(_("Only trained human resources (salary support) can run over several years."))
    line = BudgetLine.objects.create(
        application=application,
        head=head,
        item=item,
        amount_requested=amount_requested,
        own_contribution=own_contribution,
        years=years,
    )
    audit(
        actor=by,
        action="support.line_added",
        target=application,
        association=application.association,
        head=head,
        item=item,
        amount=str(amount_requested),
    )
    return line


@transaction.atomic
def line_remove(*, line: BudgetLine, by) -> None:
    application = _locked(line.application)
    _check_editable(application, by)
    audit(
        actor=by,
        action="support.line_removed",
        target=application,
        association=application.association,
        item=line.item,
        amount=str(line.amount_requested),
    )
    line.delete()


@transaction.atomic
def document_add(*, application: Application, title: str, file, by) -> ApplicationDocument:
    application = _locked(application)
    _check_editable(application, by)
    mime = validate_upload(file, kinds=DOCUMENT_KINDS)
    document = ApplicationDocument(application=application, title=title, mime=mime, uploaded_by=by)
    document.file.save("document", file, save=False)
    document.save()
    audit(actor=by, action="support.document_added", target=application, association=application.association)
    return document


@transaction.atomic
def application_submit(*, application: Application, by) -> Application:
    application = _locked(application)
    _check_editable(application, by)
    if not application.lines.exists():
        raise ActionRefused(_("Add at least one budget line before submitting."))
    if not application.justification.strip():
        raise ActionRefused(_("Explain why the association needs this support before submitting."))
    _move(application, Status.SUBMITTED, by=by)
    application.submitted_at = timezone.now()
    # A resubmission starts the review afresh: an earlier recommendation no longer stands.
    application.lines.update(amount_recommended=None, change_reason="")
    application.save(update_fields=["status", "submitted_at"])
    audit(actor=by, action="support.submitted", target=application, association=application.association)
    notify(
        users=sidbi_users(SidbiRole.OFFICER),
        kind="support.submitted",
        title=Msg(
            "Support application from %(name)s: %(title)s", name=application.association.name, title=application.title
        ),
        link=application.get_absolute_url(),
    )
    return application


# The officer (maker) --------------------------------------------------------------------------------------------


@transaction.atomic
def application_recommend(
    *, application: Application, amounts: dict[int, tuple[Decimal, str]], note: str, conditions: str = "", by
) -> Application:
    """Recommend the application; ``amounts`` maps line ids to (recommended amount, reason when it differs)."""
    application = _locked(application)
    if not permissions.is_officer(by):
        raise ActionRefused(_("Only a SIDBI scheme officer can recommend support."))
    states.APPLICATION.check(
        application.status, Status.RECOMMENDED, refusal=_("Only a submitted application can be recommended.")
    )
    lines = list(application.lines.select_for_update())
    total = ZERO
    for line in lines:
        amount, reason = amounts.get(line.pk, (line.amount_requested, ""))
        amount = to_rupees(amount)
        if amount < 0 or amount > line.amount_requested:
            raise ActionRefused(_("“%(item)s”: recommend between ₹0 and the amount requested.") % {"item": line.item})
        if amount != line.amount_requested and not (reason or "").strip():
            raise ActionRefused(_("“%(item)s”: say why the amount is changed.") % {"item": line.item})
        line.amount_recommended = amount
        line.change_reason = (reason or "").strip() if amount != line.amount_requested else ""
        total += amount
    if total <= 0:
        raise ActionRefused(_("A recommendation must support at least one line; reject the application instead."))
    BudgetLine.objects.bulk_update(lines, ["amount_recommended", "change_reason"])
    _move(application, Status.RECOMMENDED, by=by, reason=note)
    application.recommended_by, application.recommended_at = by, timezone.now()
    application.recommendation_note, application.proposed_conditions = note, conditions
    application.save(
        update_fields=["status", "recommended_by", "recommended_at", "recommendation_note", "proposed_conditions"]
    )
    audit(
        actor=by,
        action="support.recommended",
        target=application,
        association=application.association,
        total=str(total),
        lines={str(line.pk): [str(line.amount_requested), str(line.amount_recommended)] for line in lines},
    )
    notify(
        users=sidbi_users(SidbiRole.AUTHORITY),
        kind="support.recommended",
        title=Msg(
            "Recommended for sanction: %(name)s, %(amount)s",
            name=application.association.name,
            amount=format_inr(total),
        ),
        link=application.get_absolute_url(),
    )
    return application


@transaction.atomic
def application_send_back(*, application: Application, reason: str, by) -> Application:
    application = _locked(application)
    if not permissions.is_officer(by):
        raise ActionRefused(_("Only a SIDBI scheme officer can send an application back."))
    states.APPLICATION.check(
        application.status, Status.SENT_BACK, refusal=_("Only a submitted application can be sent back.")
    )
    if not reason.strip():
        raise ActionRefused(_("Tell the association what to change."))
    _move(application, Status.SENT_BACK, by=by, reason=reason)
    application.save(update_fields=["status"])
    audit(actor=by, action="support.sent_back", target=application, association=application.association, reason=reason)
    notify(
        users=office_users(application.association, admins_only=True),
        kind="support.decided",
        title=Msg("Your support application needs changes: %(title)s", title=application.title),
        link=application.get_absolute_url(),
        body=reason,
    )
    return application


def _reject(application: Application, *, reason: str, by) -> Application:
    if not reason.strip():
        raise ActionRefused(_("Give the association the reason for the rejection."))
    _move(application, Status.REJECTED, by=by, reason=reason)
    application.decided_by, application.decided_at, application.decision_note = by, timezone.now(), reason
    application.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit(actor=by, action="support.rejected", target=application, association=application.association, reason=reason)
    notify(
        users=office_users(application.association, admins_only=True),
        kind="support.decided",
        title=Msg("Your support application was not sanctioned: %(title)s", title=application.title),
        link=application.get_absolute_url(),
        body=reason,
    )
    return application


@transaction.atomic
def application_reject(*, application: Application, reason: str, by) -> Application:
    """The officer rejects a submitted application, or the authority a recommended one."""
    application = _locked(application)
    if application.status == Status.SUBMITTED and permissions.is_officer(by):
        return _reject(application, reason=reason, by=by)
    if application.status == Status.RECOMMENDED and permissions.is_authority(by):
        if application.recommended_by_id == by.pk:
            raise ActionRefused(_("You recommended this application; another authority must decide it."))
        return _reject(application, reason=reason, by=by)
    raise ActionRefused(_("You cannot reject this application at its present stage."))


# The sanctioning authority (checker) ----------------------------------------------------------------------------


@transaction.atomic
def application_approve(*, application: Application, conditions: str, by) -> Sanction:
    application = _locked(application)
    if not permissions.is_authority(by):
        raise ActionRefused(_("Only a SIDBI sanctioning authority can approve support."))
    states.APPLICATION.check(
        application.status, Status.APPROVED, refusal=_("Only a recommended application can be approved.")
    )
    if application.recommended_by_id == by.pk:
        raise ActionRefused(_("You recommended this application; another authority must approve it."))
    per_head: dict[str, Decimal] = defaultdict(Decimal)
    for line in application.lines.all():
        per_head[line.head] += line.amount_recommended or ZERO
    per_head = {head: amount for head, amount in per_head.items() if amount > 0}
    total = sum(per_head.values(), ZERO)
    _move(application, Status.APPROVED, by=by, reason=conditions)
    application.decided_by, application.decided_at = by, timezone.now()
    application.save(update_fields=["status", "decided_by", "decided_at"])
    sanction = Sanction.objects.create(
        application=application,
        association=application.association,
        sanctioned_total=total,
        conditions=conditions,
        approved_by=by,
        approved_at=application.decided_at,
    )
    SanctionHead.objects.bulk_create(
        [SanctionHead(sanction=sanction, head=head, amount=amount) for head, amount in sorted(per_head.items())]
    )
    audit(
        actor=by,
        action="support.approved",
        target=sanction,
        association=application.association,
        application=application.pk,
        total=str(total),
        heads={head: str(amount) for head, amount in per_head.items()},
    )
    notify(
        users=[*office_users(application.association, admins_only=True), application.recommended_by],
        kind="support.decided",
        title=Msg(
            "DIA support sanctioned: %(amount)s for %(name)s",
            amount=format_inr(total),
            name=application.association.name,
        ),
        link=application.get_absolute_url(),
    )
    return sanction


# Tranches -------------------------------------------------------------------------------------------------------


@transaction.atomic
def tranche_plan(*, sanction: Sanction, head: str, amount: Decimal, milestone: str, by) -> Tranche:
    """The officer plans the next tranche under a head (maker); the authority releases it (checker)."""
    sanction = _lock_sanction(sanction.pk)
    if not permissions.is_officer(by):
        raise ActionRefused(_("Only a SIDBI scheme officer plans tranches."))
    amount = to_rupees(amount)
    if amount <= 0:
        raise ActionRefused(_("A tranche must be more than zero."))
    if not milestone.strip():
        raise ActionRefused(_("Describe the milestone that releases this tranche."))
    head_row = sanction.heads.filter(head=head).first()
    if head_row is None:
        raise ActionRefused(_("Nothing is sanctioned under this head."))
    planned = sanction.tranches.filter(head=head).aggregate(total=Sum("amount"))["total"] or ZERO
    if planned + amount > head_row.amount:
        raise ActionRefused(
            _("Tranches under this head would total %(total)s, above the %(sanctioned)s sanctioned.")
            % {"total": format_inr(planned + amount), "sanctioned": format_inr(head_row.amount)}
        )
    number = (sanction.tranches.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    tranche = Tranche.objects.create(
        sanction=sanction, number=number, head=head, amount=amount, milestone=milestone, planned_by=by
    )
    audit(
        actor=by,
        action="support.tranche_planned",
        target=tranche,
        association=sanction.association,
        amount=str(amount),
        head=head,
    )
    return tranche


@transaction.atomic
def tranche_release(*, tranche: Tranche, by) -> Tranche:
    """Release a planned tranche: only the authority, only after the previous one is accounted for, never above
    the sanction (checked here under the sanction's row lock, and again by the database's constraint)."""
    from portal.finances.services import ledger_record

    sanction = _lock_sanction(tranche.sanction_id)
    tranche = Tranche.objects.select_for_update().get(pk=tranche.pk)
    permissions.check_release(by, tranche, list(sanction.tranches.filter(number__lt=tranche.number).order_by("number")))
    states.TRANCHE.check(tranche.status, TrancheStatus.RELEASED, refusal=_("This tranche is already released."))
    if sanction.released_total + tranche.amount > sanction.sanctioned_total:
        raise ActionRefused(
            _("Releasing %(amount)s would exceed the sanction: only %(left)s remains.")
            % {"amount": format_inr(tranche.amount), "left": format_inr(sanction.remaining)}
        )
    head_amount = sanction.heads.filter(head=tranche.head).values_list("amount", flat=True).first() or ZERO
    released_head = (
        sanction.tranches.filter(head=tranche.head, status=TrancheStatus.RELEASED).aggregate(total=Sum("amount"))[
            "total"
        ]
        or ZERO
    )
    if released_head + tranche.amount > head_amount:
        raise ActionRefused(_("Releasing this tranche would exceed what is sanctioned under its head."))
    now = timezone.now()
    Tranche.objects.filter(pk=tranche.pk).update(status=TrancheStatus.RELEASED, released_by=by, released_at=now)
    Sanction.objects.filter(pk=sanction.pk).update(released_total=F("released_total") + tranche.amount)
    tranche.refresh_from_db()
    ledger_record(
        association=sanction.association,
        direction="income",
        category="grant_dia",
        amount=tranche.amount,
        on_date=timezone.localdate(now),
        description=_("DIA support, tranche %(n)s of %(ref)s") % {"n": tranche.number, "ref": sanction.reference},
        reference=f"support.tranche:{tranche.pk}",
        by=by,
    )
    audit(
        actor=by,
        action="support.released",
        target=tranche,
        association=sanction.association,
        amount=str(tranche.amount),
        sanction=sanction.pk,
    )
    notify(
        users=[*office_users(sanction.association, admins_only=True), tranche.planned_by],
        kind="support.released",
        title=Msg("Tranche %(n)s released: %(amount)s", n=tranche.number, amount=format_inr(tranche.amount)),
        link=reverse("support:detail", args=[sanction.application_id]),
    )
    return tranche


# Utilisation certificates ---------------------------------------------------------------------------------------


@transaction.atomic
def uc_submit(
    *,
    tranche: Tranche,
    amount_utilised: Decimal,
    period_from,
    period_to,
    statement: str,
    declaration: bool,
    files=(),
    by,
) -> UtilisationCertificate:
    tranche = Tranche.objects.select_for_update().select_related("sanction__association").get(pk=tranche.pk)
    association = tranche.sanction.association
    if not permissions.can_submit_uc(by, tranche):
        raise ActionRefused(_("Only the association's office-bearer can account for a released tranche."))
    if not declaration:
        raise ActionRefused(_("Confirm the declaration to submit the certificate."))
    amount_utilised = to_rupees(amount_utilised)
    pending = (
        tranche.certificates.filter(status=UCStatus.SUBMITTED).aggregate(total=Sum("amount_utilised"))["total"] or ZERO
    )
    if amount_utilised <= 0:
        raise ActionRefused(_("The amount utilised must be more than zero."))
    if tranche.accounted + pending + amount_utilised > tranche.amount:
        raise ActionRefused(
            _("Only %(left)s of this tranche is still to be accounted for.")
            % {"left": format_inr(tranche.amount - tranche.accounted - pending)}
        )
    if period_from > period_to:
        raise ActionRefused(_("The period must start before it ends."))
    if not files:
        raise ActionRefused(_("Attach at least one bill, statement or photograph as evidence."))
    kinds = [validate_upload(file, kinds=EVIDENCE_KINDS) for file in files]
    certificate = UtilisationCertificate.objects.create(
        tranche=tranche,
        amount_utilised=amount_utilised,
        period_from=period_from,
        period_to=period_to,
        statement=statement,
        declaration=True,
        submitted_by=by,
    )
    for file, mime in zip(files, kinds, strict=True):
        evidence = Evidence(certificate=certificate, name=(getattr(file, "name", "") or "evidence")[:200], mime=mime)
        evidence.file.save("evidence", file, save=False)
        evidence.save()
    audit(
        actor=by,
        action="support.uc_submitted",
        target=certificate,
        association=association,
        amount=str(amount_utilised),
    )
    notify(
        users=sidbi_users(SidbiRole.OFFICER),
        kind="support.uc_submitted",
        title=Msg(
            "Utilisation certificate from %(name)s: %(amount)s",
            name=association.name,
            amount=format_inr(amount_utilised),
        ),
        link=reverse("support:detail", args=[tranche.sanction.application_id]),
    )
    return certificate


@transaction.atomic
def uc_decide(*, certificate: UtilisationCertificate, accept: bool, note: str = "", by) -> UtilisationCertificate:
    certificate = UtilisationCertificate.objects.select_for_update().get(pk=certificate.pk)
    tranche = Tranche.objects.select_for_update().select_related("sanction__association").get(pk=certificate.tranche_id)
    if not permissions.is_officer(by):
        raise ActionRefused(_("Only a SIDBI scheme officer decides utilisation certificates."))
    states.CERTIFICATE.check(
        certificate.status,
        UCStatus.ACCEPTED if accept else UCStatus.SENT_BACK,
        refusal=_("This certificate is already decided."),
    )
    if not accept and not note.strip():
        raise ActionRefused(_("Tell the association what is missing."))
    certificate.status = UCStatus.ACCEPTED if accept else UCStatus.SENT_BACK
    certificate.decided_by, certificate.decided_at, certificate.decision_note = by, timezone.now(), note
    certificate.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    if accept:
        Tranche.objects.filter(pk=tranche.pk).update(accounted=F("accounted") + certificate.amount_utilised)
    association = tranche.sanction.association
    audit(
        actor=by,
        action="support.uc_accepted" if accept else "support.uc_sent_back",
        target=certificate,
        association=association,
        amount=str(certificate.amount_utilised),
        reason=note,
    )
    notify(
        users=office_users(association, admins_only=True),
        kind="support.uc_decided",
        title=(
            _("Utilisation certificate accepted: %(amount)s")
            if accept
            else _("Utilisation certificate sent back: %(amount)s")
        )
        % {"amount": format_inr(certificate.amount_utilised)},
        link=reverse("support:detail", args=[tranche.sanction.application_id]),
        body=note,
    )
    return certificate
