"""Writes for strategic services: the catalogue, and bookings from request to delivery (into the book) and rating."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.associations.models import MembershipStatus
from portal.associations.roles import office_users
from portal.core.audit import audit
from portal.core.errors import ActionRefused
from portal.core.i18n import Msg
from portal.core.money import to_rupees
from portal.notifications.services import notify
from portal.services import permissions, states
from portal.services.models import Booking, BookingStatus, Service

SERVICE_FIELDS = ("kind", "title", "description", "unit", "price_member", "price_non_member", "published")


def _check_prices(values: dict) -> None:
    for name in ("price_member", "price_non_member"):
        if name in values:
            values[name] = to_rupees(values[name])
            if values[name] < 0:
                raise ActionRefused(_("A price cannot be negative."))


@transaction.atomic
def service_create(*, association, by, **fields) -> Service:
    if not permissions.can_manage_catalogue(by, association):
        raise ActionRefused(_("Only the association's office keeps its catalogue."))
    values = {name: fields[name] for name in SERVICE_FIELDS if name in fields}
    _check_prices(values)
    service = Service.objects.create(association=association, **values)
    audit(actor=by, action="services.service_created", target=service, association=association)
    return service


@transaction.atomic
def service_update(*, service: Service, by, **fields) -> Service:
    if not permissions.can_manage_catalogue(by, service.association):
        raise ActionRefused(_("Only the association's office keeps its catalogue."))
    values = {name: fields[name] for name in SERVICE_FIELDS if name in fields}
    _check_prices(values)
    for name, value in values.items():
        setattr(service, name, value)
    service.save(update_fields=list(values))
    audit(
        actor=by,
        action="services.service_updated",
        target=service,
        association=service.association,
        **{name: str(value) for name, value in values.items() if name.startswith("price") or name == "published"},
    )
    return service


@transaction.atomic
def booking_request(*, service: Service, by, note: str = "", preferred_date: date | None = None) -> Booking:
    """Book a service. Member or not is decided now, from the booker's enterprises, and fixes the price."""
    service = Service.objects.select_related("association").get(pk=service.pk)
    if not permissions.can_book(by, service):
        raise ActionRefused(_("Only people acting for an enterprise can book a published service."))
    if preferred_date is not None and preferred_date < timezone.localdate():
        raise ActionRefused(_("The preferred date cannot be in the past."))
    enterprises = permissions.enterprises_of(by)
    member_enterprise = (
        enterprises.filter(memberships__association=service.association, memberships__status=MembershipStatus.APPROVED)
        .order_by("pk")
        .first()
    )
    enterprise = member_enterprise or enterprises.order_by("pk").first()
    is_member = member_enterprise is not None
    booking = Booking.objects.create(
        service=service,
        association=service.association,
        booked_by=by,
        enterprise=enterprise,
        is_member=is_member,
        price=service.price_for(is_member),
        note=note,
        preferred_date=preferred_date,
    )
    notify(
        users=office_users(service.association, admins_only=False),
        kind="services.requested",
        title=Msg("%(enterprise)s asks for %(service)s", enterprise=enterprise, service=service.title),
        link=booking.get_absolute_url(),
        body=note,
    )
    audit(actor=by, action="services.requested", target=booking, association=service.association)
    return booking


def _locked(booking: Booking) -> Booking:
    return Booking.objects.select_for_update().select_related("service", "association").get(pk=booking.pk)


def _refuse_unless_office(by, booking: Booking) -> None:
    if not permissions.can_handle(by, booking):
        raise ActionRefused(_("Only the office of the association that sells the service handles its bookings."))


def _refuse_unless_allowed(booking: Booking, to_status: str) -> None:
    states.BOOKING.check(
        booking.status,
        to_status,
        refusal=_("This booking is “%(status)s”: that cannot be done now.") % {"status": booking.get_status_display()},
    )


@transaction.atomic
def booking_accept(*, booking: Booking, by) -> Booking:
    booking = _locked(booking)
    _refuse_unless_office(by, booking)
    _refuse_unless_allowed(booking, BookingStatus.ACCEPTED)
    booking.status = BookingStatus.ACCEPTED
    booking.save(update_fields=["status"])
    notify(
        users=[booking.booked_by],
        kind="services.accepted",
        title=Msg(
            "%(association)s accepted your booking: %(service)s",
            association=booking.association.name,
            service=booking.service.title,
        ),
        link=booking.get_absolute_url(),
    )
    audit(actor=by, action="services.accepted", target=booking, association=booking.association)
    return booking


