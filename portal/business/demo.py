"""Demo business data: products and capacity for many member enterprises, about 40 live leads with interests,
a few connections and a message thread for member@tiruppur.demo.diaportal.in.

Bulk inserts only; no notifications, emails or audit rows: this is sample data, not something that happened.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.business.models import (
    Capacity,
    Connection,
    ConnectionStatus,
    Conversation,
    Interest,
    InterestStatus,
    Lead,
    LeadKind,
    Message,
    Product,
)
from portal.business.permissions import directory_enterprises
from portal.enterprises.models import EnterpriseRole, EnterpriseUser

ENTERPRISES_WITH_OFFER = 600
LEADS = 40
TIRUPPUR_MEMBER = "member@tiruppur.demo.diaportal.in"
LUDHIANA_MEMBER = "member@ludhiana.demo.diaportal.in"

HS_CODES = {
    "knitted garments": "6109",
    "hosiery": "6115",
    "fasteners": "7318",
    "bicycle parts": "8714",
    "machine tools": "8459",
    "wall and floor tiles": "6907",
    "sanitaryware": "6910",
    "leather footwear": "6403",
    "pumps": "8413",
    "castings": "7325",
    "tea": "0902",
    "spices": "0910",
}
UNITS = {
    "textiles": "pieces",
    "engineering": "pieces",
    "ceramics": "square metres",
    "food-processing": "kg",
    "printing": "sheets",
    "leather": "pairs",
    "plastics": "kg",
    "chemicals": "kg",
}
MACHINES = [
    "Circular knitting machines, flatlock and overlock stitching lines",
    "CNC turning centres, VMC, power presses",
    "Kiln, glazing line, polishing machines",
    "Offset press (4 colour), die-cutting and lamination",
    "Injection moulding machines (80–250 t)",
    "Mixers, dryers and packing line",
]
LEAD_TEXT = {
    LeadKind.SUPPLIER: (
        "We need a regular supplier: quality certificates, monthly volumes and payment within 45 days. "
        "Please share your price and lead time."
    ),
    LeadKind.CAPACITY: (
        "Our unit has spare capacity for the next three months. We can take job work to your specification, "
        "with our own quality checks and delivery within the cluster."
    ),
    LeadKind.PARTNER: (
        "We are looking for a partner for a joint export order and shared testing and certification costs. "
        "Fellow members with similar products are welcome."
    ),
}
THREAD = [
    ("ludhiana", "Namaste! We saw your lead for knitting machine spares. We make needles and cams in Ludhiana."),
    ("tiruppur", "Thank you for writing. We need about 2,000 latch needles a month for our circular machines."),
    ("ludhiana", "We can supply that. Shall we send 200 as samples first? Delivery to Tiruppur takes five days."),
    ("tiruppur", "Yes please. Send the samples with your price list and GST invoice."),
    ("ludhiana", "Samples are dispatched today by courier. The price list is in the parcel."),
]


def _products(text: str) -> list[str]:
    parts = [part.strip() for part in text.replace(" and ", ", ").split(",")]
    return [part[:1].upper() + part[1:] for part in parts if part][:3]


def seed(*, rng: random.Random) -> None:
    if Product.objects.exists() or Lead.objects.exists():
        return
    now = timezone.now()
    today = timezone.localdate()
    enterprises = list(directory_enterprises().select_related("sector", "state").order_by("pk"))
    if not enterprises:
        return
    owners: dict[int, int] = dict(
        EnterpriseUser.objects.filter(role=EnterpriseRole.OWNER).values_list("enterprise_id", "user_id")
    )
    users = {user.email: user for user in get_user_model().objects.filter(email__in=[TIRUPPUR_MEMBER, LUDHIANA_MEMBER])}
    named = {
        key: EnterpriseUser.objects.filter(user=users[email]).values_list("enterprise_id", flat=True).first()
        for key, email in (("tiruppur", TIRUPPUR_MEMBER), ("ludhiana", LUDHIANA_MEMBER))
        if email in users
    }
    by_pk = {enterprise.pk: enterprise for enterprise in enterprises}

    # Products and capacity: the named demo enterprises and a deterministic sample of the rest.
    chosen = rng.sample(enterprises, k=min(ENTERPRISES_WITH_OFFER, len(enterprises)))
    chosen += [by_pk[pk] for pk in named.values() if pk in by_pk and by_pk[pk] not in chosen]
    products, capacities = [], []
    for enterprise in chosen:
        for name in _products(enterprise.products or enterprise.sector.name):
            products.append(
                Product(
                    enterprise=enterprise,
                    name=name,
                    description=f"{name} made in {enterprise.district}.",
                    sector=enterprise.sector,
                    hs_code=HS_CODES.get(name.lower(), ""),
                    created_at=now - timedelta(days=rng.randint(1, 300)),
                )
            )
        capacities.append(
            Capacity(
                enterprise=enterprise,
                monthly_capacity=Decimal(rng.choice([500, 1000, 2500, 5000, 10000, 25000, 50000])),
                unit=UNITS.get(enterprise.sector.slug, "pieces"),
                spare_available=rng.random() < 0.35 or enterprise.pk == named.get("tiruppur"),
                machines=rng.choice(MACHINES),
                updated_at=now - timedelta(days=rng.randint(1, 120)),
            )
        )
    Product.objects.bulk_create(products, batch_size=1000)
    Capacity.objects.bulk_create(capacities, batch_size=1000)

    # About 40 live leads across sectors and states. Most demo enterprises have no log-in: posted_by stays empty.
    with_owner = chosen
    posters = rng.sample(with_owner, k=min(LEADS, len(with_owner)))
    if named.get("tiruppur") in by_pk and by_pk[named["tiruppur"]] not in posters:
        posters[0:1] = [by_pk[named["tiruppur"]]]
    kinds = list(LeadKind)
    leads = []
    for index, enterprise in enumerate(posters):
        kind = kinds[index % len(kinds)]
        item = rng.choice(_products(enterprise.products or enterprise.sector.name) or [enterprise.sector.name])
        if enterprise.pk == named.get("tiruppur"):
            kind, item = LeadKind.SUPPLIER, "Latch needles and cams for circular knitting machines"
        leads.append(
            Lead(
                enterprise=enterprise,
                posted_by_id=owners.get(enterprise.pk),
                kind=kind,
                title=item if kind != LeadKind.SUPPLIER else f"{item}: raw material and components",
                sector=enterprise.sector,
                state=enterprise.state,
                district=enterprise.district,
                description=LEAD_TEXT[kind],
                expires_on=today + timedelta(days=rng.randint(5, 90)),
                created_at=now - timedelta(days=rng.randint(0, 25), hours=rng.randint(0, 23)),
            )
        )
    leads = Lead.objects.bulk_create(leads)

    # Interests: a few per lead from other enterprises; some accepted (and so connected).
    interests, pairs = [], set()
    for lead in leads:
        others = [e for e in with_owner if e.pk != lead.enterprise_id]
        for enterprise in rng.sample(others, k=min(len(others), rng.randint(0, 3))):
            accepted = rng.random() < 0.2
            interests.append(
                Interest(
                    lead=lead,
                    enterprise=enterprise,
                    by_id=owners.get(enterprise.pk),
                    message=f"{enterprise.name} is interested. We can discuss quantities and prices this week.",
                    status=InterestStatus.ACCEPTED if accepted else InterestStatus.PENDING,
                    created_at=lead.created_at + timedelta(hours=rng.randint(2, 72)),
                    accepted_at=now if accepted else None,
                )
            )
            if accepted:
                pairs.add(tuple(sorted((enterprise.pk, lead.enterprise_id))))
    ludhiana, tiruppur = named.get("ludhiana"), named.get("tiruppur")
    if ludhiana in by_pk and tiruppur in by_pk:
        tiruppur_lead = next(lead for lead in leads if lead.enterprise_id == tiruppur)
        interests = [i for i in interests if not (i.lead is tiruppur_lead and i.enterprise.pk == ludhiana)]
        interests.append(
            Interest(
                lead=tiruppur_lead,
                enterprise=by_pk[ludhiana],
                by=users[LUDHIANA_MEMBER],
                message="We make latch needles and cams in Ludhiana and supply knitting units across India.",
                status=InterestStatus.ACCEPTED,
                created_at=tiruppur_lead.created_at + timedelta(hours=5),
                accepted_at=now - timedelta(days=3),
            )
        )
        pairs.add(tuple(sorted((tiruppur, ludhiana))))
    Interest.objects.bulk_create(interests)

    # A few more connections, and one request waiting for the Tiruppur member's decision.
    for first, second in zip(
        rng.sample(with_owner, k=min(10, len(with_owner))),
        rng.sample(with_owner, k=min(10, len(with_owner))),
        strict=True,
    ):
        if first.pk != second.pk:
            pairs.add(tuple(sorted((first.pk, second.pk))))
    connections = [
        Connection(
            requester_id=low,
            target_id=high,
            status=ConnectionStatus.ACCEPTED,
            note="Met through the business directory.",
            requested_by_id=owners.get(low),
            decided_by_id=owners.get(high),
            created_at=now - timedelta(days=rng.randint(5, 60)),
            decided_at=now - timedelta(days=rng.randint(1, 4)),
        )
        for low, high in sorted(pairs)
    ]
    if tiruppur in by_pk:
        asker = next((e for e in with_owner if e.pk != tiruppur and tuple(sorted((e.pk, tiruppur))) not in pairs), None)
        if asker is not None:
            connections.append(
                Connection(
                    requester=asker,
                    target_id=tiruppur,
                    note="We dye knitted fabric in Palladam and would like to work with you.",
                    requested_by_id=owners.get(asker.pk),
                    created_at=now - timedelta(days=1),
                )
            )
    Connection.objects.bulk_create(connections)

    # The message thread between the two named demo members.
    if ludhiana in by_pk and tiruppur in by_pk:
        connection = Connection.objects.between(by_pk[tiruppur], by_pk[ludhiana]).get()
        people = {"tiruppur": users[TIRUPPUR_MEMBER], "ludhiana": users[LUDHIANA_MEMBER]}
        low, high = sorted(people.values(), key=lambda user: user.pk)
        start = now - timedelta(days=3)
        conversation = Conversation.objects.create(
            user_low=low, user_high=high, connection=connection, created_at=start, last_message_at=start
        )
        messages = []
        for index, (who, body) in enumerate(THREAD):
            at = start + timedelta(hours=5 * index + 1)
            last = index == len(THREAD) - 1
            messages.append(
                Message(
                    conversation=conversation,
                    sender=people[who],
                    body=body,
                    created_at=at,
                    read_at=None if last else at + timedelta(minutes=30),
                )
            )
        Message.objects.bulk_create(messages)
        Conversation.objects.filter(pk=conversation.pk).update(last_message_at=messages[-1].created_at)
