"""Every stateful record moves through its table: each (from, to) pair of every table is allowed or refused
exactly as the table says, and every model with a status has a table."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps

from portal.core.errors import ActionRefused
from portal.core.transitions import MACHINES, StateMachine, transition

PORTAL = Path(__file__).resolve().parent.parent / "portal"

# Import every app's table (an app declares its machines in states.py).
for states_module in sorted(PORTAL.glob("*/states.py")):
    importlib.import_module(f"portal.{states_module.parent.name}.states")

PAIRS = [
    pytest.param(machine, from_status, to_status, allowed, id=f"{label}:{from_status}->{to_status}")
    for label, machine in sorted(MACHINES.items())
    for from_status, to_status, allowed in machine.pairs()
]


def stateful_models() -> set[str]:
    """Every portal model with a ``status`` field that has choices."""
    found = set()
    for model in apps.get_models():
        if not model.__module__.startswith("portal."):
            continue
        for field in model._meta.get_fields():
            if field.name == "status" and getattr(field, "choices", None):
                found.add(model._meta.label)
    return found


def test_every_model_with_a_status_has_a_table():
    assert stateful_models() - set(MACHINES) == set()


def test_every_table_names_a_real_model_and_field():
    for label, machine in MACHINES.items():
        model = apps.get_model(label)
        assert model._meta.get_field(machine.field).choices, label


@pytest.mark.parametrize(("machine", "from_status", "to_status", "allowed"), PAIRS)
def test_each_pair_is_allowed_or_refused_as_the_table_says(machine: StateMachine, from_status, to_status, allowed):
    assert machine.allows(from_status, to_status) is allowed
    if allowed:
        machine.check(from_status, to_status)
    else:
        with pytest.raises(ActionRefused) as refused:
            machine.check(from_status, to_status)
        assert refused.value.code == "invalid_transition"
        assert refused.value.messages[0]


def test_a_final_status_leads_nowhere_and_every_status_has_a_row():
    for machine in MACHINES.values():
        assert set(machine.table) == set(machine.choices.values)
        for status in machine.final():
            assert not any(machine.allows(status, to) for to in machine.choices.values)


def test_transition_refuses_without_saving_and_records_an_allowed_move(member_a):
    from portal import testing
    from portal.core.models import AuditLog
    from portal.desk.models import Status

    member = member_a
    requirement = testing.make_requirement(by=member)
    before = requirement.status
    with pytest.raises(ActionRefused, match="cannot become"):
        transition(requirement, Status.CLOSED, by=member)
    requirement.refresh_from_db()
    assert requirement.status == before
    assert not AuditLog.objects.filter(action="requirement.closed").exists()

    transition(requirement, Status.WITHDRAWN, by=member, reason="no longer needed")
    requirement.refresh_from_db()
    assert requirement.status == Status.WITHDRAWN
    row = AuditLog.objects.get(action="requirement.withdrawn", target_id=str(requirement.pk))
    assert (row.data["from_status"], row.data["to_status"], row.reason) == (before, "withdrawn", "no longer needed")
