"""The training environment: policy inputs, curriculum levels, stalls and the dial reward."""

from __future__ import annotations

import numpy as np

from mariogen.agents.personas import load_card
from mariogen.agents.policy import N_BASE_FEATURES, policy_features
from mariogen.envs.kernel import TERMS
from mariogen.level.library import SegmentLibrary
from mariogen.rl.env import STALL_STEPS, DialReward, PolicyInput, RunProgress, make_training_env
from mariogen.rl.train import TrainSettings, run_reward

RIGHT_JUMP = 4  # right + speed + jump in the simple set
NOTHING = 0


def _env(reward, progress: RunProgress):
    return make_training_env(reward, SegmentLibrary.load(), 0, 0, progress, "test")()


def test_observations_are_the_policy_inputs_of_the_grid_observation() -> None:
    env = _env(load_card("runner").reward, RunProgress(0.0, 8))
    obs, _ = env.reset()
    assert obs.shape == (N_BASE_FEATURES,)
    assert np.array_equal(obs, policy_features(env.raw))
    obs, *_ = env.step(RIGHT_JUMP)
    assert np.array_equal(obs, policy_features(env.raw))


def test_each_reset_plays_the_next_curriculum_level() -> None:
    progress = RunProgress(0.0, 8)
    env = _env(load_card("runner").reward, progress)
    env.reset()
    short = env.unwrapped.level
    progress.share = 1.0
    env.reset()
    long = env.unwrapped.level
    assert long.to_text() != short.to_text()
    assert len(long.to_text().splitlines()[0]) > len(short.to_text().splitlines()[0])


def test_a_stalled_play_is_truncated() -> None:
    env = _env(load_card("runner").reward, RunProgress(0.0, 8))
    env.reset()
    steps = 0
    truncated = False
    while not truncated and steps <= STALL_STEPS + 1:
        _, _, terminated, truncated, _ = env.step(NOTHING)
        assert not terminated
        steps += 1
    assert truncated and steps == STALL_STEPS + 1  # the first step sets the mark


def test_conditioned_reward_adds_the_dial_terms() -> None:
    settings = TrainSettings(persona="collector", conditioned=True)
    base, dials = run_reward(settings)
    assert "coins" not in base and base["death"] == load_card("collector").reward["death"]
    assert dials["kills"] == {"kills": load_card("killer").reward["kills"]}
    env = _env((base, dials), RunProgress(1.0, 8))
    assert isinstance(env, PolicyInput) and env.n_dial == 2
    dial_env = env.env
    assert isinstance(dial_env, DialReward)
    obs, _ = env.reset()
    assert np.array_equal(obs[-2:], dial_env.dial)
    _, reward, *_ = env.step(RIGHT_JUMP)
    terms = dict(zip(TERMS, env.unwrapped.terms, strict=True))
    expected = sum(w * terms[t] for t, w in base.items())
    for value, weights in zip(dial_env.dial, dials.values(), strict=True):
        expected += float(value) * sum(w * terms[t] for t, w in weights.items())
    assert reward == np.float64(expected)
