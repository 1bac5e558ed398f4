"""Writes on pooled demands. Each runs in one transaction, re-reads the pooled demand under a lock (so that
a commitment and a closing cannot interleave), checks the rules, writes an audit record and tells people.
"""

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal.accounts.models import User
from portal.associations.models import Association, MembershipStatus
from portal.associations.roles import office_users
from portal.core.audit import audit
from portal.core.errors import ActionRefused
from portal.core.i18n import Msg
from portal.core.money import format_inr
from portal.enterprises.models import Enterprise
from portal.notifications.services import notify
from portal.pooling import exports, permissions, states
from portal.pooling.models import (
    MAX_OPEN_DAYS,
    MAX_PRICE,
    MAX_QUANTITY,
    MIN_PRICE,
    Category,
    Commitment,
    PooledDemand,
    Status,
)

QUANTUM = Decimal("0.001")


# ---------------------------------------------------------------- checks


def _when(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "j M Y, H:i")


def _decimal(value, *, field: str) -> Decimal:
    if isinstance(value, float):
        raise TypeError("Quantities and prices are never floats; pass a Decimal or a string.")
    try:
        number = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError):
        raise ActionRefused(_("Enter a number for the %(field)s.") % {"field": field}, code="invalid") from None
    if not number.is_finite():
        raise ActionRefused(_("Enter a number for the %(field)s.") % {"field": field}, code="invalid")
    return number


def clean_quantity(value, *, field: str = "quantity") -> Decimal:
    """A positive quantity of at most a billion units, kept to three decimals."""
    number = _decimal(value, field=field)
    # Compare before rounding: quantize() fails on huge exponents such as 1e400000.
    if number > MAX_QUANTITY:
        raise ActionRefused(
            _("The %(field)s can be at most 1,000,000,000: check for extra zeros.") % {"field": field},
            code="too_large",
        )
    quantity = number.quantize(QUANTUM, rounding=ROUND_HALF_UP)
    if quantity <= 0:
        raise ActionRefused(_("The %(field)s must be more than zero.") % {"field": field}, code="not_positive")
    return quantity


def clean_price(value) -> Decimal:
    number = _decimal(value, field=_("price"))
    if number > MAX_PRICE:
        raise ActionRefused(
            _("The price per unit can be at most %(max)s: check for extra zeros.") % {"max": format_inr(MAX_PRICE)},
            code="too_large",
        )
    price = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if price < MIN_PRICE:
        raise ActionRefused(_("The negotiated price must be more than zero."), code="not_positive")
    return price


def clean_closes_at(value: datetime, *, now: datetime | None = None) -> datetime:
    now = now or timezone.now()
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value <= now:
        raise ActionRefused(_("The closing date must be in the future."), code="past")
    if value > now + timedelta(days=MAX_OPEN_DAYS):
        raise ActionRefused(_("The closing date can be at most a year from today."), code="too_far")
    return value


def _locked(pooled_demand: PooledDemand) -> PooledDemand:
    """Re-read the row under a lock: whoever holds it sees the latest status and commitments."""
    return PooledDemand.objects.select_for_update().select_related("association").get(pk=pooled_demand.pk)


def _check_accepting(pooled_demand: PooledDemand, now: datetime) -> None:
    if pooled_demand.status == Status.CANCELLED:
        raise ActionRefused(_("This pooled demand was cancelled: commitments can no longer be changed."), code="closed")
    if pooled_demand.status != Status.OPEN or pooled_demand.closes_at <= now:
        raise ActionRefused(
            _("This pooled demand closed on %(when)s: commitments can no longer be made or changed.")
            % {"when": _when(pooled_demand.closed_at or pooled_demand.closes_at)},
            code="closed",
        )


def _check_manager(by, association: Association, *, automatic_allowed: bool = False) -> None:
    """The office-bearers' actions; ``by=None`` is the scheduled task, allowed only where it says so."""
    if by is None and automatic_allowed:
        return
    if by is None or not permissions.can_manage(by, association):
        raise PermissionDenied(_("Only the association's office-bearers can do this."))


# ---------------------------------------------------------------- who to tell


