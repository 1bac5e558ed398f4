"""Demo events: past and upcoming trainings, webinars, a buyer-seller meet and a trade fair across many associations
and SIDBI, with registrations, attendance and feedback on past ones, and a waiting list on a full one.

Deterministic, idempotent, bulk inserts; no notifications, emails or audit rows (sample data, not history).
Paid fees on past association events go into the association's book as event income, as the service would.
"""

import random
from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from portal.accounts.models import SidbiRole, User
from portal.associations.models import Association, AssociationStaff, MembershipStatus
from portal.core.models import Sector
from portal.enterprises.models import EnterpriseUser
from portal.events.models import (
    Audience,
    Event,
    EventKind,
    EventStatus,
    Feedback,
    Mode,
    Registration,
    RegistrationStatus,
)

TIRUPPUR = "tiruppur-knitwear-manufacturers-association"
TIRUPPUR_MEMBER = "member@tiruppur.demo.diaportal.in"
ASSOCIATIONS = 40

TOPICS = {
    EventKind.TRAINING: [
        "Lean manufacturing on the shop floor",
        "Costing and pricing for job-work orders",
        "Energy audit basics for small units",
        "Quality circles and 5S",
        "Export documentation step by step",
    ],
    EventKind.WORKSHOP: [
        "Writing a bankable project report",
        "Digital bookkeeping with free tools",
        "Zero Defect Zero Effect certification clinic",
    ],
    EventKind.WEBINAR: [
        "GST changes this quarter",
        "Credit guarantee (CGTMSE) explained",
        "Selling on the Government e-Marketplace (GeM)",
    ],
    EventKind.EXPOSURE_VISIT: ["Visit to a common facility centre", "Exposure visit to a model cluster"],
}
COMMENTS = [
    "Very practical, we will try it in our unit.",
    "Good trainer; the session was too short.",
    "Useful examples from our own cluster.",
    "Please hold a follow-up session.",
    "",
    "",
]


def _at(now: datetime, days: int, hour: int) -> datetime:
    local = timezone.localtime(now) + timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def _event(
    *,
    owner,
    by,
    kind,
    title,
    starts,
    hours,
    capacity,
    audience,
    fee=Decimal("0"),
    mode=Mode.IN_PERSON,
    state=None,
    description="",
) -> Event:
    online = mode == Mode.ONLINE
    return Event(
        owner=owner,
        created_by_id=by,
        kind=kind,
        title=title,
        description=description
        or f"{title}. Practical sessions for member units, with time for questions.\n\n*Bring your latest bills "
        "and records if you have them.*",
        mode=mode,
        venue="" if online else (f"{owner.name} hall" if owner else "SIDBI regional office"),
        address="" if online else (owner.address if owner else "SIDBI Tower, Lucknow"),
        online_link="https://meet.example.in/dia-" + title.lower().replace(" ", "-")[:40] if online else "",
        state=state if state is not None else (owner.state if owner else None),
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        registration_deadline=starts - timedelta(hours=12),
        capacity=capacity,
        audience=audience,
        fee=fee,
        status=EventStatus.PUBLISHED,
        created_at=starts - timedelta(days=30),
        published_at=starts - timedelta(days=28),
    )


