"""The numpy policy runner: shipped RL policies reproduce stable-baselines3's choices without
torch, play deterministically in and across processes and in spawned workers, see what the
environment shows them, and bad policy files or cards are one-line errors naming the file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import gymnasium
import numpy as np
import pytest

from mariogen.agents import play
from mariogen.agents.personas import PersonaCardError, build_persona, load_card, parse_card
from mariogen.agents.policy import (
    N_BASE_FEATURES,
    TRAINING_SPEC,
    PolicyAgent,
    PolicyFileError,
    load_policy,
    policy_features,
    policy_path,
)
from mariogen.envs import DiscreteActions
from mariogen.level import Level

REPO = Path(__file__).resolve().parents[2]
LEVEL = REPO / "levels" / "examples" / "first-steps.txt"
RL_CARDS = ("rl-runner", "rl-collector", "rl-killer")


def fixture_inputs(path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The stored observations' input vectors, SB3's actions and its logits."""
    with np.load(path, allow_pickle=False) as data:
        dials = data["fixture_dial"]
        inputs = np.stack(
            [
                policy_features(
                    {"scene": s, "enemies": e, "mario": m}, d if dials.shape[1] else None
                )
                for s, e, m, d in zip(
                    data["fixture_scene"],
                    data["fixture_enemies"],
                    data["fixture_mario"],
                    dials,
                    strict=True,
                )
            ]
        )
        return inputs, data["fixture_actions"], data["fixture_logits"]


@pytest.mark.parametrize("name", RL_CARDS)
def test_shipped_policy_reproduces_stable_baselines3_on_its_fixture(name: str) -> None:
    card = load_card(name)
    path = policy_path(card)
    policy = load_policy(path)
    inputs, actions, logits = fixture_inputs(path)
    assert len(actions) == 1000
    assert np.array_equal(policy.act(inputs), actions)
    np.testing.assert_allclose(policy.logits(inputs), logits, rtol=0, atol=1e-4)
    assert policy.meta["persona"] == name.removeprefix("rl-")
    assert policy.meta["reward"] == card.reward
    assert policy.spec == TRAINING_SPEC


@pytest.mark.parametrize("name", RL_CARDS)
def test_policy_card_plays_the_same_buttons_twice(name: str) -> None:
    level = Level.read(LEVEL)
    first = play(name, level, time_limit_s=20)
    again = play(name, level, time_limit_s=20)
    assert first.iterations > 0
    assert np.array_equal(first.buttons, again.buttons)
    skip = TRAINING_SPEC.frame_skip
    held = first.buttons[: len(first.buttons) // skip * skip].reshape(-1, skip)
    assert (held == held[:, :1]).all()  # one decision per frame_skip iterations


_SUBPROCESS = """
import sys, json
from mariogen.agents import play
from mariogen.level import Level
result = play(sys.argv[1], Level.read(sys.argv[2]), time_limit_s=20)
print(json.dumps({"buttons": result.buttons.tolist(),
                  "torch": "torch" in sys.modules or "stable_baselines3" in sys.modules}))
"""


def test_policy_plays_the_same_in_another_process_without_torch() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _SUBPROCESS, "rl-collector", str(LEVEL)],
        capture_output=True,
        text=True,
        check=True,
    )
    there = json.loads(out.stdout)
    here = play("rl-collector", Level.read(LEVEL), time_limit_s=20)
    assert there["buttons"] == here.buttons.tolist()
    assert there["torch"] is False


def test_policy_plays_in_spawned_workers() -> None:
    from mariogen.evaluation import PlayJob, run_plays

    level = Level.read(LEVEL)
    jobs = [PlayJob.of(level, name, 0, 0, 20.0) for name in ("rl-killer", "rl-runner")]
    there = run_plays(jobs, workers=2, progress=False)
    for job, result in zip(jobs, there, strict=True):
        here = play(job.agent, level, time_limit_s=20)
        assert np.array_equal(result.buttons, here.buttons)