def member_users(association: Association):
    """Everyone who acts for an approved member enterprise of the association."""
    return User.objects.filter(
        is_active=True,
        enterprise_roles__enterprise__memberships__association=association,
        enterprise_roles__enterprise__memberships__status=MembershipStatus.APPROVED,
    ).distinct()


def committed_users(pooled_demand: PooledDemand):
    return User.objects.filter(
        is_active=True, enterprise_roles__enterprise__pooled_commitments__pooled_demand=pooled_demand
    ).distinct()


def _totals(pooled_demand: PooledDemand) -> dict:
    total = pooled_demand.total_committed()
    return {"total": str(total), "count": pooled_demand.commitments.count()}


# ---------------------------------------------------------------- the office's actions


@transaction.atomic
def pooled_demand_open(
    *,
    association: Association,
    title: str,
    unit: str,
    target_quantity,
    closes_at: datetime,
    by,
    description: str = "",
    category: str = Category.OTHER,
) -> PooledDemand:
    """Open a pooled demand for the association's members to commit to, and tell them."""
    _check_manager(by, association)
    title, unit = " ".join((title or "").split()), " ".join((unit or "").split())
    if not title:
        raise ActionRefused(_("Give the pooled demand a title."), code="required")
    if not unit:
        raise ActionRefused(
            _("Say in which unit members commit (for example kg, tests, stall share)."), code="required"
        )
    if category not in Category.values:
        raise ActionRefused(_("Choose what kind of pool this is."), code="invalid")
    description = (description or "").strip()
    if len(description) > 4000:
        raise ActionRefused(_("Keep the description under 4,000 characters."), code="too_long")
    pooled_demand = PooledDemand.objects.create(
        association=association,
        title=title[:200],
        description=description,
        category=category,
        unit=unit[:40],
        target_quantity=clean_quantity(target_quantity, field=_("target quantity")),
        closes_at=clean_closes_at(closes_at),
        created_by=by,
    )
    audit(
        actor=by,
        action="pooled_demand.opened",
        target=pooled_demand,
        association=association,
        target_quantity=str(pooled_demand.target_quantity),
        unit=pooled_demand.unit,
        closes_at=pooled_demand.closes_at.isoformat(),
    )
    notify(
        users=member_users(association).exclude(pk=by.pk),
        kind="pooled_demand_opened",
        title=Msg("%(association)s is pooling demand: %(title)s", association=association.name, title=title),
        link=pooled_demand.get_absolute_url(),
        body=Msg(
            "Target: %(target)s %(unit)s. Commit your quantity before %(when)s.",
            target=pooled_demand.target_quantity.normalize(),
            unit=unit,
            when=_when(pooled_demand.closes_at),
        ),
    )
    return pooled_demand


@transaction.atomic
def pooled_demand_close(*, pooled_demand: PooledDemand, by, reason: str = "") -> PooledDemand:
    """Stop commitments (by the office at any time, or by the task at the closing time, ``by=None``)."""
    pooled_demand = _locked(pooled_demand)
    _check_manager(by, pooled_demand.association, automatic_allowed=True)
    states.POOLED_DEMAND.check(
        pooled_demand.status,
        Status.CLOSED,
        refusal=_("Only an open pooled demand can be closed; this one is “%(status)s”.")
        % {"status": pooled_demand.get_status_display()},
    )
    pooled_demand.status = Status.CLOSED
    pooled_demand.closed_at = timezone.now()
    pooled_demand.save(update_fields=["status", "closed_at"])
    totals = _totals(pooled_demand)
    audit(
        actor=by,
        action="pooled_demand.closed",
        target=pooled_demand,
        association=pooled_demand.association,
        reason=reason or ("" if by else "The closing time was reached."),
        automatic=by is None,
        **totals,
    )
    link = pooled_demand.get_absolute_url()
    summary = _("%(total)s of %(target)s %(unit)s committed by %(count)s enterprises.") % {
        "total": Decimal(totals["total"]).normalize(),
        "target": pooled_demand.target_quantity.normalize(),
        "unit": pooled_demand.unit,
        "count": totals["count"],
    }
    notify(
        users=committed_users(pooled_demand),
        kind="pooled_demand_closed",
        title=Msg("Commitments closed: %(title)s", title=pooled_demand.title),
        link=link,
        body=summary + " " + _("The association will negotiate and share the outcome here."),
    )
    if by is None:
        notify(
            users=office_users(pooled_demand.association, admins_only=True),
            kind="pooled_demand_closed",
            title=Msg("Closing time reached: %(title)s", title=pooled_demand.title),
            link=link,
            body=summary + " " + _("Export the list of commitments to negotiate, then record the outcome."),
        )
    return pooled_demand


