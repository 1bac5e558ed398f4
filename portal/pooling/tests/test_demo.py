"""Demo pooled demands: realistic pools in every status, with commitments from approved members only."""

import random
from collections import Counter

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal import testing
from portal.associations.models import MembershipStatus
from portal.associations.models import Status as AssociationStatus
from portal.pooling.demo import seed_pooled_demands
from portal.pooling.models import Commitment, PooledDemand, Status


def with_members(association, count: int, **enterprise_fields):
    for _index in range(count):
        testing.make_membership(association=association, enterprise=testing.make_enterprise(**enterprise_fields))
    return association


def test_seeding_gives_each_approved_association_a_few_realistic_pools_with_member_commitments(
    association_a, association_b, member_a
):
    with_members(association_a, 12)
    with_members(association_b, 8, state_code="PB", sector="engineering")
    outsider = testing.make_enterprise()
    testing.make_membership(association=association_a, enterprise=outsider, status=MembershipStatus.REQUESTED)
    pending = testing.make_association(status=AssociationStatus.SUBMITTED)
    now = timezone.now()

    with CaptureQueriesContext(connection) as queries:
        created = seed_pooled_demands(random.Random(2026), [association_a, association_b, pending], now)

    assert len(queries) <= 12  # bulk inserts: a handful of queries however many associations
    per_association = Counter(pool.association_id for pool in PooledDemand.objects.all())
    assert set(per_association) == {association_a.pk, association_b.pk}
    assert all(3 <= n <= 4 for n in per_association.values())
    assert len(created) == PooledDemand.objects.count()
    titles_a = set(PooledDemand.objects.filter(association=association_a).values_list("title", flat=True))
    titles_b = set(PooledDemand.objects.filter(association=association_b).values_list("title", flat=True))
    assert titles_a & {"Bulk cotton yarn purchase, 40s count combed", "Reactive dyes bulk purchase for the next season"}
    assert "Bulk purchase of EN8 steel rounds" in titles_b or "Joint stall at IMTEX Bengaluru" in titles_b
    statuses = set(PooledDemand.objects.values_list("status", flat=True))
    assert {Status.OPEN, Status.CLOSED, Status.NEGOTIATED} <= statuses
    for pool in PooledDemand.objects.all():
        assert pool.target_quantity > 0
        assert (pool.closes_at > now) == (pool.status == Status.OPEN)
        assert pool.created_at < now
        if pool.status == Status.NEGOTIATED:
            assert pool.negotiated_price > 0 and pool.supplier and pool.outcome_recorded_at
    # Every commitment comes from an approved member of the pool's association, once per enterprise.
    assert Commitment.objects.exists()
    for commitment in Commitment.objects.select_related("pooled_demand"):
        assert commitment.quantity > 0
        assert commitment.enterprise.memberships.filter(
            association=commitment.pooled_demand.association_id, status=MembershipStatus.APPROVED
        ).exists()
        assert commitment.created_at <= now
    assert not Commitment.objects.filter(enterprise=outsider).exists()
    owner_commitment = Commitment.objects.filter(enterprise=member_a.enterprise).first()
    if owner_commitment is not None:
        assert owner_commitment.committed_by == member_a


def test_seeding_is_deterministic_for_a_given_seed(association_a, bearer_a):
    with_members(association_a, 6)
    now = timezone.now()

    seed_pooled_demands(random.Random(7), [association_a], now)
    first = list(PooledDemand.objects.order_by("id").values_list("title", "status", "target_quantity"))
    PooledDemand.objects.all().delete()
    seed_pooled_demands(random.Random(7), [association_a], now)

    assert list(PooledDemand.objects.order_by("id").values_list("title", "status", "target_quantity")) == first


def test_seeding_with_no_approved_association_does_nothing(db):
    pending = testing.make_association(status=AssociationStatus.SUBMITTED)

    assert seed_pooled_demands(random.Random(1), [pending], timezone.now()) == []
    assert not PooledDemand.objects.exists()
