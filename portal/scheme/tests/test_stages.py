from dataclasses import replace
from decimal import Decimal

import pytest

from portal.associations.models import Stage
from portal.scheme import stages
from portal.scheme.stages import THRESHOLDS, StageInputs, shortfalls, stage_for


def exactly(stage: str) -> StageInputs:
    """Inputs sitting exactly on every threshold of ``stage``."""
    return StageInputs(**THRESHOLDS[stage])


def test_nothing_known_is_initiation():
    assert stage_for(StageInputs()) == Stage.INITIATION


@pytest.mark.parametrize("stage", [Stage.ESTABLISHMENT, Stage.OPERATIONALISATION, Stage.TRANSFORMATION])
def test_inputs_exactly_at_the_thresholds_reach_that_stage(stage):
    assert stage_for(exactly(stage)) == stage


MISSABLE = [(stage, key) for stage, row in THRESHOLDS.items() for key, need in row.items() if need > 0]


@pytest.mark.parametrize(("stage", "key"), MISSABLE)
def test_one_input_just_below_its_threshold_keeps_the_stage_before(stage, key):
    need = THRESHOLDS[stage][key]
    below = need - (Decimal("0.01") if isinstance(need, Decimal) else 1)
    inputs = replace(exactly(stage), **{key: below})
    expected = stages.ORDER[stages.ORDER.index(stage) - 1]
    assert stage_for(inputs) == expected
    assert [s.key for s in shortfalls(inputs, stage)] == [key]


def test_unknown_matrix_score_and_share_count_as_zero():
    inputs = replace(exactly(Stage.ESTABLISHMENT), matrix_score=None)
    assert stage_for(inputs) == Stage.INITIATION
    inputs = replace(exactly(Stage.ESTABLISHMENT), self_earned_share=None)
    assert stage_for(inputs) == Stage.INITIATION


def test_a_top_score_on_one_input_does_not_skip_stages():
    inputs = replace(exactly(Stage.ESTABLISHMENT), active_members=10_000, services_sold=999)
    assert stage_for(inputs) == Stage.ESTABLISHMENT


def test_thresholds_rise_stage_by_stage():
    rows = [THRESHOLDS[s] for s in stages.ORDER[1:]]
    for earlier, later in zip(rows, rows[1:], strict=False):
        assert all(later[key] >= earlier[key] for key in earlier)


def test_snapshot_round_trips():
    inputs = exactly(Stage.OPERATIONALISATION)
    assert StageInputs.from_snapshot(inputs.as_snapshot()) == inputs


def test_shortfalls_name_what_is_missing_for_the_next_stage():
    inputs = replace(exactly(Stage.ESTABLISHMENT), events_held=3)
    missing = {s.key: (s.have, s.need) for s in shortfalls(inputs, Stage.OPERATIONALISATION)}
    assert missing["events_held"] == (3, 6)
    assert "services_sold" in missing


def test_stage_index_and_next_stage():
    assert stages.stage_index(Stage.INITIATION) == 1
    assert stages.stage_index(Stage.TRANSFORMATION) == 4
    assert stages.next_stage(Stage.OPERATIONALISATION) == Stage.TRANSFORMATION
    assert stages.next_stage(Stage.TRANSFORMATION) is None
