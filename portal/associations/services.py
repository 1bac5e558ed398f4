"""Writes for associations: registration and review, memberships, invitations, member imports.

Every function here runs in one transaction and writes an audit record with the change.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.associations import states
from portal.associations.models import (
    Association,
    AssociationStaff,
    AssociationStatusChange,
    Invitation,
    MemberImport,
    Membership,
    MembershipStatus,
    OfficeBearer,
    StaffRole,
    Status,
)
from portal.associations.permissions import check_edit_application, check_manage, check_review
from portal.core.audit import audit
from portal.core.errors import ActionRefused
from portal.core.i18n import in_language_of
from portal.core.models import Sector, State
from portal.core.tasks import send_email
from portal.enterprises.models import Enterprise, EnterpriseRole, EnterpriseUser

# The association review state machine: which status may follow which, and who moves it.
REVIEW_DECISIONS = {
    "approve": Status.APPROVED,
    "reject": Status.REJECTED,
    "request_info": Status.INFO_REQUESTED,
}
RESERVED_SLUGS = {"register", "review", "invitations"}


def unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "association"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Association.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _change_status(*, association: Association, to_status: str, by, reason: str) -> None:
    from_status = association.status
    states.ASSOCIATION.check(from_status, to_status)
    association.status = to_status
    fields = ["status"]
    if to_status == Status.APPROVED:
        association.approved_at = timezone.now()
        fields.append("approved_at")
    association.save(update_fields=fields)
    AssociationStatusChange.objects.create(
        association=association, from_status=from_status, to_status=to_status, by=by, reason=reason
    )
    audit(
        actor=by,
        action=f"association.{to_status}",
        target=association,
        association=association,
        reason=reason,
        from_status=from_status,
        to_status=to_status,
    )


@dataclass(frozen=True)
class OfficeBearerDetails:
    """One office-bearer as the application lists them."""

    name: str
    designation: str
    phone: str
    email: str


@dataclass(frozen=True)
class AssociationApplication:
    """What an association says about itself when it applies (the application form's fields, validated)."""

    name: str
    legal_form: str
    registration_number: str
    pan: str
    year_founded: int
    cluster_name: str
    state: State
    district: str
    address: str
    pin_code: str
    approx_member_count: int
    registration_certificate: File
    gstin: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    about: str = ""
    sectors: Sequence[Sector] = ()

    @classmethod
    def from_values(cls, values: Mapping) -> "AssociationApplication":
        return cls(**{name: values[name] for name in cls.__dataclass_fields__ if name in values})

    def fields(self) -> dict:
        """The association's own columns (sectors are a many-to-many, set apart)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "sectors"}


def _set_office_bearers(association: Association, office_bearers: Sequence[OfficeBearerDetails]) -> None:
    """The association's office-bearers become exactly the ones listed."""
    association.office_bearers.all().delete()
    OfficeBearer.objects.bulk_create(OfficeBearer(association=association, **vars(bearer)) for bearer in office_bearers)


@transaction.atomic
def association_register(
    *, application: AssociationApplication, office_bearers: Sequence[OfficeBearerDetails], by
) -> Association:
    """Save a new application with its office-bearers; the applicant becomes its admin."""
    if not office_bearers:
        raise ActionRefused(_("List at least one office-bearer."))
    association = Association(**application.fields())
    association.slug = unique_slug(association.name)
    association.created_by = by
    association.status = Status.SUBMITTED
    try:
        with transaction.atomic():
            association.save()
    except IntegrityError as exc:
        # Two applicants racing with the same PAN: the database's unique constraint decides.
        # The certificate was written to storage before the refused insert: remove it, keep nothing half-saved.
        association.registration_certificate.delete(save=False)
        raise ActionRefused(_("An association with this PAN or registration number is already registered.")) from exc
    association.sectors.set(application.sectors)
    _set_office_bearers(association, office_bearers)
    AssociationStaff.objects.create(association=association, user=by, role=StaffRole.ADMIN)
    AssociationStatusChange.objects.create(
        association=association, from_status="", to_status=Status.SUBMITTED, by=by, reason=_("Application submitted")
    )
    audit(actor=by, action="association.registered", target=association, association=association)
    _notify_reviewers(association)
    return association


def _save_application(association, application: AssociationApplication, office_bearers) -> Association:
    if not office_bearers:
        raise ActionRefused(_("List at least one office-bearer."))
    values = application.fields()
    for name, value in values.items():
        setattr(association, name, value)
    association.save(update_fields=list(values))
    association.sectors.set(application.sectors)
    _set_office_bearers(association, office_bearers)
    return association


@transaction.atomic
def association_resubmit(
    *,
    association: Association,
    application: AssociationApplication,
    office_bearers: Sequence[OfficeBearerDetails],
    by,
    answer: str,
) -> Association:
    """The applicant answers a request for information and sends the application back for review."""
    association = Association.objects.select_for_update().get(pk=association.pk)
    check_edit_application(by, association)
    states.ASSOCIATION.check(
        association.status, Status.SUBMITTED, refusal=_("This application is not waiting for more information.")
    )
    association = _save_application(association, application, office_bearers)
    _change_status(association=association, to_status=Status.SUBMITTED, by=by, reason=answer)
    _notify_reviewers(association)
    return association


@transaction.atomic
def association_update_pending(
    *,
    association: Association,
    application: AssociationApplication,
    office_bearers: Sequence[OfficeBearerDetails],
    by,
) -> Association:
    """Correct an application still waiting for review (status does not change)."""
    association = Association.objects.select_for_update().get(pk=association.pk)
    check_edit_application(by, association)
    if association.status != Status.SUBMITTED:
        raise ActionRefused(_("This application can no longer be changed."))
    association = _save_application(association, application, office_bearers)
    audit(actor=by, action="association.application_edited", target=association, association=association)
    return association


@transaction.atomic
def association_review(*, association: Association, by, decision: str, reason: str = "") -> Association:
    """A SIDBI officer approves, rejects (with a reason) or asks for more information (with a question)."""
    check_review(by)
    if decision not in REVIEW_DECISIONS:
        raise ActionRefused(_("Unknown decision."))
    reason = reason.strip()
    if decision != "approve" and not reason:
        raise ActionRefused(_("Say why, so that the applicant knows what to do."))
    association = Association.objects.select_for_update().get(pk=association.pk)
    _change_status(association=association, to_status=REVIEW_DECISIONS[decision], by=by, reason=reason)
    _notify_applicants(association, reason)
    return association


def _notify_reviewers(association: Association) -> None:
    from portal.accounts.models import SidbiRole, User

    link = settings.SITE_URL + reverse("associations:review", args=[association.slug])
    for officer in User.objects.filter(sidbi_role=SidbiRole.OFFICER, is_active=True).only("email", "language"):
        with in_language_of(officer):  # each officer reads it in their own language
            subject = _("[DIA Portal] Application to review: %(name)s") % {"name": association.name}
            body = _("%(name)s (%(state)s) is waiting for review: %(link)s") % {
                "name": association.name,
                "state": association.state.display_name,
                "link": link,
            }
        _queue_email(subject=subject, body=body, to=[officer.email])


def _queue_email(*, subject: str, body: str, to: list[str]) -> None:
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=to))


