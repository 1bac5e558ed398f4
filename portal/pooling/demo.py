"""Demo pooled demands: a few per association, in every status, with commitments from its members.

Called by the demo seeder; bulk inserts only (a handful of queries for any number of associations), and no
notifications or audit rows: this is sample data, not something that happened.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from portal.associations.models import Association, Membership, MembershipStatus
from portal.enterprises.models import EnterpriseRole, EnterpriseUser
from portal.pooling.models import Category, Commitment, PooledDemand, Status


@dataclass(frozen=True)
class Pool:
    title: str
    category: str
    unit: str
    per_member: tuple[int, int, int]  # randrange(low, high, step) of one member's quantity
    price: tuple[int, int]  # negotiated price per unit, in paise, low and high
    supplier: str
    description: str


RAW, TESTING, FAIR = Category.RAW_MATERIAL, Category.TESTING, Category.TRADE_FAIR

TESTING_POOL = Pool(
    "Common NABL testing contract for the year",
    TESTING,
    "tests",
    (10, 120, 5),
    (90000, 160000),
    "Regional NABL-accredited testing laboratory",
    "One annual contract with a NABL-accredited laboratory for members' routine product tests, at a "
    "pooled rate per test, with sample pick-up from the cluster twice a week.",
)
IITF_POOL = Pool(
    "Joint stall at IITF Delhi (Bharat Mandapam)",
    FAIR,
    "sq m of stall space",
    (2, 13, 1),
    (800000, 1250000),
    "ITPO stall allotment through the association",
    "A shared pavilion at the India International Trade Fair in November. Members book stall space by the "
    "square metre; the association arranges design, fabrication and shipping of samples.",
)

POOLS_BY_SECTOR: dict[str, list[Pool]] = {
    "textiles": [
        Pool(
            "Bulk cotton yarn purchase, 40s count combed",
            RAW,
            "kg",
            (200, 3000, 50),
            (24500, 28900),
            "Sri Ramalinga Spinning Mills, Palladam",
            "100% cotton combed yarn, 40s Ne, on cones; delivered to members' units in the cluster; 30 days credit.",
        ),
        Pool(
            "Reactive dyes bulk purchase for the next season",
            RAW,
            "kg",
            (25, 400, 25),
            (38000, 52000),
            "Atul Ltd through its Tiruppur dealer",
            "Reactive dyes for cotton knits (red, navy, black shades); quantities by shade can be split later.",
        ),
        TESTING_POOL,
        IITF_POOL,
    ],
    "engineering": [
        Pool(
            "Bulk purchase of EN8 steel rounds",
            RAW,
            "tonnes",
            (1, 30, 1),
            (5650000, 6200000),
            "Steel Authority of India stockyard",
            "EN8 bright bars, 20–60 mm diameter, with mill test certificates; delivery ex-stockyard.",
        ),
        TESTING_POOL,
        Pool(
            "Joint stall at IMTEX Bengaluru",
            FAIR,
            "sq m of stall space",
            (3, 16, 1),
            (900000, 1400000),
            "IMTEX organisers (IMTMA)",
            "A cluster pavilion at India's machine-tool exhibition, shared by members by the square metre.",
        ),
    ],
    "plastics": [
        Pool(
            "Bulk purchase of HDPE and PP granules",
            RAW,
            "tonnes",
            (1, 25, 1),
            (9800000, 11500000),
            "Reliance Polymers authorised distributor",
            "Injection and blow-moulding grades; each member states the grade when the order is placed.",
        ),
        TESTING_POOL,
        Pool(
            "Joint stall at Plastindia, Greater Noida",
            FAIR,
            "sq m of stall space",
            (3, 13, 1),
            (850000, 1200000),
            "Plastindia Foundation",
            "A shared stall with a common display of members' products and a meeting corner.",
        ),
    ],
    "food-processing": [
        Pool(
            "Bulk purchase of food-grade PET jars",
            RAW,
            "pieces",
            (2000, 40000, 500),
            (380, 520),
            "Brahmaputra Packaging Industries",
            "500 ml food-grade PET jars with caps, FSSAI-compliant, in cartons of 200.",
        ),
        Pool(
            "Common FSSAI lab testing contract",
            TESTING,
            "tests",
            (6, 60, 2),
            (110000, 180000),
            "NABL-accredited food testing laboratory",
            "Shelf-life, microbiology and label-claim tests at a pooled rate per sample.",
        ),
        Pool(
            "Joint stall at AAHAR, New Delhi",
            FAIR,
            "sq m of stall space",
            (2, 10, 1),
            (750000, 1100000),
            "ITPO stall allotment through the association",
            "A shared stall at the international food and hospitality fair, with a tasting counter.",
        ),
    ],
}
DEFAULT_POOLS = [
    Pool(
        "Bulk purchase of corrugated packaging boxes",
        RAW,
        "boxes",
        (500, 12000, 100),
        (1600, 2400),
        "Cluster corrugated box maker",
        "5-ply corrugated boxes printed with each member's brand; sizes agreed with the supplier per member.",
    ),
    TESTING_POOL,
    IITF_POOL,
]

# Which of an association's pools is in which state: the first three cover the usual life; a fourth is
# either another open one or one that was called off.
STATUS_PATTERN = [Status.OPEN, Status.NEGOTIATED, Status.CLOSED]


def _pools_for(sector_slugs: list[str]) -> list[Pool]:
    for slug in sector_slugs:
        if slug in POOLS_BY_SECTOR:
            return POOLS_BY_SECTOR[slug]
    return DEFAULT_POOLS


def seed_pooled_demands(rng: random.Random, associations, now: datetime) -> list[PooledDemand]:
    """Create three or four pooled demands per approved association, with commitments from its members."""
    associations = [a for a in associations if a.status == "approved"]
    if not associations:
        return []
    ids = [a.pk for a in associations]
    sectors: dict[int, list[str]] = {}
    for association_id, slug in (
        Association.sectors.through.objects.filter(association_id__in=ids)
        .order_by("association_id", "sector__slug")
        .values_list("association_id", "sector__slug")
    ):
        sectors.setdefault(association_id, []).append(slug)
    members: dict[int, list[int]] = {}
    for association_id, enterprise_id in (
        Membership.objects.filter(association_id__in=ids, status=MembershipStatus.APPROVED)
        .order_by("association_id", "enterprise_id")
        .values_list("association_id", "enterprise_id")
    ):
        members.setdefault(association_id, []).append(enterprise_id)
    owners = dict(
        EnterpriseUser.objects.filter(
            role=EnterpriseRole.OWNER, enterprise__memberships__association_id__in=ids
        ).values_list("enterprise_id", "user_id")
    )

    plans = []  # (pooled demand, pool template, the member enterprises that commit, when it was opened)
    for association in associations:
        templates = _pools_for(sectors.get(association.pk, []))
        count = min(len(templates), rng.choice([3, 3, 4]))
        for index, template in enumerate(rng.sample(templates, count)):
            if index < len(STATUS_PATTERN):
                status = STATUS_PATTERN[index]
            else:
                status = rng.choice([Status.OPEN, Status.CANCELLED])
            opened = now - timedelta(days=rng.randrange(3, 20) if status == Status.OPEN else rng.randrange(40, 200))
            closes_at = (
                now + timedelta(days=rng.randrange(4, 30), hours=rng.randrange(0, 24))
                if status == Status.OPEN
                else opened + timedelta(days=rng.randrange(14, 35))
            )
            candidates = members.get(association.pk, [])
            share = rng.uniform(0.25, 0.5) if status == Status.OPEN else rng.uniform(0.4, 0.7)
            committing = rng.sample(candidates, min(len(candidates), 60, round(len(candidates) * share)))
            low, high, step = template.per_member
            expected = max(1, len(committing)) * (low + high) // 2
            # An open pool is still filling up; a closed one ended somewhere around its target.
            reach = rng.uniform(1.4, 2.5) if status == Status.OPEN else rng.uniform(0.75, 1.3)
            target = Decimal(max(step, round(expected * reach / step) * step))
            pooled_demand = PooledDemand(
                association=association,
                title=template.title,
                description=template.description,
                category=template.category,
                unit=template.unit,
                target_quantity=target,
                closes_at=closes_at,
                status=status,
                created_by_id=association.created_by_id,
            )
            if status != Status.OPEN:
                pooled_demand.closed_at = closes_at
            if status == Status.NEGOTIATED:
                paise = rng.randrange(*template.price)
                paise -= paise % (100 if paise >= 10000 else 10)  # whole rupees, or tens of paise below ₹100
                pooled_demand.negotiated_price = Decimal(paise) / 100
                pooled_demand.supplier = template.supplier
                pooled_demand.outcome_notes = (
                    "Members place their orders with the association office within two weeks; "
                    "delivery in two lots, payment on delivery."
                )
                pooled_demand.outcome_recorded_at = closes_at + timedelta(days=rng.randrange(5, 20))
                pooled_demand.outcome_recorded_by_id = association.created_by_id
            if status == Status.CANCELLED:
                pooled_demand.cancel_reason = "Too few members committed to interest a supplier; we will try again."
            plans.append((pooled_demand, template, committing, opened))

    created = PooledDemand.objects.bulk_create([plan[0] for plan in plans], batch_size=500)
    for pooled_demand, (_pool, _template, _committing, opened) in zip(created, plans, strict=True):
        pooled_demand.created_at = opened
    PooledDemand.objects.bulk_update(created, ["created_at"], batch_size=500)

    commitments, times = [], []
    for pooled_demand, template, committing, opened in plans:
        low, high, step = template.per_member
        last = min(now, pooled_demand.closes_at)
        span = max(60, int((last - opened).total_seconds()))
        for enterprise_id in committing:
            times.append(opened + timedelta(seconds=rng.randrange(0, span)))
            commitments.append(
                Commitment(
                    pooled_demand=pooled_demand,
                    enterprise_id=enterprise_id,
                    quantity=Decimal(rng.randrange(low, high, step)),
                    committed_by_id=owners.get(enterprise_id),
                )
            )
    Commitment.objects.bulk_create(commitments, batch_size=1000)
    # auto_now and auto_now_add stamp the insert time; put back when each member committed.
    for commitment, at in zip(commitments, times, strict=True):
        commitment.created_at = commitment.updated_at = at
    Commitment.objects.bulk_update(commitments, ["created_at", "updated_at"], batch_size=1000)
    return created
