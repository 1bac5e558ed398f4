"""Demo strategic services: catalogues for about 40 associations and 18 months of bookings, fees and ratings.

Deterministic and idempotent; bulk inserts; no notifications. Delivered bookings get their LedgerEntry
(income, service fees) with the same reference the live service writes, so the books and the scheme's stage
rule (services sold) agree with the bookings.
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from portal.associations.models import Association, AssociationStaff, Membership, MembershipStatus
from portal.enterprises.models import EnterpriseUser
from portal.services.models import Booking, BookingStatus, Service

TIRUPPUR = "tiruppur-knitwear-manufacturers-association"
LUDHIANA = "ludhiana-engineering-manufacturers-association"

TIRUPPUR_SERVICES = [
    ("testing", "Fabric testing laboratory (GSM, shrinkage, colour fastness)", "per_test", 450, 750),
    ("training", "Merchandising and export documentation course", "per_participant", 1500, 2500),
    ("aggregated_purchase", "Aggregated cotton yarn purchase", "per_order", 2000, 3500),
    ("compliance_help", "Social compliance audit preparation (BSCI, SEDEX)", "per_case", 6000, 9500),
    ("market_linkage", "Shared stall at the India Knit Fair", "per_day", 8000, 12000),
]
GENERIC = [
    ("testing", "Material testing", "per_test", (300, 900)),
    ("common_facility", "Common facility centre machine hire", "per_hour", (250, 700)),
    ("training", "Skill training for workers", "per_participant", (500, 2000)),
    ("market_linkage", "Buyer-seller meet participation", "per_day", (2000, 8000)),
    ("aggregated_purchase", "Pooled raw material purchase", "per_order", (1000, 4000)),
    ("export_help", "Export documentation help", "per_consignment", (1500, 5000)),
    ("compliance_help", "GST and labour compliance desk", "per_month", (800, 2500)),
]
COMMENTS = [
    "Quick and professional.",
    "Report came on time.",
    "Useful for our buyer audit.",
    "",
    "",
    "Could be faster.",
]


def _rupees(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


def seed(*, rng: random.Random) -> None:
    if Service.objects.exists():
        return
    from portal.finances.models import LedgerEntry

    named = list(Association.objects.approved().filter(slug__in=[TIRUPPUR, LUDHIANA]))
    others = list(Association.objects.approved().exclude(slug__in=[TIRUPPUR, LUDHIANA]).order_by("pk"))
    associations = named + rng.sample(others, min(38, len(others)))
    services = []
    for association in associations:
        if association.slug == TIRUPPUR:
            rows = TIRUPPUR_SERVICES
        else:
            rows = [
                (kind, title, unit, rng.randrange(*span, 50), None)
                for kind, title, unit, span in rng.sample(GENERIC, rng.randint(2, 5))
            ]
        for kind, title, unit, member, non_member in rows:
            non_member = non_member or int(member * rng.choice([1.3, 1.5, 1.6]))
            services.append(
                Service(
                    association=association,
                    kind=kind,
                    title=title,
                    description=f"{title}, offered by {association.name} to members and other firms of the cluster.",
                    unit=unit,
                    price_member=_rupees(member),
                    price_non_member=_rupees(non_member),
                    published=rng.random() > 0.1 or association.slug == TIRUPPUR,
                )
            )
    Service.objects.bulk_create(services)

    members = {}
    for association_id, user_id, enterprise_id in (
        EnterpriseUser.objects.filter(
            enterprise__in=Membership.objects.filter(status=MembershipStatus.APPROVED).values("enterprise")
        )
        .values_list("enterprise__memberships__association", "user", "enterprise")
        .order_by("pk")
    ):
        members.setdefault(association_id, []).append((user_id, enterprise_id))
    office = dict(AssociationStaff.objects.values_list("association", "user"))
    today = timezone.localdate()
    bookings = []
    by_association = {}
    for service in Service.objects.filter(published=True).order_by("pk"):
        by_association.setdefault(service.association_id, []).append(service)
    for association in associations:
        people = members.get(association.pk) or []
        offered = by_association.get(association.pk) or []
        if not people or not offered:
            continue
        # Some associations sell a lot, some hardly anything: the stage rule needs the spread.
        count = (
            160
            if association.slug == TIRUPPUR
            else 35
            if association.slug == LUDHIANA
            else rng.choice([0, 0, 2, 5, 10, 25, 60, 120])
        )
        for _index in range(count):
            service = rng.choice(offered)
            user_id, enterprise_id = rng.choice(people)
            created = today - timedelta(days=rng.randint(3, 540))
            is_member = rng.random() < 0.85
            price = service.price_for(is_member)
            status = rng.choices(
                [BookingStatus.DELIVERED, BookingStatus.DECLINED, BookingStatus.CANCELLED], [88, 7, 5]
            )[0]
            delivered = status == BookingStatus.DELIVERED
            rated = delivered and rng.random() < 0.6
            bookings.append(
                Booking(
                    service=service,
                    association_id=association.pk,
                    booked_by_id=user_id,
                    enterprise_id=enterprise_id,
                    is_member=is_member,
                    price=price,
                    note="",
                    status=status,
                    decline_reason="Fully booked that week." if status == BookingStatus.DECLINED else "",
                    fee=price if delivered else None,
                    delivered_on=min(created + timedelta(days=rng.randint(1, 12)), today) if delivered else None,
                    rating=rng.choices([5, 4, 3, 2], [45, 35, 15, 5])[0] if rated else None,
                    rating_comment=rng.choice(COMMENTS) if rated else "",
                    rated_at=timezone.now() if rated else None,
                    created_at=timezone.make_aware(datetime.combine(created, time(10))),
                )
            )
        for _index in range(rng.randint(0, 3) if association.slug != TIRUPPUR else 4):  # a few open ones
            service = rng.choice(offered)
            user_id, enterprise_id = rng.choice(people)
            bookings.append(
                Booking(
                    service=service,
                    association_id=association.pk,
                    booked_by_id=user_id,
                    enterprise_id=enterprise_id,
                    is_member=True,
                    price=service.price_member,
                    note="Please call before you come.",
                    preferred_date=today + timedelta(days=rng.randint(2, 20)),
                    status=rng.choice([BookingStatus.REQUESTED, BookingStatus.ACCEPTED]),
                )
            )
    Booking.objects.bulk_create(bookings, batch_size=500)
    titles = dict(Service.objects.values_list("pk", "title"))
    LedgerEntry.objects.bulk_create(
        [
            LedgerEntry(
                association_id=booking.association_id,
                direction="income",
                category="service_fees",
                amount=booking.fee,
                on_date=booking.delivered_on,
                description=titles[booking.service_id][:300],
                reference=f"services.booking:{booking.pk}",
                created_by_id=office.get(booking.association_id),
            )
            for booking in Booking.objects.filter(status=BookingStatus.DELIVERED, fee__gt=0).order_by("pk")
        ],
        batch_size=500,
    )