def seed(*, rng: random.Random) -> None:
    if Event.objects.exists():
        return
    now = timezone.now()
    associations = sorted(
        Association.objects.approved().order_by("pk"), key=lambda association: association.slug != TIRUPPUR
    )[:ASSOCIATIONS]
    staff = {association.pk: association.created_by_id for association in associations}
    for row in AssociationStaff.objects.filter(association__in=associations).order_by("-pk"):
        staff[row.association_id] = row.user_id
    _participants(rng, associations)
    members = defaultdict(list)  # association id -> user ids of its member enterprises' people
    for association_id, user_id in (
        EnterpriseUser.objects.filter(
            enterprise__memberships__association__in=associations,
            enterprise__memberships__status=MembershipStatus.APPROVED,
        )
        .values_list("enterprise__memberships__association_id", "user_id")
        .order_by("user_id")
        .distinct()
    ):
        members[association_id].append(user_id)
    everyone = sorted({user for ids in members.values() for user in ids})
    officers = list(User.objects.filter(sidbi_role=SidbiRole.OFFICER).order_by("pk"))
    officers.sort(key=lambda user: user.email != "officer@demo.diaportal.in")
    officer = officers[0].pk if officers else None

    events: list[Event] = []
    kinds = list(TOPICS)
    for index, association in enumerate(associations):
        by = staff[association.pk]
        for slot, days in enumerate(rng.sample([-120, -75, -40, -14, -5, 4, 12, 25, 45], k=rng.randint(2, 4))):
            kind = kinds[(index + slot) % len(kinds)]
            title = rng.choice(TOPICS[kind])
            events.append(
                _event(
                    owner=association,
                    by=by,
                    kind=kind,
                    title=title,
                    starts=_at(now, days, rng.choice([10, 11, 14, 15])),
                    hours=rng.choice([2, 3, 6]),
                    capacity=rng.choice([20, 30, 40, 60]),
                    audience=rng.choice([Audience.MEMBERS, Audience.MEMBERS, Audience.REGISTERED, Audience.PUBLIC]),
                    fee=rng.choice([Decimal("0"), Decimal("0"), Decimal("500"), Decimal("1500")]),
                    mode=Mode.ONLINE if kind == EventKind.WEBINAR else Mode.IN_PERSON,
                )
            )
    tiruppur = associations[0] if associations and associations[0].slug == TIRUPPUR else None
    if tiruppur is not None:
        by = staff[tiruppur.pk]
        events += [
            _event(
                owner=tiruppur,
                by=by,
                kind=EventKind.TRAINING,
                title="Dyeing effluent: cutting water use",
                starts=_at(now, -21, 10),
                hours=4,
                capacity=40,
                audience=Audience.MEMBERS,
            ),
            _event(
                owner=tiruppur,
                by=by,
                kind=EventKind.TRAINING,
                title="Compliance audits for export buyers",
                starts=_at(now, 9, 10),
                hours=3,
                capacity=40,
                audience=Audience.MEMBERS,
                fee=Decimal("750"),
            ),
            # Full, with a waiting list.
            _event(
                owner=tiruppur,
                by=by,
                kind=EventKind.WORKSHOP,
                title="Pattern-making with CAD: hands-on",
                starts=_at(now, 16, 10),
                hours=6,
                capacity=12,
                audience=Audience.MEMBERS,
            ),
            _event(
                owner=tiruppur,
                by=by,
                kind=EventKind.BUYER_SELLER_MEET,
                title="Buyer-seller meet: knitwear for domestic retail chains",
                starts=_at(now, 30, 10),
                hours=7,
                capacity=150,
                audience=Audience.PUBLIC,
            ),
        ]
    textiles = Sector.objects.filter(slug="textiles").first()
    if officer:
        events += [
            _event(
                owner=None,
                by=officer,
                kind=EventKind.WEBINAR,
                title="DIA scheme: how to apply for support",
                starts=_at(now, 6, 15),
                hours=2,
                capacity=500,
                audience=Audience.PUBLIC,
                mode=Mode.ONLINE,
            ),
            _event(
                owner=None,
                by=officer,
                kind=EventKind.WEBINAR,
                title="Building an association's action plan",
                starts=_at(now, -30, 15),
                hours=2,
                capacity=300,
                audience=Audience.REGISTERED,
                mode=Mode.ONLINE,
            ),
            _event(
                owner=None,
                by=officer,
                kind=EventKind.TRADE_FAIR,
                title="MSME trade fair: textiles and apparel",
                starts=_at(now, 50, 10),
                hours=8 + 48,
                capacity=400,
                audience=Audience.PUBLIC,
                state=None,
            ),
            _event(
                owner=None,
                by=officer,
                kind=EventKind.TRAINING,
                title="Training of trainers for cluster development executives",
                starts=_at(now, -60, 10),
                hours=6,
                capacity=60,
                audience=Audience.REGISTERED,
            ),
        ]
    events = Event.objects.bulk_create(events)
    sectors = []
    association_sectors = defaultdict(list)
    for association in associations:
        for sector in association.sectors.all():
            association_sectors[association.pk].append(sector.pk)
    for event in events:
        for sector_id in association_sectors.get(event.owner_id, [])[:2]:
            sectors.append(Event.sectors.through(event_id=event.pk, sector_id=sector_id))
        if event.owner_id is None and event.kind == EventKind.TRADE_FAIR and textiles:
            sectors.append(Event.sectors.through(event_id=event.pk, sector_id=textiles.pk))
    Event.sectors.through.objects.bulk_create(sectors)

    member = User.objects.filter(email=TIRUPPUR_MEMBER).first()
    registrations, fees = _registrations(rng, events, members, everyone, now, member, tiruppur)
    Registration.objects.bulk_create(registrations)
    confirmed = defaultdict(int)
    for registration in registrations:
        if registration.status == RegistrationStatus.CONFIRMED:
            confirmed[registration.event_id] += 1
    for event in events:
        event.confirmed_count = confirmed[event.pk]
    Event.objects.bulk_update(events, ["confirmed_count"])
    saved = {(r.event_id, r.user_id): r for r in Registration.objects.filter(event__in=events)}
    feedback = [
        Feedback(
            registration=saved[(r.event_id, r.user_id)],
            rating=rng.choices([5, 4, 3, 2], weights=[4, 5, 2, 1])[0],
            comments=rng.choice(COMMENTS),
            created_at=r.attended_at + timedelta(hours=rng.randint(6, 60)),
        )
        for r in registrations
        if r.attended_at and rng.random() < 0.5
    ]
    Feedback.objects.bulk_create(feedback)
    _fees_into_books(fees, saved, events, staff)


