"""Writes for the catalogue of offerings. Only SIDBI staff and platform admins keep it; every change is audited."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from portal.catalogue.models import Offering
from portal.catalogue.permissions import can_keep_catalogue
from portal.core.audit import audit
from portal.core.errors import ActionRefused

FIELDS = [
    "name",
    "offered_by",
    "kind",
    "summary",
    "details",
    "eligible_categories",
    "purposes",
    "min_amount",
    "max_amount",
    "interest",
    "terms",
    "link",
]


def _check(by) -> None:
    if not can_keep_catalogue(by):
        raise ActionRefused(_("Only SIDBI staff can change the catalogue of offerings."))


def _check_fields(fields: dict) -> None:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"Not offering fields: {sorted(unknown)}")


def _save(offering: Offering, **kwargs) -> None:
    low, high = offering.min_amount, offering.max_amount
    if low is not None and high is not None and low > high:
        raise ActionRefused(_("The largest amount cannot be below the smallest."))
    try:
        with transaction.atomic():
            offering.save(**kwargs)
    except IntegrityError as exc:
        raise ActionRefused(_("%(by)s already has an offering with this name.") % {"by": offering.offered_by}) from exc


@transaction.atomic
def offering_create(*, by, sectors=(), states=(), **fields) -> Offering:
    _check(by)
    _check_fields(fields)
    offering = Offering(**fields, updated_by=by)
    _save(offering)
    offering.sectors.set(sectors)
    offering.states.set(states)
    audit(actor=by, action="offering.created", target=offering)
    return offering


@transaction.atomic
def offering_update(*, offering: Offering, by, sectors=None, states=None, **fields) -> Offering:
    _check(by)
    _check_fields(fields)
    offering = Offering.objects.select_for_update().get(pk=offering.pk)
    changed = sorted(name for name, value in fields.items() if getattr(offering, name) != value)
    for name, value in fields.items():
        setattr(offering, name, value)
    offering.updated_by = by
    _save(offering, update_fields=[*fields, "updated_by", "updated_at"])
    if sectors is not None and set(offering.sectors.all()) != set(sectors):
        offering.sectors.set(sectors)
        changed.append("sectors")
    if states is not None and set(offering.states.all()) != set(states):
        offering.states.set(states)
        changed.append("states")
    audit(actor=by, action="offering.updated", target=offering, changed=changed)
    return offering


@transaction.atomic
def offering_set_active(*, offering: Offering, active: bool, by, reason: str = "") -> Offering:
    """Withdraw an offering from the catalogue (members no longer see it) or bring it back."""
    _check(by)
    offering = Offering.objects.select_for_update().get(pk=offering.pk)
    if offering.active == active:
        raise ActionRefused(
            _("This offering is already active.") if active else _("This offering is already inactive.")
        )
    offering.active = active
    offering.updated_by = by
    offering.save(update_fields=["active", "updated_by", "updated_at"])
    audit(actor=by, action="offering.activated" if active else "offering.deactivated", target=offering, reason=reason)
    return offering
