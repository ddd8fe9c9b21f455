"""``FlatObservation``: the grid observation as one float32 vector for stable-baselines3."""

from __future__ import annotations

import gymnasium
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

from mariogen.envs import DiscreteActions, FlatObservation, MarioEnv
from mariogen.envs.flatten import PARTS


def test_the_vector_is_the_grids_and_marios_features_in_order() -> None:
    base = gymnasium.make("mariogen/Mario-v0")
    flat = FlatObservation(base)
    assert flat.observation_space.shape == (16 * 16 * 2 + 14,)
    assert flat.observation_space.dtype == np.float32
    vector, _ = flat.reset(seed=0)
    raw, _ = base.reset(seed=0)
    for part in PARTS:
        assert np.array_equal(vector[flat.slices[part]], raw[part].ravel().astype(np.float32))
    assert flat.observation_space.contains(vector)
    for _ in range(30):
        vector, *_ = flat.step(np.array([0, 1, 0, 1, 1]))
        assert flat.observation_space.contains(vector)


@pytest.mark.filterwarnings("ignore:.*is different from the unwrapped version")  # it is a wrapper
def test_gymnasiums_checker_passes() -> None:
    check_env(FlatObservation(MarioEnv()), skip_render_check=True)


def test_it_composes_with_discrete_actions() -> None:
    env = FlatObservation(DiscreteActions(gymnasium.make("mariogen/Mario-v0"), "simple"))
    assert isinstance(env.action_space, gymnasium.spaces.Discrete)
    vector, _ = env.reset(seed=0)
    for action in range(env.action_space.n):
        vector, _, _, _, info = env.step(action)
        assert env.observation_space.contains(vector) and isinstance(info["status"], str)


def test_rgb_observations_are_refused() -> None:
    with pytest.raises(ValueError, match="needs the grid observation"):
        FlatObservation(gymnasium.make("mariogen/Mario-v0", obs_type="rgb"))
