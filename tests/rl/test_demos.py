"""A* demonstrations in the policy's action space, and the DAgger labelling (no torch)."""

from __future__ import annotations

import numpy as np
import pytest

from mariogen.agents import play
from mariogen.agents.personas import PersonaCardError, load_card
from mariogen.agents.policy import N_BASE_FEATURES, TRAINING_SPEC
from mariogen.engine.actions import action_set
from mariogen.level.library import SegmentLibrary
from mariogen.rl.demos import demo_levels, demo_planner, record_demos
from mariogen.rl.levels import held_out_levels, validation_levels

NONE_ACTION = action_set(TRAINING_SPEC.action_set).index(0)


@pytest.fixture(scope="module")
def levels() -> list:
    return demo_levels(SegmentLibrary.load(), seed=0, n=3, segments=4)


def test_the_planner_plays_on_the_policy_s_ticks_and_actions(levels: list) -> None:
    planner = demo_planner(load_card("runner"))
    result = play(planner, levels[0], start_mode="small", time_limit_s=20)
    assert result.win
    pressed = np.asarray(result.buttons, dtype=np.int64)
    skip = TRAINING_SPEC.frame_skip
    blocks = pressed[: len(pressed) // skip * skip].reshape(-1, skip)
    assert (blocks == blocks[:, :1]).all()  # one action per decision, held for the frame skip
    assert set(blocks[:, 0].tolist()) <= {int(b) for b in action_set(TRAINING_SPEC.action_set)}


def test_demonstrations_record_every_decision_of_the_planner_s_plays(levels: list) -> None:
    demos = record_demos("runner", levels[:1])
    assert record_demos("runner", levels).wins == 3
    assert demos.features.shape == (len(demos.actions), N_BASE_FEATURES)
    ticks = sum(
        play(demo_planner(load_card("runner")), lv, start_mode="small", time_limit_s=20).iterations
        for lv in levels[:1]
    )
    assert len(demos.actions) == demos.decisions == -(-ticks // TRAINING_SPEC.frame_skip)
    again = record_demos("runner", levels[:1])
    assert np.array_equal(demos.features, again.features)
    assert np.array_equal(demos.actions, again.actions)


def test_dagger_labels_the_learner_s_states_and_skips_the_stale_ones(levels: list) -> None:
    seen: list[int] = []

    def stand_still(features: np.ndarray, planned: int) -> int:
        seen.append(planned)
        return NONE_ACTION

    demos = record_demos("runner", levels[:1], learner=stand_still)
    assert demos.wins == 0  # the learner, not the planner, played
    assert seen == demos.actions.tolist()  # asked at every recorded decision, nothing else
    changed = int((demos.actions != NONE_ACTION).sum())
    assert changed > 0
    # after each decision the learner changed, the planner's own action is played, unrecorded
    # (and so is one after the planner itself changed buttons within a decision)
    assert demos.decisions - 4 <= len(demos.actions) + changed <= demos.decisions
    planner_only = record_demos("runner", levels[:1])
    assert not np.array_equal(demos.features[:20], planner_only.features[:20])


def test_demonstration_levels_are_never_held_out_or_validation_levels() -> None:
    library = SegmentLibrary.load()
    demos = {lv.to_text() for lv in demo_levels(library, 0, 60, 8)}
    assert len(demos) == 60
    others = {lv.to_text() for lv in held_out_levels(library)}
    others |= {lv.to_text() for lv in validation_levels(library, 10, 8)}
    assert not demos & others
    later = [lv.to_text() for lv in demo_levels(library, 0, 2, 8, first=58)]
    assert later == [lv.to_text() for lv in demo_levels(library, 0, 60, 8)[58:]]


def test_only_astar_cards_demonstrate() -> None:
    with pytest.raises(PersonaCardError, match="astar"):
        demo_planner(load_card("rl-runner"))
