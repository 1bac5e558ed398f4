"""How every stateful record moves: one table per model, one function that applies a move.

Each app declares, in its ``states.py``, a ``StateMachine`` per model with a status: the statuses that may
follow each status. ``transition(obj, to, by=...)`` is the only way a service changes a status: it refuses a
move the table does not allow (``ActionRefused`` with a message the user understands, nothing saved), sets
the status and any other fields the move records, saves just those fields and writes the audit row, all in
the caller's transaction. ``tests/test_transitions.py`` walks every (from, to) pair of every table.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _

from portal.core.audit import audit
from portal.core.errors import ActionRefused

MACHINES: dict[str, "StateMachine"] = {}


@dataclass(frozen=True)
class StateMachine:
    """Which status may follow which, for one model (``app_label.ModelName``)."""

    model: str
    choices: type[models.TextChoices]
    table: Mapping[str, frozenset[str]]
    # The refusal a user reads, with %(from)s and %(to)s (the statuses' labels); lazy, so it is translated
    # when raised.
    refusal: str = ""
    field: str = "status"
    audit_prefix: str = ""

    def __post_init__(self):
        unknown = (set(self.table) | {to for targets in self.table.values() for to in targets}) - set(
            self.choices.values
        )
        if unknown:
            raise ValueError(f"{self.model}: statuses not in {self.choices.__name__}: {sorted(unknown)}")
        missing = set(self.choices.values) - set(self.table)
        if missing:
            raise ValueError(f"{self.model}: no row for {sorted(missing)} (write an empty set for a final status)")

    def allows(self, from_status: str, to_status: str) -> bool:
        return to_status in self.table.get(from_status, frozenset())

    def check(self, from_status: str, to_status: str, *, refusal=None) -> None:
        """Raise ActionRefused when the move is not in the table, with ``refusal`` (a message that says what the
        user tried, e.g. "Only a submitted application can be recommended.") or the table's own message."""
        if self.allows(from_status, to_status):
            return
        if refusal is not None:
            raise ActionRefused(str(refusal), code="invalid_transition")
        labels = {"from": self.label(from_status), "to": self.label(to_status)}
        message = str(self.refusal) if self.refusal else _("Something that is “%(from)s” cannot become “%(to)s”.")
        raise ActionRefused(message % labels, code="invalid_transition")

    def label(self, value: str) -> str:
        return str(self.choices(value).label) if value in self.choices.values else value

    def pairs(self) -> list[tuple[str, str, bool]]:
        """Every (from, to) pair of statuses and whether the table allows it."""
        return [(a, b, self.allows(a, b)) for a in self.choices.values for b in self.choices.values]

    def final(self) -> set[str]:
        return {status for status, targets in self.table.items() if not targets}


def state_machine(model: str, choices, table: Mapping[str, set[str]], **options) -> StateMachine:
    """Declare (and register) the table of ``model``; one per model."""
    machine = StateMachine(
        model=model, choices=choices, table={key: frozenset(value) for key, value in table.items()}, **options
    )
    MACHINES[model] = machine
    return machine


def machine_for(obj_or_model) -> StateMachine:
    return MACHINES[obj_or_model._meta.label]


def transition(
    obj,
    to: str,
    *,
    by,
    fields: Mapping[str, object] | None = None,
    action: str | None = None,
    refusal=None,
    reason: str = "",
    association=None,
    **data,
):
    """Move ``obj`` to ``to`` if its table allows it; set ``fields`` too; save those fields; write the audit row.

    The caller holds the transaction (and, where two people may race, the row lock). Returns the status it
    left. ``action`` names the audit row (``<model>.<to>`` unless given); ``data`` goes into the audit row.
    """
    machine = machine_for(obj)
    from_status = getattr(obj, machine.field)
    machine.check(from_status, to, refusal=refusal)
    setattr(obj, machine.field, to)
    for name, value in (fields or {}).items():
        setattr(obj, name, value)
    obj.save(update_fields=[machine.field, *(fields or {})])
    audit(
        actor=by,
        action=action or f"{machine.audit_prefix or obj._meta.model_name}.{to}",
        target=obj,
        reason=reason,
        association=association,
        from_status=str(from_status),
        to_status=str(to),
        **data,
    )
    return from_status