def test_policy_agent_acts_as_in_the_environment() -> None:
    """Stepping mariogen/Mario-v0 with the policy's actions gives the play's buttons."""
    level = Level.read(LEVEL)
    policy = load_policy(policy_path(load_card("rl-runner")))
    result = play(PolicyAgent("rl-runner", policy), level, time_limit_s=20)
    env = DiscreteActions(
        gymnasium.make(
            "mariogen/Mario-v0",
            level=level,
            time_limit_s=20,
            frame_skip=TRAINING_SPEC.frame_skip,
            scene_detail=TRAINING_SPEC.scene_detail,
            enemy_detail=TRAINING_SPEC.enemy_detail,
        ),
        TRAINING_SPEC.action_set,
    )
    obs, _ = env.reset()
    pressed: list[int] = []
    done = False
    while not done:
        action = int(policy.act(policy_features(obs)))
        pressed += [int(TRAINING_SPEC.buttons(action))] * TRAINING_SPEC.frame_skip
        obs, _, terminated, truncated, info = env.step(action)
        done = terminated or truncated
    n = len(result.buttons)
    assert pressed[:n] == result.buttons.tolist()
    assert info["x"] == pytest.approx(float(result.trajectory[-1, 0]))


def test_features_have_the_documented_length() -> None:
    obs = TRAINING_SPEC.space().sample()
    assert policy_features(obs).shape == (N_BASE_FEATURES,)
    assert policy_features(obs, np.array([0.7, 0.3])).shape == (N_BASE_FEATURES + 2,)
    assert set(np.unique(policy_features(obs)[: N_BASE_FEATURES - 13])) <= {0.0, 1.0}


def _shipped(tmp_path: Path) -> dict[str, np.ndarray]:
    with np.load(policy_path(load_card("rl-runner")), allow_pickle=False) as data:
        return {key: data[key] for key in data.files}


def _write(tmp_path: Path, arrays: dict[str, np.ndarray]) -> Path:
    path = tmp_path / "p.npz"
    np.savez(path, **arrays)
    return path


def test_policy_file_problems_name_the_file(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.npz"
    garbage.write_bytes(b"not a zip")
    with pytest.raises(PolicyFileError, match=r"garbage\.npz"):
        load_policy(garbage)
    with pytest.raises(PolicyFileError, match=r"missing\.npz: cannot read"):
        load_policy(tmp_path / "missing.npz")
    arrays = _shipped(tmp_path)
    pickled = dict(arrays, meta=np.array([{"format": "x"}], dtype=object))
    with pytest.raises(PolicyFileError, match=r"p\.npz"):
        load_policy(_write(tmp_path, pickled))
    wrong = dict(arrays, hidden0_weight=arrays["hidden0_weight"][:, :-1])
    with pytest.raises(PolicyFileError, match="hidden0 has shape"):
        load_policy(_write(tmp_path, wrong))
    with pytest.raises(PolicyFileError, match="missing array 'head_bias'"):
        load_policy(_write(tmp_path, {k: v for k, v in arrays.items() if k != "head_bias"}))
    doubles = dict(arrays, head_bias=arrays["head_bias"].astype(np.float64))
    with pytest.raises(PolicyFileError, match="head_bias must be float32"):
        load_policy(_write(tmp_path, doubles))
    meta = json.loads(str(arrays["meta"]))
    meta["observation_spec"]["frame_skip"] = 0
    with pytest.raises(PolicyFileError, match="frame_skip"):
        load_policy(_write(tmp_path, dict(arrays, meta=np.array(json.dumps(meta)))))


def test_policy_card_problems_name_file_and_line(tmp_path: Path) -> None:
    text = 'name = "p"\n\n[planner]\ntype = "policy"\nfile = "p.npz"\nhorizon_px = 3\n'
    with pytest.raises(PersonaCardError, match=r"p\.toml:6:1: .*horizon_px"):
        parse_card(text, tmp_path / "p.toml")
    with pytest.raises(PersonaCardError, match=r"p\.toml.*file ="):
        parse_card('name = "p"\n[planner]\ntype = "policy"\n', tmp_path / "p.toml")
    card = parse_card(
        'name = "p"\n[planner]\ntype = "policy"\nfile = "none.npz"\n', tmp_path / "p.toml"
    )
    with pytest.raises(PolicyFileError, match=r"none\.npz"):
        build_persona(card)


def test_policy_cards_give_their_reward_to_the_environment() -> None:
    from mariogen.envs import PersonaReward

    card = load_card("rl-killer")
    env = PersonaReward.from_card(gymnasium.make("mariogen/Mario-v0", level=str(LEVEL)), card)
    env.reset()
    _, reward, *_ = env.step(np.array([0, 1, 0, 0, 0], dtype=np.int8))
    assert env.weights == card.reward == load_card("killer").reward
    assert np.isfinite(reward)
