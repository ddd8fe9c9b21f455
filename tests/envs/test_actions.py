"""DiscreteActions: named action sets over the five buttons."""

from __future__ import annotations

import gymnasium
import numpy as np
import pytest

import mariogen  # noqa: F401
from mariogen.engine import Button
from mariogen.envs.actions import ACTION_SETS, DiscreteActions, button_name, to_multibinary
from mariogen.envs.mario_env import MarioEnv


@pytest.mark.parametrize("name", sorted(ACTION_SETS))
def test_each_set_maps_indices_to_its_buttons(name: str) -> None:
    env = DiscreteActions(gymnasium.make("mariogen/Mario-v0"), name)
    assert env.action_space.n == len(ACTION_SETS[name])
    for index, buttons in enumerate(ACTION_SETS[name]):
        np.testing.assert_array_equal(env.action(index), to_multibinary(buttons))
    assert len(set(env.action_names)) == env.action_space.n


def test_simple_set_moves_mario_right() -> None:
    env = DiscreteActions(MarioEnv(), "simple")
    env.reset()
    assert env.action_names[3] == "right+speed"
    for _ in range(20):
        *_, info = env.step(3)
    assert info["x"] > 100


def test_custom_set_and_errors() -> None:
    env = DiscreteActions(MarioEnv(), (Button.RIGHT, Button.RIGHT | Button.JUMP))
    assert env.action_names == ("right", "right+jump")
    with pytest.raises(ValueError, match="unknown action set 'fast'; known sets: right_only"):
        DiscreteActions(MarioEnv(), "fast")
    with pytest.raises(ValueError, match="at least one action"):
        DiscreteActions(MarioEnv(), ())


def test_button_names() -> None:
    assert button_name(Button.NONE) == "none"
    assert button_name(Button.LEFT | Button.SPEED | Button.JUMP) == "left+speed+jump"
