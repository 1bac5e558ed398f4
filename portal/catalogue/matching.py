"""Which catalogue offerings fit a financial requirement, and why: shown to the member and the desk.

An offering fits when it is active and every eligibility rule it sets holds for the requirement:
its MSME category, sector and state (an empty list means "all"), its amount range, and its purposes
(an empty list means any financial need). Technical requirements fit no offering.
"""

from decimal import Decimal

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from portal.catalogue.models import Offering
from portal.core.money import format_inr
from portal.enterprises.models import Category, Enterprise
from portal.providers.needs import FINANCIAL_KINDS, Kind


def _rupees(value) -> str:
    return format_inr(value, paise=False)


def _amount_reason(offering: Offering, amount) -> str | None:
    low, high = offering.min_amount, offering.max_amount
    if low is None and high is None:
        return None
    if low is not None and high is not None:
        covers = _("Covers %(low)s to %(high)s") % {"low": _rupees(low), "high": _rupees(high)}
    elif low is not None:
        covers = _("Covers %(low)s and above") % {"low": _rupees(low)}
    else:
        covers = _("Covers up to %(high)s") % {"high": _rupees(high)}
    if amount is None:
        return covers
    return _("%(covers)s; you need %(amount)s") % {"covers": covers, "amount": _rupees(amount)}


def offerings_for(*, kind: str, amount: Decimal | None, enterprise_id: int) -> list[tuple[Offering, list[str]]]:
    """Offerings fitting a requirement of this kind and amount from this enterprise, each with its reasons.

    Two queries whatever the catalogue's size: the enterprise's category, sector and state, then the offerings
    already narrowed by sector and state in the database (category, amount and purpose are checked here).
    """
    if kind not in FINANCIAL_KINDS:
        return []
    enterprise = (
        Enterprise.objects.filter(pk=enterprise_id)
        .values("category", "sector_id", "sector__name", "state_id", "state__name")
        .first()
    )
    if enterprise is None:
        return []
    through_sectors = Offering.sectors.through.objects
    through_states = Offering.states.through.objects
    sector_id, state_id = enterprise["sector_id"], enterprise["state_id"]
    candidates = (
        Offering.objects.active()
        .annotate(
            lists_sectors=Exists(through_sectors.filter(offering=OuterRef("pk"))),
            lists_states=Exists(through_states.filter(offering=OuterRef("pk"))),
        )
        .filter(
            Q(lists_sectors=False) | Q(pk__in=through_sectors.filter(sector_id=sector_id).values("offering_id")),
            Q(lists_states=False) | Q(pk__in=through_states.filter(state_id=state_id).values("offering_id")),
        )
        .order_by("name", "pk")
    )
    category = enterprise["category"]
    category_label = Category(category).label.lower() if category in Category.values else category
    fits = []
    for offering in candidates:
        categories, purposes = offering.eligible_categories or [], offering.purposes or []
        if categories and category not in categories:
            continue
        if purposes and kind not in purposes:
            continue
        if amount is not None and (
            (offering.min_amount is not None and amount < offering.min_amount)
            or (offering.max_amount is not None and amount > offering.max_amount)
        ):
            continue
        reasons = []
        if categories:
            reasons.append(_("Open to %(category)s enterprises") % {"category": category_label})
        else:
            reasons.append(_("Open to micro, small and medium enterprises"))
        if amount_reason := _amount_reason(offering, amount):
            reasons.append(amount_reason)
        if purposes:
            reasons.append(_("Meant for %(kind)s") % {"kind": Kind(kind).label.lower()})
        if offering.lists_sectors:
            reasons.append(_("Serves %(sector)s") % {"sector": enterprise["sector__name"]})
        if offering.lists_states:
            reasons.append(_("Available in %(state)s") % {"state": enterprise["state__name"]})
        else:
            reasons.append(_("Available across India"))
        specificity = sum(
            [bool(categories), bool(purposes), offering.lists_sectors, offering.lists_states]
            + [offering.min_amount is not None or offering.max_amount is not None]
        )
        fits.append((specificity, offering, reasons))
    fits.sort(key=lambda item: -item[0])  # stable: equally specific offerings keep their alphabetical order
    return [(offering, reasons) for _specificity, offering, reasons in fits]