@transaction.atomic
def booking_decline(*, booking: Booking, reason: str, by) -> Booking:
    booking = _locked(booking)
    _refuse_unless_office(by, booking)
    _refuse_unless_allowed(booking, BookingStatus.DECLINED)
    if not reason.strip():
        raise ActionRefused(_("Tell the member why the booking is declined."))
    booking.status = BookingStatus.DECLINED
    booking.decline_reason = reason.strip()
    booking.save(update_fields=["status", "decline_reason"])
    notify(
        users=[booking.booked_by],
        kind="services.declined",
        title=Msg(
            "%(association)s declined your booking: %(service)s",
            association=booking.association.name,
            service=booking.service.title,
        ),
        link=booking.get_absolute_url(),
        body=booking.decline_reason,
    )
    audit(actor=by, action="services.declined", target=booking, association=booking.association, reason=reason)
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking, by) -> Booking:
    booking = _locked(booking)
    if booking.booked_by_id != by.pk:
        raise ActionRefused(_("Only the person who booked can cancel the booking."))
    _refuse_unless_allowed(booking, BookingStatus.CANCELLED)
    booking.status = BookingStatus.CANCELLED
    booking.save(update_fields=["status"])
    audit(actor=by, action="services.cancelled", target=booking, association=booking.association)
    return booking


@transaction.atomic
def booking_deliver(
    *, booking: Booking, by, fee: Decimal | None = None, reason: str = "", delivered_on: date | None = None
) -> Booking:
    """Mark an accepted booking delivered and record its fee in the association's book, exactly once.

    The fee defaults to the price fixed at booking; a different fee needs a reason. A free delivery (fee 0)
    adds nothing to the book.
    """
    from portal.finances.models import IncomeSource
    from portal.finances.services import ledger_record

    booking = _locked(booking)
    _refuse_unless_office(by, booking)
    _refuse_unless_allowed(booking, BookingStatus.DELIVERED)
    fee = booking.price if fee is None else to_rupees(fee)
    if fee < 0:
        raise ActionRefused(_("The fee cannot be negative."))
    reason = reason.strip()
    if fee != booking.price and not reason:
        raise ActionRefused(_("Say why the fee differs from the price of %(price)s.") % {"price": booking.price})
    today = timezone.localdate()
    delivered_on = delivered_on or today
    if delivered_on > today:
        raise ActionRefused(_("A delivery date cannot be in the future."))
    booking.status = BookingStatus.DELIVERED
    booking.fee, booking.fee_reason, booking.delivered_on = fee, reason, delivered_on
    booking.save(update_fields=["status", "fee", "fee_reason", "delivered_on"])
    if fee > 0:
        ledger_record(
            association=booking.association,
            direction="income",
            category=IncomeSource.SERVICE_FEES,
            amount=fee,
            on_date=delivered_on,
            description=_("%(service)s for %(enterprise)s")
            % {"service": booking.service.title, "enterprise": booking.enterprise or booking.booked_by},
            reference=booking.reference,
            by=by,
        )
    notify(
        users=[booking.booked_by],
        kind="services.delivered",
        title=Msg("%(service)s delivered: please rate it", service=booking.service.title),
        link=booking.get_absolute_url(),
    )
    audit(actor=by, action="services.delivered", target=booking, association=booking.association, fee=str(fee))
    return booking


@transaction.atomic
def booking_rate(*, booking: Booking, rating: int, comment: str = "", by) -> Booking:
    booking = _locked(booking)
    if booking.booked_by_id != by.pk:
        raise ActionRefused(_("Only the person who booked can rate the service."))
    if booking.status != BookingStatus.DELIVERED:
        raise ActionRefused(_("A service can be rated once it has been delivered."))
    if booking.rating is not None:
        raise ActionRefused(_("You have already rated this booking."))
    if rating not in range(1, 6):
        raise ActionRefused(_("Choose a rating from 1 to 5."))
    booking.rating, booking.rating_comment, booking.rated_at = rating, comment.strip(), timezone.now()
    booking.save(update_fields=["rating", "rating_comment", "rated_at"])
    audit(actor=by, action="services.rated", target=booking, association=booking.association, rating=rating)
    return booking
