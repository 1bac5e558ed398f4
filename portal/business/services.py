"""Writes for member-to-member business: products, capacity, connections, leads, interests, messages, reports."""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.business import permissions, states
from portal.business.models import (
    MESSAGE_MAX_LENGTH,
    Block,
    Capacity,
    Connection,
    ConnectionStatus,
    Conversation,
    Interest,
    InterestStatus,
    Lead,
    Message,
    Product,
    Report,
    ReportStatus,
)
from portal.core.audit import audit
from portal.core.errors import ActionRefused
from portal.core.i18n import Msg
from portal.enterprises.models import Enterprise
from portal.notifications.services import notify

LEAD_MAX_DAYS = 365


def _people(enterprise: Enterprise, *, exclude=None):
    users = [person.user for person in enterprise.people.select_related("user")]
    return [user for user in users if exclude is None or user.pk != exclude.pk]


def _refuse_unless_editor(enterprise: Enterprise, by) -> None:
    if not permissions.can_edit_offer(by, enterprise):
        raise ActionRefused(_("Only the enterprise's own people can change its products and capacity."))


# Products and capacity


@transaction.atomic
def product_add(*, enterprise: Enterprise, name: str, description: str = "", sector=None, hs_code: str = "", by):
    _refuse_unless_editor(enterprise, by)
    try:
        with transaction.atomic():
            product = Product.objects.create(
                enterprise=enterprise, name=name.strip(), description=description, sector=sector, hs_code=hs_code
            )
    except IntegrityError as exc:
        raise ActionRefused(_("This product is already listed.")) from exc
    audit(actor=by, action="business.product_added", target=product, enterprise=enterprise.pk)
    return product


@transaction.atomic
def product_update(*, product: Product, name: str, description: str = "", sector=None, hs_code: str = "", by):
    _refuse_unless_editor(product.enterprise, by)
    product.name, product.description, product.sector, product.hs_code = name.strip(), description, sector, hs_code
    try:
        with transaction.atomic():
            product.save(update_fields=["name", "description", "sector", "hs_code"])
    except IntegrityError as exc:
        raise ActionRefused(_("This product is already listed.")) from exc
    audit(actor=by, action="business.product_updated", target=product, enterprise=product.enterprise_id)
    return product


@transaction.atomic
def product_remove(*, product: Product, by) -> None:
    _refuse_unless_editor(product.enterprise, by)
    audit(actor=by, action="business.product_removed", target=product, enterprise=product.enterprise_id)
    product.delete()


@transaction.atomic
def capacity_set(
    *,
    enterprise: Enterprise,
    monthly_capacity: Decimal,
    unit: str,
    spare_available: bool,
    machines: str = "",
    by,
) -> Capacity:
    _refuse_unless_editor(enterprise, by)
    if monthly_capacity < 0:
        raise ActionRefused(_("The capacity cannot be negative."))
    capacity, _created = Capacity.objects.update_or_create(
        enterprise=enterprise,
        defaults={
            "monthly_capacity": monthly_capacity,
            "unit": unit.strip(),
            "spare_available": spare_available,
            "machines": machines,
            "updated_at": timezone.now(),
        },
    )
    audit(
        actor=by,
        action="business.capacity_set",
        target=capacity,
        monthly_capacity=str(monthly_capacity),
        spare=spare_available,
    )
    return capacity


# Connections


