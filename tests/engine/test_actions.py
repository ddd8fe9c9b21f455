"""The action contract: button order, the named action sets, conversions."""

from __future__ import annotations

import numpy as np
import pytest

from mariogen.engine import Button
from mariogen.engine.actions import (
    ACTION_BUTTONS,
    ACTION_SETS,
    action_set,
    button_name,
    from_multibinary,
    to_multibinary,
)

_R, _L, _J, _S = Button.RIGHT, Button.LEFT, Button.JUMP, Button.SPEED


def test_button_order_is_the_framework_bit_order() -> None:
    assert ACTION_BUTTONS == (Button.LEFT, Button.RIGHT, Button.DOWN, Button.SPEED, Button.JUMP)
    assert [int(b) for b in ACTION_BUTTONS] == [1 << i for i in range(5)]


def test_the_sets_are_unchanged() -> None:
    assert list(ACTION_SETS) == ["right_only", "simple", "complex", "astar"]
    names = {name: [button_name(b) for b in combos] for name, combos in ACTION_SETS.items()}
    right = ["none", "right", "right+jump", "right+speed", "right+speed+jump"]
    assert names["right_only"] == right
    assert names["simple"] == [*right, "jump", "left"]
    assert names["complex"] == [
        *right,
        "jump",
        "speed+jump",
        "left",
        "left+jump",
        "left+speed",
        "left+speed+jump",
        "down",
    ]
    # The A* planner's ten actions (ENGINE_SPEC §17.1), as packed buttons, in its order.
    assert [int(b) for b in ACTION_SETS["astar"]] == [16, 24, 10, 26, 2, 18, 1, 17, 9, 25]


def test_action_set_lookup() -> None:
    assert action_set("simple") is ACTION_SETS["simple"]
    with pytest.raises(
        ValueError, match="unknown action set 'fast'; known sets: right_only, simple"
    ):
        action_set("fast")


def test_button_names() -> None:
    assert button_name(Button.NONE) == "none"
    assert button_name(Button.LEFT | Button.SPEED | Button.JUMP) == "left+speed+jump"
    assert button_name(26) == "right+speed+jump"


@pytest.mark.parametrize("packed", range(32))
def test_multibinary_round_trip(packed: int) -> None:
    action = to_multibinary(packed)
    assert action.dtype == np.int8 and action.shape == (5,)
    assert action.tolist() == [(packed >> i) & 1 for i in range(5)]
    assert from_multibinary(action) == packed


def test_from_multibinary_needs_five_values() -> None:
    with pytest.raises(ValueError, match="5 button values, not 4"):
        from_multibinary(np.zeros(4))


def test_envs_re_export_the_same_objects() -> None:
    from mariogen.envs import actions as env_actions
    from mariogen.envs import mario_env

    assert env_actions.ACTION_SETS is ACTION_SETS
    assert env_actions.button_name is button_name
    assert env_actions.to_multibinary is to_multibinary
    assert mario_env.ACTION_BUTTONS is ACTION_BUTTONS