FIRST = [
    "Arun",
    "Priya",
    "Karthik",
    "Deepa",
    "Suresh",
    "Anjali",
    "Vikram",
    "Meena",
    "Rahul",
    "Fatima",
    "Joseph",
    "Lalitha",
    "Manoj",
    "Nisha",
    "Gurdeep",
    "Sneha",
    "Imran",
    "Kavya",
    "Prakash",
    "Divya",
]
LAST = ["Kumar", "Sharma", "Reddy", "Iyer", "Patel", "Singh", "Das", "Nair", "Khan", "Gupta", "Menon", "Bora"]
# A few names in Devanagari, so certificates in the demo show Hindi shaping.
HINDI = ["सुनीता शर्मा", "राजेश वर्मा", "अनिल कुमार", "पूजा सिंह"]
PER_ASSOCIATION = 30


def _participants(rng, associations) -> None:
    """Employees of member enterprises who attend trainings (the demo has few log-ins): no password, cannot log in.

    Each gets a staff role in one member enterprise, so members-only events let them in as the service would.
    """
    from django.contrib.auth.hashers import make_password

    from portal.associations.models import Membership

    unusable = make_password(None)
    users, roles = [], []
    for association in associations:
        enterprise_ids = list(
            Membership.objects.filter(association=association, status=MembershipStatus.APPROVED)
            .order_by("pk")
            .values_list("enterprise_id", flat=True)[:PER_ASSOCIATION]
        )
        for number, enterprise_id in enumerate(enterprise_ids):
            name = rng.choice(HINDI) if rng.random() < 0.05 else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            user = User(
                email=f"trainee{association.pk}-{number}@events.demo.diaportal.in",
                full_name=name,
                password=unusable,
            )
            users.append(user)
            roles.append((user, enterprise_id))
    User.objects.bulk_create(users)
    EnterpriseUser.objects.bulk_create(
        [EnterpriseUser(enterprise_id=enterprise_id, user=user, role="staff") for user, enterprise_id in roles]
    )


def _registrations(rng, events, members, everyone, now, member, tiruppur):
    registrations, fees = [], []
    for event in events:
        if event.audience == Audience.MEMBERS:
            pool = list(members.get(event.owner_id, []))
        else:
            pool = list(set(members.get(event.owner_id, [])) | set(rng.sample(everyone, k=min(len(everyone), 80))))
        pool.sort()
        if member is not None and member.pk in pool:
            pool.remove(member.pk)  # the named demo member is placed by hand below
        full = event.title == "Pattern-making with CAD: hands-on"
        wanted = event.capacity + 4 if full else min(event.capacity, int(event.capacity * rng.uniform(0.4, 0.9)))
        chosen = rng.sample(pool, k=min(len(pool), wanted))
        if (
            member is not None
            and tiruppur is not None
            and event.owner_id == tiruppur.pk
            and event.title
            in (
                "Dyeing effluent: cutting water use",
                "Compliance audits for export buyers",
            )
        ):
            chosen = [member.pk, *chosen[: event.capacity - 1]]
        past = event.ends_at < now
        for position, user_id in enumerate(chosen):
            status = RegistrationStatus.CONFIRMED if position < event.capacity else RegistrationStatus.WAITLISTED
            attended = (
                past
                and status == RegistrationStatus.CONFIRMED
                and (user_id == getattr(member, "pk", None) or rng.random() < 0.8)
            )
            paid = bool(event.fee) and status == RegistrationStatus.CONFIRMED and (past or rng.random() < 0.5)
            registration = Registration(
                event=event,
                user_id=user_id,
                status=status,
                created_at=event.published_at + timedelta(hours=position + 1),
                attended_at=event.starts_at + timedelta(minutes=rng.randint(0, 40)) if attended else None,
                fee_paid=paid,
                fee_paid_at=event.starts_at - timedelta(days=1) if paid else None,
                reminder_sent_at=event.starts_at - timedelta(hours=24) if past and status == "confirmed" else None,
                certificate_code=f"{rng.getrandbits(48):012X}",
            )
            registrations.append(registration)
            if paid and event.owner_id:
                fees.append(registration)
    return registrations, fees


def _fees_into_books(fees, saved, events, staff) -> None:
    from portal.finances.models import LedgerEntry

    LedgerEntry.objects.bulk_create(
        [
            LedgerEntry(
                association_id=r.event.owner_id,
                direction="income",
                category="event_fees",
                amount=r.event.fee,
                on_date=timezone.localtime(r.fee_paid_at).date(),
                description=f"Fee: {r.event.title}"[:300],
                reference=f"events.registration:{saved[(r.event_id, r.user_id)].pk}",
                created_by_id=staff.get(r.event.owner_id),
            )
            for r in fees
        ]
    )