@transaction.atomic
def connection_request(*, from_enterprise: Enterprise, to_enterprise: Enterprise, note: str = "", by) -> Connection:
    """Ask another member enterprise to connect; the asked enterprise's people decide."""
    if from_enterprise.pk not in permissions.member_enterprise_ids(by):
        raise ActionRefused(_("You can connect only for an enterprise you act for that is a member of an association."))
    if from_enterprise.pk == to_enterprise.pk:
        raise ActionRefused(_("An enterprise cannot connect with itself."))
    if not permissions.directory_enterprises().filter(pk=to_enterprise.pk).exists():
        raise ActionRefused(_("This enterprise is not in the business directory."))
    # Lock both enterprises in a fixed order so two opposite requests at once cannot both create a row.
    list(Enterprise.objects.select_for_update().filter(pk__in=[from_enterprise.pk, to_enterprise.pk]).order_by("pk"))
    existing = Connection.objects.between(from_enterprise, to_enterprise).first()
    if existing is not None:
        if existing.status == ConnectionStatus.ACCEPTED:
            raise ActionRefused(_("You are already connected with %(name)s.") % {"name": to_enterprise.name})
        if existing.status == ConnectionStatus.REQUESTED:
            if existing.requester_id == from_enterprise.pk:
                raise ActionRefused(_("Your request is already waiting for %(name)s.") % {"name": to_enterprise.name})
            raise ActionRefused(
                _("%(name)s has already asked to connect with you: accept their request instead.")
                % {"name": to_enterprise.name}
            )
        if existing.requester_id == from_enterprise.pk:
            raise ActionRefused(_("%(name)s declined your request to connect.") % {"name": to_enterprise.name})
        # The side that declined may ask later: the pair's one row is turned round.
        connection = existing
        connection.requester, connection.target = from_enterprise, to_enterprise
        connection.status, connection.note, connection.requested_by = ConnectionStatus.REQUESTED, note, by
        connection.created_at, connection.decided_at, connection.decided_by = timezone.now(), None, None
        connection.save()
    else:
        connection = Connection.objects.create(
            requester=from_enterprise, target=to_enterprise, note=note, requested_by=by
        )
    audit(actor=by, action="business.connection_requested", target=connection)
    notify(
        users=_people(to_enterprise),
        kind="business.connection",
        title=Msg("%(name)s would like to connect", name=from_enterprise.name),
        link=reverse("business:connections"),
        body=note,
    )
    return connection


def _accept(connection: Connection, by) -> Connection:
    connection.status, connection.decided_by, connection.decided_at = ConnectionStatus.ACCEPTED, by, timezone.now()
    connection.save(update_fields=["status", "decided_by", "decided_at"])
    return connection


@transaction.atomic
def connection_decide(*, connection: Connection, accept: bool, by) -> Connection:
    connection = Connection.objects.select_for_update().select_related("requester", "target").get(pk=connection.pk)
    if connection.target_id not in permissions.member_enterprise_ids(by):
        raise ActionRefused(_("Only the people of the enterprise that was asked can decide."))
    # Only a pending request is decided here (accepting an interest may also connect a declined pair).
    if connection.status != ConnectionStatus.REQUESTED:
        raise ActionRefused(_("This request has already been decided."))
    states.CONNECTION.check(connection.status, ConnectionStatus.ACCEPTED if accept else ConnectionStatus.DECLINED)
    if accept:
        _accept(connection, by)
        notify(
            users=_people(connection.requester),
            kind="business.connection_accepted",
            title=Msg("%(name)s accepted your request to connect", name=connection.target.name),
            link=reverse("business:enterprise", args=[connection.target_id]),
        )
    else:
        connection.status, connection.decided_by, connection.decided_at = (
            ConnectionStatus.DECLINED,
            by,
            timezone.now(),
        )
        connection.save(update_fields=["status", "decided_by", "decided_at"])
    audit(
        actor=by, action="business.connection_accepted" if accept else "business.connection_declined", target=connection
    )
    return connection


def _connect(first: Enterprise, second: Enterprise, *, note: str, by) -> Connection:
    """Make sure the two enterprises are connected (accepting an interest is the poster's consent)."""
    list(Enterprise.objects.select_for_update().filter(pk__in=[first.pk, second.pk]).order_by("pk"))
    connection = Connection.objects.between(first, second).first()
    if connection is None:
        connection = Connection.objects.create(requester=first, target=second, note=note, requested_by=by)
    if states.CONNECTION.allows(connection.status, ConnectionStatus.ACCEPTED):
        _accept(connection, by)
        audit(actor=by, action="business.connection_accepted", target=connection)
    return connection


# Leads and interests


