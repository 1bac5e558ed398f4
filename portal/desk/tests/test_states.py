"""The state machine: every allowed step works through the service that takes it and is recorded;
every other step is refused with a clear message and leaves nothing behind."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from portal.core.errors import ActionRefused
from portal.core.models import AuditLog
from portal.desk import services
from portal.desk.models import Holder, Offer, ReferenceCounter, Requirement, Status, Transition
from portal.desk.states import ALLOWED_TRANSITIONS, can_transition, check_transition
from portal.desk.tests.flows import drive, fresh, quote
from portal.notifications.models import Notification

ALL_PAIRS = [(a, b) for a in Status for b in Status]
ALLOWED_PAIRS = [(a, b) for a, targets in ALLOWED_TRANSITIONS.items() for b in targets]
REFUSED_PAIRS = [pair for pair in ALL_PAIRS if pair not in ALLOWED_PAIRS]


def pair_id(pair) -> str:
    return f"{pair[0]}->{pair[1]}"


# ---------------------------------------------------------------- the table itself


def test_the_table_names_every_status_once():
    assert set(ALLOWED_TRANSITIONS) == set(Status)
    for targets in ALLOWED_TRANSITIONS.values():
        assert targets <= set(Status)


def test_closed_and_withdrawn_are_final():
    assert ALLOWED_TRANSITIONS[Status.CLOSED] == set()
    assert ALLOWED_TRANSITIONS[Status.WITHDRAWN] == set()


@pytest.mark.parametrize("pair", ALLOWED_PAIRS, ids=pair_id)
def test_an_allowed_pair_passes_the_check(pair):
    assert can_transition(*pair)
    check_transition(*pair)  # does not raise


@pytest.mark.parametrize("pair", REFUSED_PAIRS, ids=pair_id)
def test_a_pair_not_in_the_table_is_refused_with_both_statuses_named(pair):
    from_status, to_status = pair
    assert not can_transition(from_status, to_status)
    with pytest.raises(ActionRefused) as refused:
        check_transition(from_status, to_status)
    assert refused.value.message == (
        f"A requirement that is “{Status(from_status).label}” cannot become “{Status(to_status).label}”."
    )


def test_an_unknown_status_is_refused_rather_than_crashing_the_lookup():
    assert not can_transition("archived", Status.POSTED)


# ---------------------------------------------------------------- every allowed step, through its service


def do_post(cast, requirement):
    services.requirement_post(requirement=requirement, by=cast.member)
    return cast.member, ""


def do_withdraw(cast, requirement):
    services.requirement_withdraw(requirement=requirement, by=cast.member, reason="Found the money elsewhere")
    return cast.member, "Found the money elsewhere"


def do_take_up(cast, requirement):
    services.requirement_take_up(requirement=requirement, by=cast.office)
    return cast.office, ""


def do_forward(cast, requirement):
    services.requirement_forward_to_sidbi(requirement=requirement, by=cast.office, reason="Needs a SIDBI scheme")
    return cast.office, "Needs a SIDBI scheme"


def do_assign(cast, requirement):
    services.requirement_assign(requirement=requirement, provider=cast.lab, by=cast.office, note="Please quote")
    return cast.office, "Please quote"


def do_open_offer(cast, requirement):
    """The lab answers a requirement open to providers without holding it."""
    quote(requirement, cast.lab_user)
    return cast.lab_user, ""


def do_holder_offer(cast, requirement):
    quote(requirement, cast.lab_user)
    return cast.lab_user, ""


def do_return(cast, requirement):
    services.requirement_return_to_desk(requirement=requirement, by=cast.lab_user, reason="Not our field")
    return cast.lab_user, "Not our field"


def do_resolve(cast, requirement):
    services.requirement_resolve(requirement=requirement, by=cast.member, rating=5, comment="Solved quickly")
    return cast.member, "Solved quickly"


def do_close(cast, requirement):
    services.requirement_close(requirement=requirement, by=cast.member)
    return cast.member, ""


def do_reopen(cast, requirement):
    services.requirement_reopen(requirement=requirement, by=cast.member, reason="The report was rejected")
    return cast.member, "The report was rejected"


S = Status
STEPS = [
    (S.DRAFT, S.POSTED, do_post),
    (S.DRAFT, S.WITHDRAWN, do_withdraw),
    (S.POSTED, S.IN_TRIAGE, do_take_up),
    (S.POSTED, S.IN_TRIAGE, do_forward),
    (S.POSTED, S.ASSIGNED, do_assign),
    (S.POSTED, S.OFFER_MADE, do_open_offer),
    (S.POSTED, S.RESOLVED, do_resolve),
    (S.POSTED, S.WITHDRAWN, do_withdraw),
    (S.IN_TRIAGE, S.ASSIGNED, do_assign),
    (S.IN_TRIAGE, S.OFFER_MADE, do_open_offer),
    (S.IN_TRIAGE, S.RESOLVED, do_resolve),
    (S.IN_TRIAGE, S.WITHDRAWN, do_withdraw),
    (S.ASSIGNED, S.IN_TRIAGE, do_return),
    (S.ASSIGNED, S.IN_TRIAGE, do_forward),
    (S.ASSIGNED, S.OFFER_MADE, do_holder_offer),
    (S.ASSIGNED, S.RESOLVED, do_resolve),
    (S.ASSIGNED, S.WITHDRAWN, do_withdraw),
    (S.OFFER_MADE, S.IN_TRIAGE, do_return),
    (S.OFFER_MADE, S.RESOLVED, do_resolve),
    (S.OFFER_MADE, S.WITHDRAWN, do_withdraw),
    (S.REOPENED, S.IN_TRIAGE, do_take_up),
    (S.REOPENED, S.ASSIGNED, do_assign),
    (S.REOPENED, S.OFFER_MADE, do_open_offer),
    (S.REOPENED, S.RESOLVED, do_resolve),
    (S.REOPENED, S.WITHDRAWN, do_withdraw),
    (S.RESOLVED, S.CLOSED, do_close),
    (S.RESOLVED, S.REOPENED, do_reopen),
]


def step_id(step) -> str:
    return f"{step[0]}->{step[1]}:{step[2].__name__.removeprefix('do_')}"


def test_every_allowed_transition_has_a_service_step_below():
    assert {(a, b) for a, b, _ in STEPS} == set(ALLOWED_PAIRS)


@pytest.mark.parametrize("step", STEPS, ids=step_id)
def test_an_allowed_transition_succeeds_and_is_recorded_with_who_when_from_to_and_why(cast, step):
    from_status, to_status, action = step
    requirement = drive(cast, from_status)
    transitions_before = set(Transition.objects.values_list("pk", flat=True))
    audits_before = set(AuditLog.objects.values_list("pk", flat=True))
    started = timezone.now()

    actor, reason = action(cast, requirement)

    requirement = fresh(requirement)
    assert requirement.status == to_status
    new_transitions = Transition.objects.exclude(pk__in=transitions_before)
    assert [(t.from_status, t.to_status) for t in new_transitions] == [(from_status, to_status)]
    transition = new_transitions.get()
    assert transition.requirement == requirement
    assert transition.by == actor
    assert transition.reason == reason
    assert started - timedelta(seconds=1) <= transition.at <= timezone.now() + timedelta(seconds=1)
    record = AuditLog.objects.exclude(pk__in=audits_before).get(action=f"requirement.{to_status}")
    assert record.actor == actor
    assert record.target_type == "desk.requirement"
    assert record.target_id == str(requirement.pk)
    assert record.association == requirement.association
    assert record.reason == reason
    assert record.data == {"from_status": from_status, "to_status": to_status}


def test_a_second_offer_on_an_offer_made_requirement_is_no_new_transition(cast, rival_user, rival):
    requirement = drive(cast, Status.POSTED)
    quote(requirement, cast.lab_user)
    transitions = Transition.objects.count()

    quote(requirement, rival_user, price="39000")

    assert fresh(requirement).status == Status.OFFER_MADE
    assert Transition.objects.count() == transitions
    assert Offer.objects.filter(requirement=requirement).count() == 2


def test_posting_records_the_first_transition_from_draft(cast):
    requirement = drive(cast, Status.POSTED)
    assert list(requirement.transitions.values_list("from_status", "to_status", "by")) == [
        (Status.DRAFT, Status.POSTED, cast.member.pk)
    ]


def test_the_full_history_is_kept_in_order(cast):
    requirement = drive(cast, Status.OFFER_MADE)
    services.requirement_resolve(requirement=requirement, by=cast.member, rating=3)
    assert list(fresh(requirement).transitions.values_list("to_status", flat=True)) == [
        Status.POSTED,
        Status.ASSIGNED,
        Status.OFFER_MADE,
        Status.RESOLVED,
    ]


# ---------------------------------------------------------------- refused steps leave nothing behind


def snapshot(requirement: Requirement) -> dict:
    return {
        "requirement": Requirement.objects.filter(pk=requirement.pk).values().get(),
        "transitions": Transition.objects.count(),
        "audit": AuditLog.objects.count(),
        "notifications": Notification.objects.count(),
        "counters": list(ReferenceCounter.objects.values_list("year", "last")),
        "offers": list(Offer.objects.order_by("pk").values_list("pk", "status")),
    }


REFUSED_STEPS = [
    (S.POSTED, S.POSTED, do_post),
    (S.WITHDRAWN, S.POSTED, do_post),
    (S.CLOSED, S.REOPENED, do_reopen),
    (S.CLOSED, S.WITHDRAWN, do_withdraw),
    (S.WITHDRAWN, S.RESOLVED, do_resolve),
    (S.RESOLVED, S.RESOLVED, do_resolve),
    (S.RESOLVED, S.IN_TRIAGE, do_take_up),
    (S.IN_TRIAGE, S.IN_TRIAGE, do_take_up),
    (S.OFFER_MADE, S.ASSIGNED, do_assign),
    (S.POSTED, S.CLOSED, do_close),
    (S.DRAFT, S.RESOLVED, do_resolve),
    (S.DRAFT, S.CLOSED, do_close),
]


@pytest.mark.parametrize("step", REFUSED_STEPS, ids=step_id)
def test_a_refused_transition_through_a_service_changes_nothing(cast, step):
    from_status, to_status, action = step
    requirement = drive(cast, from_status)
    before = snapshot(requirement)

    with pytest.raises(ActionRefused) as refused:
        action(cast, requirement)

    assert refused.value.message == (
        f"A requirement that is “{Status(from_status).label}” cannot become “{Status(to_status).label}”."
    )
    assert snapshot(requirement) == before


def test_reposting_does_not_use_up_a_reference_number(cast):
    requirement = drive(cast, Status.POSTED)
    with pytest.raises(ActionRefused):
        services.requirement_post(requirement=requirement, by=cast.member)
    second = drive(cast, Status.POSTED)
    assert int(second.reference[-6:]) == int(requirement.reference[-6:]) + 1


def test_withdrawing_a_requirement_with_open_offers_withdraws_the_offers(cast):
    requirement = drive(cast, Status.OFFER_MADE)
    services.requirement_withdraw(requirement=requirement, by=cast.member)
    assert set(requirement.offers.values_list("status", flat=True)) == {"withdrawn"}


def test_returning_to_the_desk_clears_the_provider_and_withdraws_its_offers(cast):
    requirement = drive(cast, Status.OFFER_MADE)
    services.requirement_return_to_desk(requirement=requirement, by=cast.lab_user, reason="Cannot do it")
    requirement = fresh(requirement)
    assert requirement.holder == Holder.ASSOCIATION
    assert requirement.assigned_provider is None
    assert set(requirement.offers.values_list("status", flat=True)) == {"withdrawn"}


def test_a_loan_offer_on_a_technical_requirement_is_refused_and_not_recorded(cast):
    requirement = drive(cast, Status.ASSIGNED)
    before = snapshot(requirement)
    with pytest.raises(ActionRefused, match="service quote"):
        services.offer_make(requirement=requirement, by=cast.lab_user, kind="loan", amount=Decimal("100000"))
    assert snapshot(requirement) == before


# ---------------------------------------------------------------- hand-overs while in triage


def test_the_office_can_forward_to_sidbi_a_requirement_it_has_taken_up(cast):
    requirement = drive(cast, Status.IN_TRIAGE)
    services.requirement_forward_to_sidbi(requirement=requirement, by=cast.office, reason="Needs a SIDBI scheme")
    requirement = fresh(requirement)
    assert (requirement.status, requirement.holder) == (Status.IN_TRIAGE, Holder.SIDBI)
    handover = requirement.transitions.last()
    assert (handover.from_status, handover.to_status, handover.by, handover.reason) == (
        Status.IN_TRIAGE,
        Status.IN_TRIAGE,
        cast.office,
        "Needs a SIDBI scheme",
    )
    assert AuditLog.objects.for_object(requirement).filter(action="requirement.in_triage").count() == 2


def test_sidbi_can_return_a_forwarded_requirement_to_the_association_desk(cast, officer):
    requirement = drive(cast, Status.POSTED)
    services.requirement_forward_to_sidbi(requirement=requirement, by=cast.office, reason="Scheme question")
    services.requirement_return_to_desk(requirement=requirement, by=officer, reason="Assign a bank instead")
    requirement = fresh(requirement)
    assert (requirement.status, requirement.holder) == (Status.IN_TRIAGE, Holder.ASSOCIATION)
    assert requirement.transitions.last().by == officer


def test_returning_a_requirement_already_on_the_association_desk_is_refused(cast):
    requirement = drive(cast, Status.IN_TRIAGE)
    before = snapshot(requirement)
    with pytest.raises(ActionRefused, match="already on the association's desk"):
        services.requirement_return_to_desk(requirement=requirement, by=cast.office, reason="Again")
    assert snapshot(requirement) == before


def test_forwarding_twice_is_refused(cast):
    requirement = drive(cast, Status.POSTED)
    services.requirement_forward_to_sidbi(requirement=requirement, by=cast.office, reason="Scheme question")
    before = snapshot(requirement)
    with pytest.raises(ActionRefused, match="SIDBI already holds"):
        services.requirement_forward_to_sidbi(requirement=requirement, by=cast.office, reason="Again")
    assert snapshot(requirement) == before
