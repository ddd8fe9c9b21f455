"""ObservationSpec: validation, storage, and observations identical to the environment's."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from mariogen.agents import play
from mariogen.engine import Button, Game
from mariogen.engine.actions import ACTION_SETS, to_multibinary
from mariogen.engine.interface import OBSERVATION_KEYS, ObservationSpec
from mariogen.level import Level

PIPE_GARDEN = Path(__file__).parents[2] / "levels" / "examples" / "pipe-garden.txt"


def test_defaults() -> None:
    spec = ObservationSpec()
    assert spec.to_dict() == {
        "scene_detail": 1,
        "enemy_detail": 0,
        "frame_skip": 1,
        "action_set": "simple",
    }
    assert spec.n_actions == 7 and spec.actions == ACTION_SETS["simple"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"scene_detail": 3}, "scene_detail must be 0, 1 or 2, not 3"),
        ({"scene_detail": -1}, "scene_detail must be 0, 1 or 2"),
        ({"enemy_detail": 1.5}, "enemy_detail must be 0, 1 or 2, not 1.5"),
        ({"enemy_detail": "1"}, "enemy_detail must be 0, 1 or 2, not '1'"),
        ({"scene_detail": True}, "scene_detail must be 0, 1 or 2, not True"),
        ({"frame_skip": 0}, "frame_skip must be a whole number >= 1, not 0"),
        ({"frame_skip": 2.5}, "frame_skip must be a whole number >= 1"),
        ({"frame_skip": None}, "frame_skip must be a whole number >= 1"),
        ({"action_set": "fast"}, "unknown action set 'fast'; known sets: right_only, simple"),
        ({"action_set": ["simple"]}, "unknown action set"),
    ],
)
def test_bad_values_are_clear_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ObservationSpec(**kwargs)


def test_whole_numbers_are_normalised_to_int() -> None:
    spec = ObservationSpec(scene_detail=np.int64(2), enemy_detail=1.0, frame_skip=4.0)
    assert spec.to_dict() == {
        "scene_detail": 2,
        "enemy_detail": 1,
        "frame_skip": 4,
        "action_set": "simple",
    }
    assert all(type(v) is int for k, v in spec.to_dict().items() if k != "action_set")


@pytest.mark.parametrize(
    "spec",
    [ObservationSpec(), ObservationSpec(0, 2, 3, "astar"), ObservationSpec(2, 1, 1, "complex")],
)
def test_round_trip_through_json(spec: ObservationSpec) -> None:
    text = json.dumps(spec.to_dict())
    assert ObservationSpec.from_dict(json.loads(text)) == spec


def test_from_dict_rejects_unknown_keys_and_fills_defaults() -> None:
    with pytest.raises(ValueError, match="unknown observation spec key 'frameskip'; known keys"):
        ObservationSpec.from_dict({"frameskip": 2})
    with pytest.raises(ValueError, match="scene_detail must be"):
        ObservationSpec.from_dict({"scene_detail": 9})
    with pytest.raises(TypeError, match="is a mapping"):
        ObservationSpec.from_dict([("frame_skip", 2)])  # type: ignore[arg-type]
    assert ObservationSpec.from_dict({"frame_skip": 2}) == ObservationSpec(frame_skip=2)


def test_spec_is_frozen_and_hashable() -> None:
    spec = ObservationSpec()
    with pytest.raises(AttributeError):
        spec.frame_skip = 2  # type: ignore[misc]
    assert {spec: 1}[ObservationSpec()] == 1


@pytest.mark.parametrize("name", sorted(ACTION_SETS))
def test_buttons_of_each_action(name: str) -> None:
    spec = ObservationSpec(action_set=name)
    assert spec.n_actions == len(ACTION_SETS[name])
    assert [spec.buttons(i) for i in range(spec.n_actions)] == list(ACTION_SETS[name])
    assert spec.buttons(np.int64(0)) == ACTION_SETS[name][0]
    assert spec.action_space().n == spec.n_actions
    with pytest.raises(ValueError, match=f"action {spec.n_actions} is not in the '{name}' set"):
        spec.buttons(spec.n_actions)
    with pytest.raises(ValueError, match="is not in"):
        spec.buttons(-1)
    with pytest.raises(TypeError):
        spec.buttons(1.0)  # type: ignore[arg-type]


def test_encode_fits_the_space() -> None:
    spec = ObservationSpec()
    game = Game.new(Level.read(PIPE_GARDEN))
    obs = spec.encode(game, 20)
    assert tuple(obs) == OBSERVATION_KEYS
    assert obs["scene"].shape == obs["enemies"].shape == (16, 16)
    assert obs["scene"].dtype == obs["enemies"].dtype == np.uint8
    assert obs["mario"].shape == (14,) and obs["mario"].dtype == np.float32
    assert spec.space().contains(obs)


@pytest.mark.parametrize(
    ("spec", "agent", "start_mode"),
    [
        (ObservationSpec(), "run-right", "fire"),  # hurt twice: pauses and mode changes
        (ObservationSpec(0, 2, 1), "killer", "small"),  # stomps and shells
        (ObservationSpec(2, 1), "collector", "large"),  # coins and blocks
    ],
)
def test_encode_equals_the_env_observation_on_every_step(
    spec: ObservationSpec, agent: str, start_mode: str
) -> None:
    """A real play of pipe-garden: the engine-side encoding equals the env's, step by step."""
    from mariogen.envs.mario_env import MarioEnv

    level = Level.read(PIPE_GARDEN)
    buttons = play(agent, level, start_mode=start_mode, time_limit_s=20).buttons
    env = MarioEnv(
        level,
        start_mode=start_mode,
        time_limit_s=20,
        scene_detail=spec.scene_detail,
        enemy_detail=spec.enemy_detail,
    )
    assert env.observation_spec(spec.action_set) == spec
    assert env.observation_space == spec.space()
    game = Game.new(level, start_mode, 20)  # an independent game, stepped alongside
    obs, _ = env.reset()
    _assert_same(spec.encode(game, 20), obs)
    for pressed in buttons.tolist():
        obs, _, terminated, truncated, _ = env.step(to_multibinary(pressed))
        game.step(pressed)
        _assert_same(spec.encode(game, 20), obs)
        if terminated or truncated:
            break
    assert not game.running and len(buttons) > 100


def _assert_same(encoded: dict[str, np.ndarray], obs: dict[str, np.ndarray]) -> None:
    for key in OBSERVATION_KEYS:
        assert encoded[key].dtype == obs[key].dtype
        np.testing.assert_array_equal(encoded[key], obs[key], strict=True)
        assert encoded[key].tobytes() == obs[key].tobytes()  # bit for bit


def test_encode_of_a_fresh_clone_is_its_settled_observation() -> None:
    spec = ObservationSpec()
    game = Game.new(Level.read(PIPE_GARDEN))
    for _ in range(30):
        game.step(Button.RIGHT | Button.SPEED)
    clone = game.clone()
    first = spec.encode(clone, 20)
    again = spec.encode(clone, 20)
    for key in OBSERVATION_KEYS:
        np.testing.assert_array_equal(first[key], again[key])
