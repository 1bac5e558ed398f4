"""Writes on the requirements desk. Each runs in one transaction, checks the state machine and the
actor's rights, writes a Transition and an audit record, and notifies whoever must act next.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import SidbiRole, User
from portal.associations.models import Association, MembershipStatus
from portal.associations.roles import office_users
from portal.core.audit import audit
from portal.core.errors import ActionRefused
from portal.core.i18n import Msg, language_of
from portal.core.uploads import validate_upload
from portal.desk import permissions
from portal.desk.models import (
    ESCALATED_TO_ASSOCIATION,
    ESCALATED_TO_SIDBI,
    FINANCIAL_KINDS,
    OPEN_STATUSES,
    Attachment,
    Holder,
    Message,
    Offer,
    OfferKind,
    OfferStatus,
    ReferenceCounter,
    Requirement,
    RoutingRule,
    ServiceLevel,
    Status,
    Transition,
)
from portal.desk.states import OFFER, check_transition
from portal.enterprises.models import Enterprise
from portal.notifications.services import notify
from portal.providers.models import Provider, ProviderStatus

ATTACHMENT_KINDS = ("pdf", "image", "xlsx", "csv")
# The name must agree with the real content, so that a text file called "statement.pdf" is refused.
ATTACHMENT_EXTENSIONS = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "image/webp": (".webp",),
    "text/csv": (".csv", ".txt"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
}


# ---------------------------------------------------------------- helpers


def _locked(requirement: Requirement) -> Requirement:
    """Re-read the row under a lock so that two people acting at once leave one consistent result."""
    return Requirement.objects.select_for_update().get(pk=requirement.pk)


def _move(requirement: Requirement, to_status: str, *, by, reason: str = "", fields=(), handover=False) -> None:
    """Change status (or, with handover, only the holder while staying in triage), recorded as a Transition."""
    from_status = requirement.status
    if not (handover and from_status == to_status == Status.IN_TRIAGE):
        check_transition(from_status, to_status)
    requirement.status = to_status
    requirement.save(update_fields=["status", *fields])
    Transition.objects.create(
        requirement=requirement, from_status=from_status, to_status=to_status, by=by, reason=reason
    )
    audit(
        actor=by,
        action=f"requirement.{to_status}",
        target=requirement,
        association=requirement.association,
        reason=reason,
        from_status=from_status,
        to_status=to_status,
    )


def _mark_first_response(requirement: Requirement, by) -> list[str]:
    """The first answer from anyone but the member stops the first-response clock."""
    if requirement.first_response_at is None and not permissions.is_member_side(by, requirement):
        requirement.first_response_at = timezone.now()
        return ["first_response_at"]
    return []


def _member_people(requirement: Requirement) -> list[User]:
    return list(User.objects.filter(enterprise_roles__enterprise=requirement.enterprise_id, is_active=True))


def _office_people(requirement: Requirement) -> list[User]:
    return list(office_users(requirement.association_id, admins_only=False))


def _provider_people(provider: Provider | None) -> list[User]:
    if provider is None:
        return []
    return list(User.objects.filter(provider_roles__provider=provider, is_active=True))


def _sidbi_officers() -> list[User]:
    return list(User.objects.filter(sidbi_role=SidbiRole.OFFICER, is_active=True))


def _holder_people(requirement: Requirement) -> list[User]:
    if requirement.holder == Holder.PROVIDER:
        return _provider_people(requirement.assigned_provider)
    if requirement.holder == Holder.SIDBI:
        return _sidbi_officers()
    return _office_people(requirement)


def _link(requirement: Requirement) -> str:
    return requirement.get_absolute_url()


def _check_attachment(uploaded) -> None:
    mime = validate_upload(uploaded, kinds=ATTACHMENT_KINDS)
    if not uploaded.name.lower().endswith(ATTACHMENT_EXTENSIONS.get(mime, ())):
        raise ValidationError(
            _("“%(name)s” is not what its name says: its content is a %(type)s file. Please upload the real document.")
            % {"name": uploaded.name[:80], "type": ATTACHMENT_EXTENSIONS.get(mime, ("",))[0].lstrip(".").upper()},
            code="wrong_name",
        )


def _save_attachments(requirement: Requirement, files, *, by, message: Message | None = None) -> None:
    for uploaded in files or []:
        _check_attachment(uploaded)
        Attachment.objects.create(
            requirement=requirement, message=message, file=uploaded, original_name=uploaded.name[:200], uploaded_by=by
        )


def validate_attachments(files) -> None:
    """Check every file before anything is saved, so a bad file loses nothing else."""
    for uploaded in files or []:
        _check_attachment(uploaded)


def next_reference(year: int) -> str:
    counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"DIA-REQ-{year}-{counter.last:06d}"


def service_level_for(kind: str) -> ServiceLevel:
    level = ServiceLevel.objects.filter(kind=kind).first()
    if level is None:
        level = ServiceLevel(
            kind=kind,
            first_response_hours=settings.DESK_DEFAULT_FIRST_RESPONSE_HOURS,
            resolution_days=settings.DESK_DEFAULT_RESOLUTION_DAYS,
        )
    return level


# ---------------------------------------------------------------- member: drafts and posting


def member_associations(user, enterprise):
    """Approved associations where the enterprise is an approved member: where it may post."""
    return Association.objects.approved().filter(
        memberships__enterprise=enterprise, memberships__status=MembershipStatus.APPROVED
    )


@dataclass(frozen=True)
class RequirementDraft:
    """What a member writes in a requirement (the requirement form's fields, already validated)."""

    enterprise: Enterprise
    association: Association
    kind: str
    title: str
    description: str
    urgency: str
    visibility: str
    amount: Decimal | None = None
    purpose: str = ""
    tenure_months: int | None = None
    collateral: str = ""
    existing_borrowing: Decimal | None = None
    latest_turnover: Decimal | None = None
    needed_by: date | None = None
    # The language the member writes in (kept as written); empty: the requirement's own, else the author's.
    language: str = ""

    @classmethod
    def from_values(cls, values: Mapping) -> "RequirementDraft":
        """The draft from a mapping that may hold more (a form's cleaned data also has the attachments)."""
        return cls(**{name: values[name] for name in cls.__dataclass_fields__ if name in values})

    def fields(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@transaction.atomic
def requirement_save_draft(
    *, draft: RequirementDraft, by, requirement: Requirement | None = None, files=()
) -> Requirement:
    """Create a draft (or update ``requirement``, which must still be a draft) from what the member wrote."""
    creating = requirement is None or requirement.pk is None
    if not creating:
        requirement = _locked(requirement)
        if requirement.status != Status.DRAFT:
            raise ActionRefused(_("Only a draft can be edited; this requirement has been posted."))
    enterprise, association = draft.enterprise, draft.association
    if enterprise.pk not in permissions.enterprise_ids(by):
        raise ActionRefused(_("You do not act for this enterprise."))
    if not member_associations(by, enterprise).filter(pk=association.pk).exists():
        raise ActionRefused(_("The enterprise is not an approved member of this association."))
    validate_attachments(files)
    if creating:
        requirement = Requirement(created_by=by, status=Status.DRAFT)
    for name, value in draft.fields().items():
        if name != "language":
            setattr(requirement, name, value)
    if draft.language:
        requirement.language = draft.language
    elif creating:
        requirement.language = language_of(by)
    if requirement.kind not in FINANCIAL_KINDS:
        requirement.amount = requirement.existing_borrowing = requirement.latest_turnover = None
        requirement.tenure_months = None
        requirement.purpose = requirement.collateral = ""
    requirement.save()
    _save_attachments(requirement, files, by=by)
    audit(
        actor=by,
        action="requirement.draft_created" if creating else "requirement.draft_edited",
        target=requirement,
        association=association,
    )
    return requirement


def _matching_rule(requirement: Requirement) -> RoutingRule | None:
    enterprise = requirement.enterprise
    rules = RoutingRule.objects.filter(active=True, provider__status=ProviderStatus.APPROVED).select_related("provider")
    for rule in rules:
        if rule.kind and rule.kind != requirement.kind:
            continue
        if rule.sector_id and rule.sector_id != enterprise.sector_id:
            continue
        if rule.state_id and rule.state_id != enterprise.state_id:
            continue
        return rule
    return None


@transaction.atomic
def requirement_post(*, requirement: Requirement, by) -> Requirement:
    """Post a draft: it gets its reference number and reaches the association desk (or a provider by rule)."""
    requirement = _locked(requirement)
    if not permissions.is_member_side(by, requirement):
        raise ActionRefused(_("Only the enterprise's own people can post its requirement."))
    if not member_associations(by, requirement.enterprise).filter(pk=requirement.association_id).exists():
        raise ActionRefused(_("The enterprise is no longer a member of this association."))
    now = timezone.now()
    requirement.reference = next_reference(timezone.localdate(now).year)
    requirement.posted_at = requirement.clock_started_at = now
    _move(requirement, Status.POSTED, by=by, fields=["reference", "posted_at", "clock_started_at"])
    rule = _matching_rule(requirement)
    if rule is not None:
        requirement.assigned_provider = rule.provider
        requirement.holder = Holder.PROVIDER
        _move(
            requirement,
            Status.ASSIGNED,
            by=None,
            reason=_("Assigned by routing rule: %(rule)s") % {"rule": rule},
            fields=["assigned_provider", "holder"],
        )
        notify(
            users=_provider_people(rule.provider),
            kind="desk.assigned",
            title=Msg("New requirement for you: %(ref)s %(title)s", ref=requirement.reference, title=requirement.title),
            link=_link(requirement),
        )
    notify(
        users=_office_people(requirement),
        kind="desk.new",
        title=Msg(
            "New requirement from %(enterprise)s: %(title)s",
            enterprise=requirement.enterprise.name,
            title=requirement.title,
        ),
        link=_link(requirement),
    )
    return requirement


@transaction.atomic
def requirement_withdraw(*, requirement: Requirement, by, reason: str = "") -> Requirement:
    requirement = _locked(requirement)
    if not permissions.is_member_side(by, requirement):
        raise ActionRefused(_("Only the enterprise's own people can withdraw its requirement."))
    was_posted = requirement.status != Status.DRAFT
    _move(requirement, Status.WITHDRAWN, by=by, reason=reason.strip())
    Offer.objects.filter(requirement=requirement, status=OfferStatus.OPEN).update(status=OfferStatus.WITHDRAWN)
    if was_posted:
        notify(
            users=_holder_people(requirement),
            kind="desk.withdrawn",
            title=Msg("Withdrawn by the member: %(ref)s", ref=requirement.reference),
            link=_link(requirement),
        )
    return requirement


# ---------------------------------------------------------------- desk: triage


@transaction.atomic
def requirement_take_up(*, requirement: Requirement, by) -> Requirement:
    """The association's office starts working on a posted (or reopened) requirement."""
    requirement = _locked(requirement)
    if not permissions.is_office(by, requirement):
        raise ActionRefused(_("Only the association's office can take up its members' requirements."))
    fields = _mark_first_response(requirement, by)
    _move(requirement, Status.IN_TRIAGE, by=by, fields=fields)
    return requirement


@transaction.atomic
def requirement_assign(*, requirement: Requirement, provider: Provider, by, note: str = "") -> Requirement:
    """Hand the requirement to an approved provider. If someone else assigned it a moment ago, refuse."""
    requirement = _locked(requirement)
    if not permissions.can_triage(by, requirement):
        raise ActionRefused(_("Only the association's office (or SIDBI, once it holds it) can assign it."))
    if requirement.status == Status.ASSIGNED:
        raise ActionRefused(
            _("It has just been assigned to %(provider)s. Return it to the desk first to choose another provider.")
            % {"provider": requirement.assigned_provider}
        )
    if provider.status != ProviderStatus.APPROVED:
        raise ActionRefused(_("Only providers approved by SIDBI can be assigned requirements."))
    requirement.assigned_provider = provider
    requirement.holder = Holder.PROVIDER
    fields = ["assigned_provider", "holder", *_mark_first_response(requirement, by)]
    _move(requirement, Status.ASSIGNED, by=by, reason=note.strip(), fields=fields)
    notify(
        users=_provider_people(provider),
        kind="desk.assigned",
        title=Msg("New requirement for you: %(ref)s %(title)s", ref=requirement.reference, title=requirement.title),
        link=_link(requirement),
        body=note.strip(),
    )
    notify(
        users=_member_people(requirement),
        kind="desk.assigned",
        title=Msg("Your requirement %(ref)s is now with %(provider)s", ref=requirement.reference, provider=provider),
        link=_link(requirement),
    )
    return requirement


@transaction.atomic
def requirement_forward_to_sidbi(*, requirement: Requirement, by, reason: str) -> Requirement:
    requirement = _locked(requirement)
    if not permissions.is_office(by, requirement):
        raise ActionRefused(_("Only the association's office can forward a requirement to SIDBI."))
    if not reason.strip():
        raise ActionRefused(_("Say why SIDBI should take this up."))
    if requirement.holder == Holder.SIDBI:
        raise ActionRefused(_("SIDBI already holds this requirement."))
    requirement.holder = Holder.SIDBI
    requirement.assigned_provider = None
    fields = ["holder", "assigned_provider", *_mark_first_response(requirement, by)]
    _move(requirement, Status.IN_TRIAGE, by=by, reason=reason.strip(), fields=fields, handover=True)
    notify(
        users=_sidbi_officers(),
        kind="desk.forwarded",
        title=Msg(
            "Forwarded to SIDBI by %(association)s: %(ref)s",
            association=requirement.association.name,
            ref=requirement.reference,
        ),
        link=_link(requirement),
        body=reason.strip(),
    )
    return requirement


@transaction.atomic
def requirement_return_to_desk(*, requirement: Requirement, by, reason: str) -> Requirement:
    """The provider (or SIDBI) hands it back to the association's desk, saying why."""
    requirement = _locked(requirement)
    provider_ids = {p.pk for p in permissions.user_providers(by)}
    holds = requirement.assigned_provider_id in provider_ids or permissions.is_sidbi_holder(by, requirement)
    if not (holds or permissions.is_office(by, requirement)):
        raise ActionRefused(_("Only whoever holds the requirement can return it to the desk."))
    if not reason.strip():
        raise ActionRefused(_("Say why you are returning it."))
    if requirement.status == Status.IN_TRIAGE and requirement.holder == Holder.ASSOCIATION:
        raise ActionRefused(_("It is already on the association's desk."))
    requirement.holder = Holder.ASSOCIATION
    requirement.assigned_provider = None
    _move(
        requirement,
        Status.IN_TRIAGE,
        by=by,
        reason=reason.strip(),
        fields=["holder", "assigned_provider"],
        handover=True,
    )
    Offer.objects.filter(requirement=requirement, status=OfferStatus.OPEN).update(status=OfferStatus.WITHDRAWN)
    notify(
        users=_office_people(requirement),
        kind="desk.returned",
        title=Msg("Returned to your desk: %(ref)s", ref=requirement.reference),
        link=_link(requirement),
        body=reason.strip(),
    )
    return requirement


# ---------------------------------------------------------------- conversation


@transaction.atomic
def message_post(*, requirement: Requirement, by, body: str, internal: bool = False, files=()) -> Message:
    requirement = _locked(requirement)
    if not permissions.can_message(by, requirement):
        raise ActionRefused(_("You cannot write on this requirement."))
    if internal and not permissions.can_see_internal_notes(by, requirement):
        raise ActionRefused(_("Members cannot write internal notes."))
    body = body.strip()
    if not body:
        raise ActionRefused(_("Write a message."))
    validate_attachments(files)
    message = Message.objects.create(requirement=requirement, author=by, body=body, internal=internal)
    _save_attachments(requirement, files, by=by, message=message)
    fields = _mark_first_response(requirement, by)
    if fields:
        requirement.save(update_fields=fields)
    audit(
        actor=by,
        action="requirement.message",
        target=requirement,
        association=requirement.association,
        internal=internal,
    )
    recipients = set(_holder_people(requirement)) | set(_office_people(requirement))
    if not internal:
        recipients |= set(_member_people(requirement))
    recipients.discard(by)
    notify(
        users=recipients,
        kind="desk.message",
        title=Msg("New message on %(ref)s from %(who)s", ref=requirement.reference, who=by),
        link=_link(requirement),
        body=body[:500],
    )
    return message


# ---------------------------------------------------------------- offers


@transaction.atomic
def offer_make(*, requirement: Requirement, by, kind: str, **terms) -> Offer:
    """A provider's loan offer or service quote. The first offer moves the requirement to "offer made"."""
    requirement = _locked(requirement)
    provider = permissions.provider_for(by, requirement)
    if provider is None or not permissions.can_make_offer(by, requirement):
        raise ActionRefused(_("Only a provider holding this requirement, or one it is open to, can make an offer."))
    if kind == OfferKind.LOAN and not requirement.is_financial:
        raise ActionRefused(_("A loan offer answers a financial requirement; make a service quote instead."))
    if kind == OfferKind.LOAN and not terms.get("amount"):
        raise ActionRefused(_("A loan offer needs an amount."))
    if kind == OfferKind.SERVICE and terms.get("price") is None:
        raise ActionRefused(_("A service quote needs a price."))
    offer = Offer.objects.create(requirement=requirement, provider=provider, kind=kind, created_by=by, **terms)
    fields = _mark_first_response(requirement, by)
    if requirement.status != Status.OFFER_MADE:
        _move(requirement, Status.OFFER_MADE, by=by, fields=fields)
    elif fields:
        requirement.save(update_fields=fields)
    audit(actor=by, action="offer.made", target=offer, association=requirement.association, provider=provider.name)
    notify(
        users=_member_people(requirement),
        kind="desk.offer",
        title=Msg("%(provider)s made an offer on %(ref)s", provider=provider.name, ref=requirement.reference),
        link=_link(requirement),
    )
    return offer


@transaction.atomic
def offer_accept(*, offer: Offer, by) -> Offer:
    """The member accepts one offer; every other open offer on the requirement is declined."""
    requirement = _locked(offer.requirement)
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if not permissions.is_member_side(by, requirement):
        raise ActionRefused(_("Only the enterprise's own people can accept an offer."))
    if requirement.accepted_offer_id is not None:
        raise ActionRefused(_("An offer on this requirement has already been accepted."))
    if not requirement.is_open:
        raise ActionRefused(_("This offer is no longer open."))
    OFFER.check(offer.status, OfferStatus.ACCEPTED, refusal=_("This offer is no longer open."))
    now = timezone.now()
    offer.status, offer.decided_at = OfferStatus.ACCEPTED, now
    offer.save(update_fields=["status", "decided_at"])
    declined = list(
        Offer.objects.filter(requirement=requirement, status=OfferStatus.OPEN)
        .exclude(pk=offer.pk)
        .select_related("provider")
    )
    Offer.objects.filter(pk__in=[o.pk for o in declined]).update(status=OfferStatus.DECLINED, decided_at=now)
    requirement.accepted_offer = offer
    requirement.assigned_provider = offer.provider
    requirement.holder = Holder.PROVIDER
    requirement.save(update_fields=["accepted_offer", "assigned_provider", "holder"])
    audit(actor=by, action="offer.accepted", target=offer, association=requirement.association)
    notify(
        users=_provider_people(offer.provider),
        kind="desk.offer_accepted",
        title=Msg("Your offer on %(ref)s was accepted", ref=requirement.reference),
        link=_link(requirement),
    )
    for other in declined:
        notify(
            users=_provider_people(other.provider),
            kind="desk.offer_declined",
            title=Msg("Another offer on %(ref)s was accepted", ref=requirement.reference),
            link=_link(requirement),
            email=False,
        )
    return offer


@transaction.atomic
def offer_decline(*, offer: Offer, by, reason: str = "") -> Offer:
    requirement = _locked(offer.requirement)
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if not permissions.is_member_side(by, requirement):
        raise ActionRefused(_("Only the enterprise's own people can decline an offer."))
    OFFER.check(offer.status, OfferStatus.DECLINED, refusal=_("This offer is no longer open."))
    offer.status, offer.decided_at = OfferStatus.DECLINED, timezone.now()
    offer.save(update_fields=["status", "decided_at"])
    audit(actor=by, action="offer.declined", target=offer, association=requirement.association, reason=reason)
    notify(
        users=_provider_people(offer.provider),
        kind="desk.offer_declined",
        title=Msg("Your offer on %(ref)s was declined", ref=requirement.reference),
        link=_link(requirement),
        body=reason,
    )
    return offer


# ---------------------------------------------------------------- resolution


@transaction.atomic
def requirement_resolve(*, requirement: Requirement, by, rating: int, comment: str = "") -> Requirement:
    """The member confirms the need is met and rates how it was handled (1 to 5)."""
    requirement = _locked(requirement)
    if not permissions.is_member_side(by, requirement):
        raise ActionRefused(_("Only the enterprise's own people can confirm that it is solved."))
    if not 1 <= int(rating) <= 5:
        raise ActionRefused(_("Rate from 1 to 5."))
    requirement.rating = int(rating)
    requirement.rating_comment = comment.strip()
    requirement.resolved_at = timezone.now()
    _move(
        requirement, Status.RESOLVED, by=by, reason=comment.strip(), fields=["rating", "rating_comment", "resolved_at"]
    )
    recipients = set(_office_people(requirement)) | set(_provider_people(requirement.assigned_provider))
    if requirement.holder == Holder.SIDBI:
        recipients |= set(_sidbi_officers())
    notify(
        users=recipients,
        kind="desk.resolved",
        title=Msg("Resolved: %(ref)s, rated %(rating)s/5", ref=requirement.reference, rating=requirement.rating),
        link=_link(requirement),
        body=requirement.rating_comment,
    )
    return requirement


def reopen_deadline(requirement: Requirement):
    return requirement.resolved_at + timedelta(days=settings.DESK_REOPEN_DAYS) if requirement.resolved_at else None


@transaction.atomic
def requirement_reopen(*, requirement: Requirement, by, reason: str) -> Requirement:
    requirement = _locked(requirement)
    if not permissions.is_member_side(by, requirement):
        raise ActionRefused(_("Only the enterprise's own people can reopen it."))
    if not reason.strip():
        raise ActionRefused(_("Say what is still not solved."))
    deadline = reopen_deadline(requirement)
    if requirement.status == Status.RESOLVED and deadline and timezone.now() > deadline:
        raise ActionRefused(
            _("It can be reopened only within %(days)s days of being resolved; please post a new requirement.")
            % {"days": settings.DESK_REOPEN_DAYS}
        )
    requirement.resolved_at = None
    requirement.rating = None
    requirement.escalation_level = 0
    requirement.escalated_at = None
    # The service level counts afresh from the reopening, not from the first posting.
    requirement.clock_started_at = timezone.now()
    _move(
        requirement,
        Status.REOPENED,
        by=by,
        reason=reason.strip(),
        fields=["resolved_at", "rating", "escalation_level", "escalated_at", "clock_started_at"],
    )
    notify(
        users=_holder_people(requirement),
        kind="desk.reopened",
        title=Msg("Reopened by the member: %(ref)s", ref=requirement.reference),
        link=_link(requirement),
        body=reason.strip(),
    )
    return requirement


@transaction.atomic
def requirement_close(*, requirement: Requirement, by=None) -> Requirement:
    """Close a resolved requirement: by its member, or by the system once the reopening period is over."""
    requirement = _locked(requirement)
    if by is not None and not permissions.is_member_side(by, requirement):
        raise ActionRefused(_("Only the enterprise's own people can close it."))
    requirement.closed_at = timezone.now()
    _move(requirement, Status.CLOSED, by=by, fields=["closed_at"])
    return requirement


# ---------------------------------------------------------------- service levels and escalation


def is_overdue(requirement: Requirement, now=None, level: ServiceLevel | None = None) -> bool:
    now = now or timezone.now()
    started = requirement.clock_started_at or requirement.posted_at
    if requirement.status not in OPEN_STATUSES or started is None:
        return False
    level = level or service_level_for(requirement.kind)
    if requirement.first_response_at is None and now > started + level.first_response:
        return True
    return now > started + level.resolution


def escalate_overdue(*, now=None) -> dict:
    """Escalate every overdue open requirement one step; close resolved ones past the reopening period.

    Level 1: the holder and the association's office are told. Level 2 (still overdue one more
    first-response period later): SIDBI officers are told and see it on their desk.
    Each requirement is handled in its own transaction, so one failure does not stop the rest.
    """
    now = now or timezone.now()
    levels = {level.kind: level for level in ServiceLevel.objects.all()}
    escalated = {ESCALATED_TO_ASSOCIATION: 0, ESCALATED_TO_SIDBI: 0, "closed": 0}
    candidates = (
        Requirement.objects.open()
        .filter(escalation_level__lt=ESCALATED_TO_SIDBI)
        .only(
            "pk",
            "kind",
            "status",
            "posted_at",
            "clock_started_at",
            "first_response_at",
            "escalation_level",
            "escalated_at",
        )
    )
    for candidate in candidates.iterator():
        level = levels.get(candidate.kind) or service_level_for(candidate.kind)
        if not is_overdue(candidate, now, level):
            continue
        if (
            candidate.escalation_level == ESCALATED_TO_ASSOCIATION
            and now < candidate.escalated_at + level.first_response
        ):
            continue
        with transaction.atomic():
            requirement = _locked(candidate)
            new_level = requirement.escalation_level + 1
            requirement.escalation_level = new_level
            requirement.escalated_at = now
            requirement.save(update_fields=["escalation_level", "escalated_at"])
            audit(
                actor=None,
                action="requirement.escalated",
                target=requirement,
                association=requirement.association,
                level=new_level,
            )
            if new_level == ESCALATED_TO_ASSOCIATION:
                recipients = set(_holder_people(requirement)) | set(_office_people(requirement))
                title = _("Overdue: %(ref)s is past its service level") % {"ref": requirement.reference}
            else:
                recipients = set(_sidbi_officers()) | set(_holder_people(requirement))
                title = _("Escalated to SIDBI: %(ref)s (%(association)s)") % {
                    "ref": requirement.reference,
                    "association": requirement.association.name,
                }
            notify(users=recipients, kind="desk.escalated", title=title, link=_link(requirement))
            escalated[new_level] += 1
    cutoff = now - timedelta(days=settings.DESK_REOPEN_DAYS)
    for requirement in Requirement.objects.filter(status=Status.RESOLVED, resolved_at__lt=cutoff):
        requirement_close(requirement=requirement, by=None)
        escalated["closed"] += 1
    return {"to_association": escalated[1], "to_sidbi": escalated[2], "closed": escalated["closed"]}