def _notify_applicants(association: Association, reason: str) -> None:
    link = settings.SITE_URL + association.get_absolute_url()
    for staff in association.staff.select_related("user"):
        with in_language_of(staff.user):  # each of the association's people in their own language
            body = render_to_string(
                "associations/email/status_changed.txt", {"association": association, "reason": reason, "link": link}
            )
            subject = _("[DIA Portal] Your application: %(status)s") % {"status": association.get_status_display()}
        _queue_email(subject=subject, body=body, to=[staff.user.email])


@transaction.atomic
def membership_request(*, enterprise: Enterprise, association: Association, by, message: str = "") -> Membership:
    if not association.is_approved:
        raise ActionRefused(_("This association is not verified yet and cannot take members."))
    existing = Membership.objects.select_for_update().filter(association=association, enterprise=enterprise).first()
    if existing is not None:
        if states.MEMBERSHIP.allows(existing.status, MembershipStatus.REQUESTED):
            existing.status = MembershipStatus.REQUESTED
            existing.message = message
            existing.decided_at = None
            existing.decided_by = None
            existing.save(update_fields=["status", "message", "decided_at", "decided_by"])
            audit(actor=by, action="membership.requested_again", target=existing, association=association)
            return existing
        raise ActionRefused(
            _("%(enterprise)s has already asked to join or is a member (%(status)s).")
            % {"enterprise": enterprise.name, "status": existing.get_status_display()}
        )
    membership = Membership.objects.create(association=association, enterprise=enterprise, message=message)
    audit(actor=by, action="membership.requested", target=membership, association=association)
    return membership


