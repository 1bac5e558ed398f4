from datetime import timedelta

import pytest
from django.utils import timezone

from portal import testing
from portal.core.models import Sector


@pytest.fixture
def scheme_data(association_a, association_b, member_a, member_b):
    """Crafted records with figures worked out by hand in the tests:

    approved: A (Tamil Nadu, textiles), B (Punjab, engineering), NE (Assam, food processing, stage
    establishment); one more association submitted in Kerala. Members: A has 2 (member_a + one more),
    B has 1, NE has 1. Requirements of A's members: three posted, first responses after 1, 2 and 5 days,
    two resolved after 4 and 10 days, ratings 4 and 5.
    """
    north_east = testing.make_association(
        name="Guwahati Food Processors Association",
        slug="guwahati",
        state_code="AS",
        sectors=[Sector.objects.get(slug="food-processing")],
        stage="establishment",
    )
    testing.make_association(name="Kochi Coir Association", slug="kochi", state_code="KL", status="submitted")
    second = testing.make_enterprise(owner=testing.make_user(), name="Second Knits")
    testing.make_membership(association=association_a, enterprise=second)
    assam_firm = testing.make_enterprise(owner=testing.make_user(), name="Brahmaputra Spices", state_code="AS")
    testing.make_membership(association=north_east, enterprise=assam_firm)

    from portal.desk.models import Requirement

    now = timezone.now()
    plan = [(1, 4, 4), (2, 10, 5), (5, None, None)]
    for index, (first_days, resolved_days, rating) in enumerate(plan):
        requirement = testing.make_requirement(by=member_a, title=f"Need {index}")
        posted = now - timedelta(days=30)
        Requirement.objects.filter(pk=requirement.pk).update(
            posted_at=posted,
            clock_started_at=posted,
            first_response_at=posted + timedelta(days=first_days),
            resolved_at=None if resolved_days is None else posted + timedelta(days=resolved_days),
            status="posted" if resolved_days is None else "resolved",
            rating=rating,
        )
    return {"north_east": north_east}