@transaction.atomic
def pooled_demand_record_outcome(
    *, pooled_demand: PooledDemand, price_per_unit, supplier: str, by, notes: str = ""
) -> PooledDemand:
    """Record the negotiated price and supplier (or correct them) and tell the association's members."""
    pooled_demand = _locked(pooled_demand)
    _check_manager(by, pooled_demand.association)
    states.POOLED_DEMAND.check(
        pooled_demand.status,
        Status.NEGOTIATED,
        refusal=_("Close the pooled demand before recording its outcome.")
        if pooled_demand.status == Status.OPEN
        else _("This pooled demand was cancelled: it has no outcome."),
    )
    price = clean_price(price_per_unit)
    supplier = " ".join((supplier or "").split())
    if not supplier:
        raise ActionRefused(_("Name the supplier the price was negotiated with."), code="required")
    previous = {
        "previous_price": str(pooled_demand.negotiated_price) if pooled_demand.negotiated_price is not None else "",
        "previous_supplier": pooled_demand.supplier,
    }
    correcting = pooled_demand.status == Status.NEGOTIATED
    pooled_demand.status = Status.NEGOTIATED
    pooled_demand.negotiated_price = price
    pooled_demand.supplier = supplier[:200]
    pooled_demand.outcome_notes = (notes or "").strip()
    pooled_demand.outcome_recorded_at = timezone.now()
    pooled_demand.outcome_recorded_by = by
    pooled_demand.save(
        update_fields=[
            "status",
            "negotiated_price",
            "supplier",
            "outcome_notes",
            "outcome_recorded_at",
            "outcome_recorded_by",
        ]
    )
    audit(
        actor=by,
        action="pooled_demand.outcome_corrected" if correcting else "pooled_demand.outcome_recorded",
        target=pooled_demand,
        association=pooled_demand.association,
        price=str(price),
        supplier=pooled_demand.supplier,
        **(previous if correcting else {}),
    )
    notify(
        users=member_users(pooled_demand.association).exclude(pk=by.pk),
        kind="pooled_demand_outcome",
        title=Msg(
            "Negotiated: %(title)s at %(price)s per %(unit)s",
            title=pooled_demand.title,
            price=format_inr(price),
            unit=pooled_demand.unit,
        ),
        link=pooled_demand.get_absolute_url(),
        body=Msg("Supplier: %(supplier)s.", supplier=pooled_demand.supplier),
    )
    return pooled_demand


@transaction.atomic
def pooled_demand_cancel(*, pooled_demand: PooledDemand, reason: str, by) -> PooledDemand:
    """Call the pool off (before an outcome) and tell the enterprises that had committed."""
    pooled_demand = _locked(pooled_demand)
    _check_manager(by, pooled_demand.association)
    states.POOLED_DEMAND.check(
        pooled_demand.status,
        Status.CANCELLED,
        refusal=_("A pooled demand that is “%(status)s” cannot be cancelled.")
        % {"status": pooled_demand.get_status_display()},
    )
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(_("Say why the pooled demand is cancelled; members who committed will be told."))
    from_status = pooled_demand.status
    pooled_demand.status = Status.CANCELLED
    pooled_demand.cancel_reason = reason
    pooled_demand.closed_at = pooled_demand.closed_at or timezone.now()
    pooled_demand.save(update_fields=["status", "cancel_reason", "closed_at"])
    audit(
        actor=by,
        action="pooled_demand.cancelled",
        target=pooled_demand,
        association=pooled_demand.association,
        reason=reason,
        from_status=from_status,
        **_totals(pooled_demand),
    )
    notify(
        users=committed_users(pooled_demand),
        kind="pooled_demand_cancelled",
        title=Msg("Cancelled: %(title)s", title=pooled_demand.title),
        link=pooled_demand.get_absolute_url(),
        body=reason,
    )
    return pooled_demand


