"""The demo seeds for plans and services run on the cast, twice, without notifications."""

import random

from portal import testing
from portal.finances.models import LedgerEntry
from portal.notifications.models import Notification
from portal.plans import demo as plans_demo
from portal.plans import selectors as plan_selectors
from portal.plans.models import ActionPlan, PlanStatus
from portal.services import demo as services_demo
from portal.services import selectors as service_selectors
from portal.services.models import Booking, Service


def test_the_demo_seeds_plans_services_bookings_and_the_book(member_a, member_b):
    tiruppur = testing.make_association(slug=plans_demo.TIRUPPUR, office_bearer=testing.make_user())
    ludhiana = testing.make_association(slug=plans_demo.LUDHIANA, office_bearer=testing.make_user())
    for association in (tiruppur, ludhiana):
        for _index in range(3):
            user = testing.make_user()
            testing.make_membership(association=association, enterprise=testing.make_enterprise(owner=user))
    for _round in range(2):
        plans_demo.seed(rng=random.Random(3))
        services_demo.seed(rng=random.Random(3))
    assert ActionPlan.objects.get(association=tiruppur).status == PlanStatus.APPROVED
    assert ActionPlan.objects.get(association=ludhiana).status == PlanStatus.SUBMITTED
    assert plan_selectors.has_approved_plan(tiruppur)
    progress = plan_selectors.plan_progress(tiruppur)
    assert progress["total"] == 5 and progress["budget"] > 0
    assert Service.objects.filter(association=tiruppur).count() == 5
    assert service_selectors.services_sold_count(tiruppur) > service_selectors.services_sold_count(ludhiana) > 0
    delivered = Booking.objects.delivered().filter(fee__gt=0)
    assert LedgerEntry.objects.filter(reference__startswith="services.booking:").count() == delivered.count()
    assert service_selectors.service_income(tiruppur) == sum(
        LedgerEntry.objects.filter(association=tiruppur, category="service_fees").values_list("amount", flat=True)
    )
    assert not Notification.objects.exists()