@transaction.atomic
def lead_post(
    *,
    enterprise: Enterprise,
    kind: str,
    title: str,
    sector,
    state,
    district: str = "",
    description: str,
    expires_on: date,
    by,
) -> Lead:
    if enterprise.pk not in permissions.member_enterprise_ids(by):
        raise ActionRefused(_("Leads can be posted only for your enterprise, once it is a member of an association."))
    today = timezone.localdate()
    if expires_on < today:
        raise ActionRefused(_("The expiry date has passed: choose today or a later date."))
    if (expires_on - today).days > LEAD_MAX_DAYS:
        raise ActionRefused(_("A lead can run for a year at most."))
    lead = Lead.objects.create(
        enterprise=enterprise,
        posted_by=by,
        kind=kind,
        title=title.strip(),
        sector=sector,
        state=state,
        district=district.strip(),
        description=description,
        expires_on=expires_on,
    )
    audit(actor=by, action="business.lead_posted", target=lead)
    return lead


@transaction.atomic
def lead_close(*, lead: Lead, by) -> Lead:
    if not permissions.is_poster(by, lead):
        raise ActionRefused(_("Only the poster can close this lead."))
    if lead.closed_at is not None:
        raise ActionRefused(_("This lead is already closed."))
    lead.closed_at = timezone.now()
    lead.save(update_fields=["closed_at"])
    audit(actor=by, action="business.lead_closed", target=lead)
    return lead


@transaction.atomic
def interest_express(*, lead: Lead, enterprise: Enterprise, message: str, by) -> Interest:
    lead = Lead.objects.select_for_update().select_related("enterprise").get(pk=lead.pk)
    if enterprise.pk not in permissions.member_enterprise_ids(by):
        raise ActionRefused(_("You can answer only for your enterprise, once it is a member of an association."))
    if enterprise.pk == lead.enterprise_id:
        raise ActionRefused(_("This is your own lead."))
    if not lead.is_live():
        raise ActionRefused(_("This lead has expired or was closed."))
    if not message.strip():
        raise ActionRefused(_("Write a message to the poster."))
    try:
        with transaction.atomic():
            interest = Interest.objects.create(lead=lead, enterprise=enterprise, by=by, message=message.strip())
    except IntegrityError as exc:
        raise ActionRefused(_("Your enterprise has already shown interest in this lead.")) from exc
    audit(actor=by, action="business.interest_expressed", target=interest, lead=lead.pk)
    notify(
        users=_people(lead.enterprise),
        kind="business.interest",
        title=Msg("%(name)s is interested in your lead: %(title)s", name=enterprise.name, title=lead.title),
        link=lead.get_absolute_url(),
        body=message,
    )
    return interest


@transaction.atomic
def interest_accept(*, interest: Interest, by) -> Interest:
    """The poster accepts an interest: the two enterprises are connected and their people can message."""
    interest = Interest.objects.select_for_update().select_related("lead__enterprise", "enterprise").get(pk=interest.pk)
    lead = interest.lead
    if not permissions.is_poster(by, lead):
        raise ActionRefused(_("Only the poster can accept interests in this lead."))
    states.INTEREST.check(
        interest.status, InterestStatus.ACCEPTED, refusal=_("You have already accepted this interest.")
    )
    interest.status, interest.accepted_at = InterestStatus.ACCEPTED, timezone.now()
    interest.save(update_fields=["status", "accepted_at"])
    _connect(interest.enterprise, lead.enterprise, note=interest.message, by=by)
    audit(actor=by, action="business.interest_accepted", target=interest, lead=lead.pk)
    notify(
        users=_people(interest.enterprise),
        kind="business.accepted",
        title=Msg("%(name)s accepted your interest in: %(title)s", name=lead.enterprise.name, title=lead.title),
        link=reverse("business:enterprise", args=[lead.enterprise_id]),
    )
    return interest


# Messages


def _refuse_unless_may_message(sender, recipient) -> Connection:
    if sender.pk == recipient.pk:
        raise ActionRefused(_("You cannot message yourself."))
    if permissions.is_blocked(blocker=recipient, blocked=sender):
        raise ActionRefused(_("You cannot message this person: they have blocked you."))
    if permissions.is_blocked(blocker=sender, blocked=recipient):
        raise ActionRefused(_("You have blocked this person. Unblock them to write again."))
    connection = permissions.connection_between_users(sender, recipient)
    if connection is None:
        raise ActionRefused(_("You can message only people of enterprises you are connected with."))
    return connection


