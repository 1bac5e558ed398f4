"""Demo requirements for the desk: a few hundred across every state with associations, in every status.

Rows are bulk-created (no notifications or emails) with timestamps over the last six months, so the
desk, the service-level figures and the matching have something real to show.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from portal.associations.models import Membership, MembershipStatus
from portal.desk.models import (
    FINANCIAL_KINDS,
    Holder,
    Kind,
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
    Urgency,
    Visibility,
)
from portal.providers.models import Provider, ProviderStatus

TITLES = {
    Kind.TERM_LOAN: ["Term loan for a new {machine}", "Loan to expand the shed and add a {machine}"],
    Kind.WORKING_CAPITAL: ["Working capital for export orders", "Cash credit limit enhancement for the season"],
    Kind.EQUIPMENT_FINANCE: ["Finance for a {machine}", "Equipment finance for a rooftop solar plant"],
    Kind.INVOICE_DISCOUNTING: ["Discounting invoices from a large buyer", "Joining TReDS to get paid in days"],
    Kind.OTHER_FINANCE: ["Bank guarantee for a government tender", "Refinancing a high-interest loan"],
    Kind.TECHNOLOGY: ["Upgrade to a {machine}", "Automating the packing line"],
    Kind.TESTING: ["NABL testing for export samples", "BIS certification for our products"],
    Kind.QUALITY_ZED: ["ZED Bronze certification", "ISO 9001 implementation support"],
    Kind.SKILLING: ["Training operators on the new {machine}", "Supervisor training in lean practices"],
    Kind.MARKET_ACCESS: ["Finding buyers in the Gulf", "Listing on GeM and the ONDC network"],
    Kind.COMPLIANCE: ["Pollution control board consent renewal", "Help with GST refunds on exports"],
    Kind.ENERGY: ["Energy audit of the unit", "Replacing old motors with IE3 motors"],
    Kind.DIGITAL: ["Simple accounting and inventory software", "A website and online catalogue"],
    Kind.OTHER_TECHNICAL: ["Common effluent treatment access", "Advice on raw-material sourcing"],
}
MACHINES = ["CNC turning centre", "circular knitting machine", "injection moulding machine", "offset press", "kiln"]
STATUS_MIX = [
    (Status.POSTED, 14),
    (Status.IN_TRIAGE, 10),
    (Status.ASSIGNED, 14),
    (Status.OFFER_MADE, 10),
    (Status.RESOLVED, 25),
    (Status.CLOSED, 17),
    (Status.WITHDRAWN, 5),
    (Status.DRAFT, 5),
]


def seed_service_levels() -> None:
    for kind in Kind:
        financial = kind in FINANCIAL_KINDS
        ServiceLevel.objects.get_or_create(
            kind=kind,
            defaults={"first_response_hours": 48 if financial else 72, "resolution_days": 30 if financial else 45},
        )


def seed_requirements(*, rng: random.Random, count: int = 300, named_users: dict | None = None) -> int:
    """Create ``count`` requirements (idempotent: does nothing if requirements exist)."""
    if Requirement.objects.exists():
        return 0
    seed_service_levels()
    now = timezone.now()
    providers = list(Provider.objects.filter(status=ProviderStatus.APPROVED))
    banks = [p for p in providers if p.kind == "bank"] or providers
    others = [p for p in providers if p.kind != "bank"] or providers
    if not providers:
        return 0
    memberships = list(
        Membership.objects.filter(status=MembershipStatus.APPROVED, association__status="approved")
        .select_related("enterprise", "association")
        .order_by("id")
    )
    # One requirement per sampled membership, spread over every association's state.
    by_state: dict[int, list[Membership]] = {}
    for membership in memberships:
        by_state.setdefault(membership.enterprise.state_id, []).append(membership)
    picks: list[Membership] = []
    states = sorted(by_state)
    while len(picks) < count and states:
        for state_id in states:
            if len(picks) >= count:
                break
            picks.append(rng.choice(by_state[state_id]))
    named = named_users or {}
    # The named demo member gets a few of their own so that their desk shows every step.
    member = named.get("member@tiruppur")
    if member is not None:
        own = [m for m in memberships if m.enterprise.people.filter(user=member).exists()][:1]
        picks[:4] = own * 4 if own else picks[:4]
    creators = {}
    from portal.enterprises.models import EnterpriseUser

    for person in EnterpriseUser.objects.filter(enterprise__in=[m.enterprise_id for m in picks]).select_related("user"):
        creators.setdefault(person.enterprise_id, person.user)
    fallback_creator = named.get("member@tiruppur") or next(iter(named.values()), None)
    statuses = [s for s, weight in STATUS_MIX for _ in range(weight)]
    year = timezone.localdate(now).year
    rows, plans = [], []
    for index, membership in enumerate(picks):
        status = (
            statuses[index % len(statuses)]
            if index >= 4
            else [Status.POSTED, Status.ASSIGNED, Status.OFFER_MADE, Status.RESOLVED][index]
        )
        kind = rng.choice(list(Kind))
        financial = kind in FINANCIAL_KINDS
        posted_at = now - timedelta(days=rng.randrange(1, 180), hours=rng.randrange(0, 24))
        amount = Decimal(rng.choice([3, 5, 8, 12, 25, 40, 75, 150, 300])) * 100000 if financial else None
        enterprise = membership.enterprise
        title = rng.choice(TITLES[kind]).format(machine=rng.choice(MACHINES))
        requirement = Requirement(
            association=membership.association,
            enterprise=enterprise,
            created_by=creators.get(enterprise.pk) or fallback_creator,
            kind=kind,
            title=title,
            description=(
                f"{enterprise.name} in {enterprise.district} makes {enterprise.products or 'goods'}. {title}. "
                "We have audited accounts for three years and a clean repayment record."
            ),
            urgency=rng.choices(list(Urgency.values), weights=[2, 6, 3, 1])[0],
            visibility=rng.choice([Visibility.ASSOCIATION, Visibility.PROVIDERS]),
            amount=amount,
            purpose=title if financial else "",
            tenure_months=rng.choice([12, 36, 60, 84]) if financial else None,
            latest_turnover=amount * rng.randrange(4, 20) if financial else None,
            needed_by=None if financial else (posted_at + timedelta(days=rng.randrange(20, 120))).date(),
            status=status,
            posted_at=None if status == Status.DRAFT else posted_at,
            clock_started_at=None if status == Status.DRAFT else posted_at,
        )
        if status != Status.DRAFT:
            requirement.reference = f"DIA-REQ-{year}-{index + 1:06d}"
        plans.append((requirement, posted_at))
        rows.append(requirement)
    for requirement in rows:
        if requirement.created_by is None:
            raise RuntimeError("Demo requirements need the demo users; run the whole seed_demo command.")
    Requirement.objects.bulk_create(rows, batch_size=500)
    ReferenceCounter.objects.update_or_create(year=year, defaults={"last": len(rows)})

    transitions, offers, messages_ = [], [], []
    for requirement, posted_at in plans:
        status = requirement.status
        if status == Status.DRAFT:
            continue
        transitions.append(
            Transition(
                requirement=requirement, from_status=Status.DRAFT, to_status=Status.POSTED, by=requirement.created_by
            )
        )
        provider = rng.choice(banks if requirement.is_financial else others)
        responded = posted_at + timedelta(hours=rng.randrange(2, 120))
        if status in {Status.IN_TRIAGE}:
            requirement.first_response_at = responded
            forwarded = rng.random() < 0.4
            if forwarded:
                requirement.holder = Holder.SIDBI
            transitions.append(
                Transition(
                    requirement=requirement,
                    from_status=Status.POSTED,
                    to_status=Status.IN_TRIAGE,
                    reason="Forwarded to SIDBI: needs a scheme decision beyond the association." if forwarded else "",
                )
            )
        if status == Status.POSTED and posted_at < now - timedelta(days=6):
            # Nobody answered in time: escalated to SIDBI by the service-level check.
            requirement.escalation_level = 2
            requirement.escalated_at = posted_at + timedelta(days=4)
        if status in {Status.ASSIGNED, Status.OFFER_MADE, Status.RESOLVED, Status.CLOSED}:
            requirement.first_response_at = responded
            requirement.assigned_provider = provider
            requirement.holder = Holder.PROVIDER
            transitions.append(
                Transition(requirement=requirement, from_status=Status.POSTED, to_status=Status.ASSIGNED)
            )
        if status in {Status.OFFER_MADE, Status.RESOLVED, Status.CLOSED}:
            transitions.append(
                Transition(requirement=requirement, from_status=Status.ASSIGNED, to_status=Status.OFFER_MADE)
            )
            if requirement.is_financial:
                offer = Offer(
                    requirement=requirement,
                    provider=provider,
                    kind=OfferKind.LOAN,
                    amount=requirement.amount,
                    interest_rate=Decimal(rng.choice(["8.75", "9.25", "9.90", "10.50", "11.25"])),
                    tenure_months=requirement.tenure_months,
                    conditions="Hypothecation of assets; CGTMSE cover where eligible.",
                    created_by=requirement.created_by,
                )
            else:
                offer = Offer(
                    requirement=requirement,
                    provider=provider,
                    kind=OfferKind.SERVICE,
                    price=Decimal(rng.choice([15000, 40000, 75000, 120000, 250000])),
                    timeline=f"{rng.randrange(2, 10)} weeks",
                    scope=f"{requirement.title}: assessment, work and a written report.",
                    created_by=requirement.created_by,
                )
            offers.append(offer)
        if status in {Status.RESOLVED, Status.CLOSED}:
            resolved = responded + timedelta(days=rng.randrange(3, 40))
            requirement.resolved_at = min(resolved, timezone.now() - timedelta(hours=1))
            requirement.rating = rng.choices([5, 4, 3, 2, 1], weights=[5, 4, 2, 1, 1])[0]
            requirement.rating_comment = rng.choice(["Quick and clear.", "Took time but solved.", "Very helpful.", ""])
            transitions.append(
                Transition(
                    requirement=requirement,
                    from_status=Status.OFFER_MADE,
                    to_status=Status.RESOLVED,
                    by=requirement.created_by,
                )
            )
        if status == Status.CLOSED:
            requirement.closed_at = requirement.resolved_at + timedelta(days=30)
            transitions.append(
                Transition(requirement=requirement, from_status=Status.RESOLVED, to_status=Status.CLOSED)
            )
        if status == Status.WITHDRAWN:
            transitions.append(
                Transition(
                    requirement=requirement,
                    from_status=Status.POSTED,
                    to_status=Status.WITHDRAWN,
                    by=requirement.created_by,
                )
            )
        if requirement.first_response_at:
            messages_.append(
                Message(
                    requirement=requirement,
                    author=requirement.created_by,
                    body="Attaching our last three years' balance sheets.",
                )
            )
    Offer.objects.bulk_create(offers, batch_size=500)
    for offer in offers:
        if offer.requirement.status in {Status.RESOLVED, Status.CLOSED}:
            offer.status = OfferStatus.ACCEPTED
            offer.requirement.accepted_offer = offer
    Offer.objects.bulk_update([o for o in offers if o.status == OfferStatus.ACCEPTED], ["status"], batch_size=500)
    Requirement.objects.bulk_update(
        [r for r, _ in plans],
        [
            "first_response_at",
            "assigned_provider",
            "holder",
            "resolved_at",
            "rating",
            "rating_comment",
            "closed_at",
            "accepted_offer",
            "escalation_level",
            "escalated_at",
        ],
        batch_size=500,
    )
    Transition.objects.bulk_create(transitions, batch_size=1000)
    Message.objects.bulk_create(messages_, batch_size=1000)
    # Transition times follow the requirement's own timeline rather than "now".
    for requirement, posted_at in plans:
        Transition.objects.filter(requirement=requirement).update(at=posted_at)
    if banks:
        RoutingRule.objects.get_or_create(kind=Kind.INVOICE_DISCOUNTING, provider=banks[0], defaults={"priority": 10})
    return len(rows)