def close_due_pooled_demands(now: datetime | None = None) -> int:
    """Close every open pooled demand whose closing time has passed; each in its own transaction."""
    now = now or timezone.now()
    closed = 0
    for pk in PooledDemand.objects.due_to_close(now).values_list("pk", flat=True):
        try:
            pooled_demand_close(pooled_demand=PooledDemand(pk=pk), by=None)
        except ActionRefused:
            continue  # closed or cancelled by the office meanwhile
        closed += 1
    return closed


# ---------------------------------------------------------------- members' commitments


def _check_committer(by, pooled_demand: PooledDemand, enterprise: Enterprise) -> None:
    if by is None or not permissions.can_commit(by, pooled_demand, enterprise):
        raise PermissionDenied(_("Only people of an approved member enterprise can commit for it."))


@transaction.atomic
def commitment_make(*, pooled_demand: PooledDemand, enterprise: Enterprise, quantity, by) -> tuple[Commitment, bool]:
    """Commit the enterprise's quantity; committing again replaces it. Returns (commitment, created)."""
    quantity = clean_quantity(quantity)
    pooled_demand = _locked(pooled_demand)
    _check_accepting(pooled_demand, timezone.now())
    _check_committer(by, pooled_demand, enterprise)
    commitment = Commitment.objects.filter(pooled_demand=pooled_demand, enterprise=enterprise).first()
    created = commitment is None
    previous = None
    if created:
        commitment = Commitment.objects.create(
            pooled_demand=pooled_demand, enterprise=enterprise, quantity=quantity, committed_by=by
        )
    else:
        previous = commitment.quantity
        commitment.quantity = quantity
        commitment.committed_by = by
        commitment.save(update_fields=["quantity", "committed_by", "updated_at"])
    audit(
        actor=by,
        action="commitment.made" if created else "commitment.changed",
        target=commitment,
        association=pooled_demand.association,
        pooled_demand=pooled_demand.pk,
        quantity=str(quantity),
        **({} if previous is None else {"previous_quantity": str(previous)}),
    )
    return commitment, created


@transaction.atomic
def commitment_withdraw(*, pooled_demand: PooledDemand, enterprise: Enterprise, by) -> None:
    """Take the enterprise's commitment back, while the pooled demand is still open."""
    pooled_demand = _locked(pooled_demand)
    _check_accepting(pooled_demand, timezone.now())
    _check_committer(by, pooled_demand, enterprise)
    commitment = Commitment.objects.filter(pooled_demand=pooled_demand, enterprise=enterprise).first()
    if commitment is None:
        raise ActionRefused(
            _("%(enterprise)s has no commitment to withdraw.") % {"enterprise": enterprise.name}, code="missing"
        )
    audit(
        actor=by,
        action="commitment.withdrawn",
        target=commitment,
        association=pooled_demand.association,
        pooled_demand=pooled_demand.pk,
        quantity=str(commitment.quantity),
    )
    commitment.delete()


# ---------------------------------------------------------------- export


@transaction.atomic
def pooled_demand_export(*, pooled_demand: PooledDemand, fmt: str, by) -> bytes:
    """The list of commitments (with contact details) for the office to negotiate; every export is audited."""
    _check_manager(by, pooled_demand.association)
    if fmt not in {"csv", "xlsx"}:
        raise ActionRefused(_("Export as CSV or XLSX."), code="invalid")
    content = exports.as_csv(pooled_demand) if fmt == "csv" else exports.as_xlsx(pooled_demand)
    audit(
        actor=by,
        action="pooled_demand.exported",
        target=pooled_demand,
        association=pooled_demand.association,
        format=fmt,
        **_totals(pooled_demand),
    )
    return content