@transaction.atomic
def membership_decide(*, membership: Membership, by, approve: bool, reason: str = "") -> Membership:
    """An office-bearer approves or declines a join request; a second decision on the same request is refused."""
    membership = Membership.objects.select_for_update().select_related("association").get(pk=membership.pk)
    check_manage(by, membership.association)
    to_status = MembershipStatus.APPROVED if approve else MembershipStatus.DECLINED
    # Only a pending request is decided here (an invitation may also admit a declined enterprise: the table
    # allows that move, but not by this decision).
    refusal = _("This request has already been decided.")
    if membership.status != MembershipStatus.REQUESTED:
        raise ActionRefused(refusal)
    states.MEMBERSHIP.check(membership.status, to_status, refusal=refusal)
    membership.status = to_status
    membership.decided_by = by
    membership.decided_at = timezone.now()
    membership.decision_reason = reason.strip()
    membership.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    audit(
        actor=by,
        action="membership.approved" if approve else "membership.declined",
        target=membership,
        association=membership.association,
        reason=membership.decision_reason,
    )
    return membership


def _send_invitation(invitation: Invitation) -> None:
    link = settings.SITE_URL + reverse("associations:invitation", args=[invitation.token])
    body = render_to_string("associations/email/invitation.txt", {"invitation": invitation, "link": link})
    transaction.on_commit(
        lambda: send_email.enqueue(
            subject=_("[DIA Portal] %(association)s invites you to join")
            % {"association": invitation.association.name},
            body=body,
            to=[invitation.email],
        )
    )


@transaction.atomic
def invitation_create(*, association: Association, email: str, by, enterprise: Enterprise | None = None) -> Invitation:
    email = email.strip().lower()
    open_invite = Invitation.objects.filter(association=association, email=email, accepted_at__isnull=True).first()
    if open_invite is not None:
        return open_invite
    invitation = Invitation.objects.create(association=association, email=email, invited_by=by, enterprise=enterprise)
    audit(actor=by, action="invitation.sent", target=invitation, association=association, email=email)
    _send_invitation(invitation)
    return invitation


def _has_verified_email(user, email: str) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


@transaction.atomic
def invitation_accept(*, invitation: Invitation, by, enterprise: Enterprise) -> Membership:
    """Accepting an invitation makes the enterprise a member at once: the association asked for it."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ActionRefused(_("This invitation has already been used."))
    if not invitation.association.is_approved:
        raise ActionRefused(_("This association is not verified and cannot take members."))
    if invitation.enterprise_id and invitation.enterprise_id != enterprise.pk:
        raise ActionRefused(_("This invitation is for another enterprise."))
    people = EnterpriseUser.objects.filter(enterprise=enterprise)
    if not people.filter(user=by).exists():
        if people.exists():
            raise ActionRefused(_("You do not act for this enterprise."))
        # An imported enterprise with nobody yet: the invited person claims it as owner. Ownership
        # goes only to someone who proved the invited address (a forwarded link is not enough).
        if not _has_verified_email(by, invitation.email):
            raise ActionRefused(
                _("Only the person invited at %(email)s can take charge of this enterprise. Log in with that address.")
                % {"email": invitation.email}
            )
        EnterpriseUser.objects.create(enterprise=enterprise, user=by, role=EnterpriseRole.OWNER)
        audit(actor=by, action="enterprise.claimed", target=enterprise, via_invitation=invitation.pk)
    membership, _created = Membership.objects.select_for_update().get_or_create(
        association=invitation.association, enterprise=enterprise
    )
    if states.MEMBERSHIP.allows(membership.status, MembershipStatus.APPROVED):
        membership.status = MembershipStatus.APPROVED
        membership.decided_by = invitation.invited_by
        membership.decided_at = timezone.now()
        membership.decision_reason = _("Invited by the association")
        membership.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    invitation.accepted_at = timezone.now()
    invitation.enterprise = enterprise
    invitation.save(update_fields=["accepted_at", "enterprise"])
    audit(actor=by, action="invitation.accepted", target=membership, association=invitation.association)
    return membership


@transaction.atomic
def member_import_start(*, association: Association, uploaded, by) -> MemberImport:
    from portal.associations.tasks import process_member_import

    member_import = MemberImport.objects.create(
        association=association, file=uploaded, original_name=uploaded.name[:200], uploaded_by=by
    )
    audit(actor=by, action="member_import.uploaded", target=member_import, association=association)
    transaction.on_commit(lambda: process_member_import.enqueue(import_id=member_import.pk))
    return member_import