@transaction.atomic
def conversation_open(*, with_user, by) -> Conversation:
    """The conversation between two people of connected enterprises (created on first use)."""
    connection = _refuse_unless_may_message(by, with_user)
    low, high = sorted([by, with_user], key=lambda user: user.pk)
    conversation = Conversation.objects.filter(user_low=low, user_high=high).first()
    if conversation is None:
        try:
            with transaction.atomic():
                conversation = Conversation.objects.create(user_low=low, user_high=high, connection=connection)
        except IntegrityError:
            conversation = Conversation.objects.get(user_low=low, user_high=high)
        else:
            audit(actor=by, action="business.conversation_started", target=conversation)
    return conversation


@transaction.atomic
def message_send(*, conversation: Conversation, body: str, by) -> Message:
    if not conversation.has_participant(by):
        raise ActionRefused(_("You are not part of this conversation."))
    body = body.strip()
    if not body:
        raise ActionRefused(_("Write a message first."))
    if len(body) > MESSAGE_MAX_LENGTH:
        raise ActionRefused(
            _("A message can be %(max)d characters at most (this one has %(n)d).")
            % {"max": MESSAGE_MAX_LENGTH, "n": len(body)}
        )
    recipient = get_user_model().objects.get(pk=conversation.other_user_id(by))
    _refuse_unless_may_message(by, recipient)
    now = timezone.now()
    message = Message.objects.create(conversation=conversation, sender=by, body=body, created_at=now)
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    # No audit row per message (the message is its own record); moderation acts are audited.
    return message


def conversation_mark_read(*, conversation: Conversation, by) -> int:
    """Mark the other person's messages as read by ``by``; returns how many changed."""
    return (
        Message.objects.filter(conversation=conversation, read_at__isnull=True)
        .exclude(sender=by)
        .update(read_at=timezone.now())
    )


@transaction.atomic
def user_block(*, user, by) -> Block:
    if user.pk == by.pk:
        raise ActionRefused(_("You cannot block yourself."))
    block, created = Block.objects.get_or_create(blocker=by, blocked=user)
    if not created:
        raise ActionRefused(_("You have already blocked this person."))
    audit(actor=by, action="business.user_blocked", target=block, blocked=user.pk)
    return block


@transaction.atomic
def user_unblock(*, user, by) -> None:
    deleted, _rows = Block.objects.filter(blocker=by, blocked=user).delete()
    if not deleted:
        raise ActionRefused(_("This person is not blocked."))
    audit(actor=by, action="business.user_unblocked", target=user)


@transaction.atomic
def message_report(*, message: Message, reason: str, by) -> Report:
    """Report a message to the platform admins; only a participant may, and not their own message."""
    if not message.conversation.has_participant(by):
        raise ActionRefused(_("You are not part of this conversation."))
    if message.sender_id == by.pk:
        raise ActionRefused(_("You cannot report your own message."))
    if not reason.strip():
        raise ActionRefused(_("Say briefly what is wrong with this message."))
    try:
        with transaction.atomic():
            report = Report.objects.create(message=message, reporter=by, reason=reason.strip())
    except IntegrityError as exc:
        raise ActionRefused(_("You have already reported this message.")) from exc
    audit(actor=by, action="business.message_reported", target=report, message=message.pk)
    admins = get_user_model().objects.filter(is_superuser=True, is_active=True)
    notify(
        users=admins,
        kind="business.report",
        title=_("A message was reported"),
        link=reverse("business:reports"),
        email=False,
    )
    return report


@transaction.atomic
def report_resolve(*, report: Report, resolution: str, by) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not permissions.can_handle_reports(by):
        raise ActionRefused(_("Only platform admins handle reports."))
    states.REPORT.check(report.status, ReportStatus.RESOLVED, refusal=_("This report has already been resolved."))
    report.status, report.resolution = ReportStatus.RESOLVED, resolution.strip()
    report.resolved_by, report.resolved_at = by, timezone.now()
    report.save(update_fields=["status", "resolution", "resolved_by", "resolved_at"])
    audit(actor=by, action="business.report_resolved", target=report, resolution=report.resolution)
    return report
