"""Writes on pooled demands: opening, committing, closing, outcomes, cancelling, and every refusal."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal import testing
from portal.associations.models import MembershipStatus
from portal.core.errors import ActionRefused
from portal.core.models import AuditLog
from portal.notifications.models import Notification
from portal.pooling import services
from portal.pooling.models import Commitment, PooledDemand, Status

from .conftest import add_member, open_pool


def notified(user, kind: str) -> list[Notification]:
    return list(Notification.objects.filter(user=user, kind=kind))


def commit(pool, user, quantity):
    return services.commitment_make(pooled_demand=pool, enterprise=user.enterprise, quantity=quantity, by=user)


# ---------------------------------------------------------------- opening


def test_opening_records_an_open_pool_audits_it_and_tells_members_of_that_association_only(
    association_a, bearer_a, member_a, member_b
):
    pool = open_pool(association_a, bearer_a, title="  Bulk   cotton yarn  ", unit=" kg ")

    pool.refresh_from_db()
    assert (pool.status, pool.title, pool.unit, pool.target_quantity) == (Status.OPEN, "Bulk cotton yarn", "kg", 20000)
    assert pool.created_by == bearer_a
    entry = AuditLog.objects.for_object(pool).get()
    assert (entry.action, entry.actor, entry.association) == ("pooled_demand.opened", bearer_a, association_a)
    [note] = notified(member_a, "pooled_demand_opened")
    assert "Bulk cotton yarn" in note.title and note.link == f"/pooled/{pool.pk}/"
    assert notified(member_b, "pooled_demand_opened") == []
    assert notified(bearer_a, "pooled_demand_opened") == []


def test_a_member_whose_membership_is_only_requested_is_not_told(association_a, bearer_a):
    waiting = testing.make_user("waiting@example.in")
    enterprise = testing.make_enterprise(owner=waiting)
    testing.make_membership(association=association_a, enterprise=enterprise, status=MembershipStatus.REQUESTED)

    open_pool(association_a, bearer_a)

    assert notified(waiting, "pooled_demand_opened") == []


@pytest.mark.parametrize(
    ("closes_in", "message"),
    [
        (timedelta(hours=-1), "The closing date must be in the future."),
        (timedelta(0), "The closing date must be in the future."),
        (timedelta(days=400), "The closing date can be at most a year from today."),
    ],
)
def test_opening_with_a_closing_date_not_in_the_coming_year_is_refused(association_a, bearer_a, closes_in, message):
    with pytest.raises(ActionRefused) as refused:
        open_pool(association_a, bearer_a, closes_at=timezone.now() + closes_in)

    assert refused.value.message == message
    assert not PooledDemand.objects.exists()


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("0", "The target quantity must be more than zero."),
        ("-100", "The target quantity must be more than zero."),
        ("0.0001", "The target quantity must be more than zero."),
        ("1000000000.001", "The target quantity can be at most 1,000,000,000: check for extra zeros."),
        ("lots", "Enter a number for the target quantity."),
        ("NaN", "Enter a number for the target quantity."),
        ("Infinity", "Enter a number for the target quantity."),
    ],
)
def test_opening_with_a_target_that_is_not_positive_and_sane_is_refused(association_a, bearer_a, target, message):
    with pytest.raises(ActionRefused) as refused:
        open_pool(association_a, bearer_a, target_quantity=target)

    assert refused.value.message == message
    assert not PooledDemand.objects.exists()
    assert not Notification.objects.exists()


def test_quantities_are_never_floats(association_a, bearer_a):
    with pytest.raises(TypeError):
        open_pool(association_a, bearer_a, target_quantity=20000.0)


def test_opening_without_a_unit_is_refused(association_a, bearer_a):
    with pytest.raises(ActionRefused, match="unit"):
        open_pool(association_a, bearer_a, unit="   ")


def test_only_the_associations_office_bearers_can_open(association_a, association_b, member_a, bearer_b, officer):
    for outsider in (member_a, bearer_b, officer, None):
        with pytest.raises(PermissionDenied):
            open_pool(association_a, outsider)
    assert not PooledDemand.objects.exists()


# ---------------------------------------------------------------- committing


def test_committing_records_the_enterprises_quantity_and_audits_it(yarn_pool, member_a):
    commitment, created = commit(yarn_pool, member_a, "1500.5")

    assert created
    assert (commitment.enterprise, commitment.quantity, commitment.committed_by) == (
        member_a.enterprise,
        Decimal("1500.500"),
        member_a,
    )
    assert yarn_pool.total_committed() == Decimal("1500.5")
    entry = AuditLog.objects.for_object(commitment).get()
    assert (entry.action, entry.data["quantity"]) == ("commitment.made", "1500.500")


def test_committing_again_changes_the_quantity_rather_than_adding_a_second_row(yarn_pool, member_a):
    first, _ = commit(yarn_pool, member_a, "1500")
    second, created = commit(yarn_pool, member_a, "900")

    assert not created and second.pk == first.pk
    assert list(Commitment.objects.values_list("quantity", flat=True)) == [Decimal("900")]
    changed = AuditLog.objects.get(action="commitment.changed")
    assert (changed.data["previous_quantity"], changed.data["quantity"]) == ("1500.000", "900.000")


def test_the_running_total_adds_every_members_commitment(yarn_pool, association_a, member_a):
    other = add_member(association_a, "Palladam Processors")
    commit(yarn_pool, member_a, "1500")
    commit(yarn_pool, other, "2500.25")

    assert yarn_pool.total_committed() == Decimal("4000.25")
    assert PooledDemand.objects.with_totals().get().committed_total == Decimal("4000.25")
    assert PooledDemand.objects.with_totals().get().commitment_count == 2


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("0", "The quantity must be more than zero."),
        (-5, "The quantity must be more than zero."),
        (Decimal("-0.5"), "The quantity must be more than zero."),
        ("1000000001", "The quantity can be at most 1,000,000,000: check for extra zeros."),
        ("", "Enter a number for the quantity."),
        ("1e400000", "The quantity can be at most 1,000,000,000: check for extra zeros."),
        ("sNaN", "Enter a number for the quantity."),
    ],
)
def test_a_quantity_that_is_not_positive_and_sane_is_refused(yarn_pool, member_a, quantity, message):
    with pytest.raises(ActionRefused) as refused:
        commit(yarn_pool, member_a, quantity)

    assert refused.value.message == message
    assert not Commitment.objects.exists()


def test_committing_after_the_closing_time_is_refused_even_before_the_task_closes_it(yarn_pool, member_a, travel):
    travel(yarn_pool.closes_at + timedelta(seconds=1))

    with pytest.raises(ActionRefused) as refused:
        commit(yarn_pool, member_a, "100")

    assert "closed on" in refused.value.message and "can no longer be made or changed" in refused.value.message
    assert not Commitment.objects.exists()


def test_committing_to_a_closed_pool_is_refused(yarn_pool, bearer_a, member_a):
    services.pooled_demand_close(pooled_demand=yarn_pool, by=bearer_a)

    with pytest.raises(ActionRefused, match="can no longer be made or changed"):
        commit(yarn_pool, member_a, "100")


def test_committing_to_a_cancelled_pool_is_refused(yarn_pool, bearer_a, member_a):
    services.pooled_demand_cancel(pooled_demand=yarn_pool, reason="No supplier interested.", by=bearer_a)

    with pytest.raises(ActionRefused, match="was cancelled"):
        commit(yarn_pool, member_a, "100")


def test_a_commitment_made_with_a_stale_copy_is_refused_once_someone_else_closed_it(yarn_pool, bearer_a, member_a):
    """Two people at once: the service re-reads the pool under a lock, so an old copy cannot slip a commit in."""
    stale = PooledDemand.objects.get(pk=yarn_pool.pk)
    services.pooled_demand_close(pooled_demand=yarn_pool, by=bearer_a)
    assert stale.status == Status.OPEN

    with pytest.raises(ActionRefused):
        commit(stale, member_a, "100")
    assert not Commitment.objects.exists()


def test_a_commitment_reads_the_pool_under_a_row_lock(yarn_pool, member_a):
    with CaptureQueriesContext(connection) as queries:
        commit(yarn_pool, member_a, "100")

    pool_reads = [q["sql"] for q in queries if 'FROM "pooling_pooleddemand"' in q["sql"]]
    assert pool_reads, "the service must re-read the pooled demand"
    if connection.features.has_select_for_update:  # PostgreSQL; SQLite locks the whole database on write
        assert "FOR UPDATE" in pool_reads[0]


def test_the_database_itself_refuses_a_second_commitment_or_a_non_positive_one(yarn_pool, member_a):
    commit(yarn_pool, member_a, "100")

    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.create(pooled_demand=yarn_pool, enterprise=member_a.enterprise, quantity=5)
    other = testing.make_enterprise()
    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.create(pooled_demand=yarn_pool, enterprise=other, quantity=0)


def test_a_member_of_another_association_cannot_commit(yarn_pool, member_b):
    with pytest.raises(PermissionDenied):
        commit(yarn_pool, member_b, "100")
    assert not Commitment.objects.exists()


def test_a_member_cannot_commit_for_an_enterprise_they_do_not_act_for(yarn_pool, association_a, member_a):
    other = add_member(association_a, "Palladam Processors")

    with pytest.raises(PermissionDenied):
        services.commitment_make(pooled_demand=yarn_pool, enterprise=other.enterprise, quantity="5", by=member_a)


def test_an_enterprise_whose_membership_is_not_approved_cannot_commit(yarn_pool, association_a):
    user = testing.make_user()
    enterprise = testing.make_enterprise(owner=user)
    testing.make_membership(association=association_a, enterprise=enterprise, status=MembershipStatus.DECLINED)

    with pytest.raises(PermissionDenied):
        services.commitment_make(pooled_demand=yarn_pool, enterprise=enterprise, quantity="5", by=user)


def test_withdrawing_before_closing_removes_the_commitment(yarn_pool, member_a):
    commit(yarn_pool, member_a, "100")

    services.commitment_withdraw(pooled_demand=yarn_pool, enterprise=member_a.enterprise, by=member_a)

    assert not Commitment.objects.exists()
    assert AuditLog.objects.filter(action="commitment.withdrawn", actor=member_a).exists()


def test_withdrawing_after_closing_is_refused_and_the_commitment_stays(yarn_pool, bearer_a, member_a):
    commit(yarn_pool, member_a, "100")
    services.pooled_demand_close(pooled_demand=yarn_pool, by=bearer_a)

    with pytest.raises(ActionRefused):
        services.commitment_withdraw(pooled_demand=yarn_pool, enterprise=member_a.enterprise, by=member_a)
    assert Commitment.objects.count() == 1


def test_withdrawing_with_nothing_committed_is_refused(yarn_pool, member_a):
    with pytest.raises(ActionRefused, match="has no commitment to withdraw"):
        services.commitment_withdraw(pooled_demand=yarn_pool, enterprise=member_a.enterprise, by=member_a)


# ---------------------------------------------------------------- closing, outcome, cancelling


def test_closing_stops_commitments_audits_the_total_and_tells_those_who_committed(
    yarn_pool, association_a, bearer_a, member_a
):
    bystander = add_member(association_a, "Quiet Dyers")
    commit(yarn_pool, member_a, "1500")

    services.pooled_demand_close(pooled_demand=yarn_pool, by=bearer_a)

    yarn_pool.refresh_from_db()
    assert yarn_pool.status == Status.CLOSED and yarn_pool.closed_at is not None
    entry = AuditLog.objects.get(action="pooled_demand.closed")
    assert (entry.actor, entry.data["total"], entry.data["count"]) == (bearer_a, "1500.000", 1)
    assert len(notified(member_a, "pooled_demand_closed")) == 1
    assert notified(bystander, "pooled_demand_closed") == []


def test_closing_twice_is_refused(yarn_pool, bearer_a):
    services.pooled_demand_close(pooled_demand=yarn_pool, by=bearer_a)

    with pytest.raises(ActionRefused, match="Only an open pooled demand can be closed"):
        services.pooled_demand_close(pooled_demand=yarn_pool, by=bearer_a)


def test_a_member_cannot_close_record_an_outcome_or_cancel(yarn_pool, member_a, officer, bearer_b):
    for outsider in (member_a, officer, bearer_b):
        with pytest.raises(PermissionDenied):
            services.pooled_demand_close(pooled_demand=yarn_pool, by=outsider)
        with pytest.raises(PermissionDenied):
            services.pooled_demand_cancel(pooled_demand=yarn_pool, reason="x", by=outsider)
        with pytest.raises(PermissionDenied):
            services.pooled_demand_record_outcome(
                pooled_demand=yarn_pool, price_per_unit="1", supplier="x", by=outsider
            )
    yarn_pool.refresh_from_db()
    assert yarn_pool.status == Status.OPEN


def test_recording_the_outcome_shows_it_and_tells_the_associations_members(
    yarn_pool, association_a, bearer_a, member_a, member_b
):
    bystander = add_member(association_a, "Quiet Dyers")
    commit(yarn_pool, member_a, "1500")
    services.pooled_demand_close(pooled_demand=yarn_pool, by=bearer_a)

    services.pooled_demand_record_outcome(
        pooled_demand=yarn_pool,
        price_per_unit="268.50",
        supplier="Sri Ramalinga Spinning Mills",
        notes="Delivery in two lots.",
        by=bearer_a,
    )

    yarn_pool.refresh_from_db()
    assert yarn_pool.status == Status.NEGOTIATED
    assert (yarn_pool.negotiated_price, yarn_pool.supplier) == (Decimal("268.50"), "Sri Ramalinga Spinning Mills")
    assert yarn_pool.outcome_recorded_by == bearer_a and yarn_pool.outcome_recorded_at is not None
    [note] = notified(member_a, "pooled_demand_outcome")
    assert "₹268.50 per kg" in note.title
    assert len(notified(bystander, "pooled_demand_outcome")) == 1  # every member, not only those who committed
    assert notified(member_b, "pooled_demand_outcome") == []
    assert AuditLog.objects.filter(action="pooled_demand.outcome_recorded").count() == 1


def test_correcting_an_outcome_keeps_the_earlier_values_in_the_audit(yarn_pool, bearer_a):
    services.pooled_demand_close(pooled_demand=yarn_pool, by=bearer_a)
    services.pooled_demand_record_outcome(
        pooled_demand=yarn_pool, price_per_unit="268.50", supplier="Mill A", by=bearer_a
    )

    services.pooled_demand_record_outcome(pooled_demand=yarn_pool, price_per_unit="259", supplier="Mill B", by=bearer_a)

    corrected = AuditLog.objects.get(action="pooled_demand.outcome_corrected")
    assert (corrected.data["previous_price"], corrected.data["previous_supplier"]) == ("268.50", "Mill A")
    assert corrected.data["price"] == "259.00"


def test_an_outcome_cannot_be_recorded_while_members_can_still_commit(yarn_pool, bearer_a):
    with pytest.raises(ActionRefused, match="Close the pooled demand before recording its outcome"):
        services.pooled_demand_record_outcome(
            pooled_demand=yarn_pool, price_per_unit="250", supplier="Mill", by=bearer_a
        )


@pytest.mark.parametrize(
    ("price", "supplier", "message"),
    [
        ("0", "Mill", "The negotiated price must be more than zero."),
        ("-3", "Mill", "The negotiated price must be more than zero."),
        ("100000000.01", "Mill", "The price per unit can be at most ₹10,00,00,000.00: check for extra zeros."),
        ("250", "   ", "Name the supplier the price was negotiated with."),
    ],
)
def test_an_outcome_with_a_bad_price_or_no_supplier_is_refused(yarn_pool, bearer_a, price, supplier, message):
    services.pooled_demand_close(pooled_demand=yarn_pool, by=bearer_a)

    with pytest.raises(ActionRefused) as refused:
        services.pooled_demand_record_outcome(
            pooled_demand=yarn_pool, price_per_unit=price, supplier=supplier, by=bearer_a
        )

    assert refused.value.message == message
    yarn_pool.refresh_from_db()
    assert yarn_pool.status == Status.CLOSED and yarn_pool.negotiated_price is None


def test_cancelling_needs_a_reason_and_tells_those_who_committed(yarn_pool, bearer_a, member_a):
    commit(yarn_pool, member_a, "100")
    with pytest.raises(ActionRefused, match="Say why"):
        services.pooled_demand_cancel(pooled_demand=yarn_pool, reason="  ", by=bearer_a)

    services.pooled_demand_cancel(pooled_demand=yarn_pool, reason="Too few members committed.", by=bearer_a)

    yarn_pool.refresh_from_db()
    assert (yarn_pool.status, yarn_pool.cancel_reason) == (Status.CANCELLED, "Too few members committed.")
    [note] = notified(member_a, "pooled_demand_cancelled")
    assert note.body == "Too few members committed."


def test_a_negotiated_pool_cannot_be_cancelled_nor_a_cancelled_one_closed(yarn_pool, association_a, bearer_a):
    services.pooled_demand_close(pooled_demand=yarn_pool, by=bearer_a)
    services.pooled_demand_record_outcome(pooled_demand=yarn_pool, price_per_unit="250", supplier="Mill", by=bearer_a)
    with pytest.raises(ActionRefused, match="cannot be cancelled"):
        services.pooled_demand_cancel(pooled_demand=yarn_pool, reason="Changed our mind", by=bearer_a)

    other = open_pool(association_a, bearer_a, title="Joint stall at IITF Delhi")
    services.pooled_demand_cancel(pooled_demand=other, reason="Fair postponed", by=bearer_a)
    with pytest.raises(ActionRefused):
        services.pooled_demand_close(pooled_demand=other, by=bearer_a)
    with pytest.raises(ActionRefused, match="was cancelled"):
        services.pooled_demand_record_outcome(pooled_demand=other, price_per_unit="250", supplier="Mill", by=bearer_a)
