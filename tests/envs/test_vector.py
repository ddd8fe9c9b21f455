"""Vectorised environments: async sub-processes step and exit cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import gymnasium
import numpy as np

import mariogen  # noqa: F401

REPO = Path(__file__).resolve().parents[2]

_SCRIPT = textwrap.dedent(
    """
    import gymnasium, numpy as np, mariogen
    envs = gymnasium.make_vec("mariogen/Mario-v0", num_envs=2, vectorization_mode="async")
    obs, info = envs.reset(seed=[1, 2])
    envs.action_space.seed(0)
    for _ in range(40):
        obs, reward, terminated, truncated, info = envs.step(envs.action_space.sample())
    assert obs["scene"].shape == (2, 16, 16) and reward.shape == (2,)
    envs.close()
    print("ok", info["tick"].tolist())
    """
)


def test_async_vector_env_steps_and_exits_cleanly() -> None:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok ")
    assert "Traceback" not in done.stderr and "Exception" not in done.stderr


def test_sync_vector_env_matches_single_envs() -> None:
    envs = gymnasium.make_vec("mariogen/Mario-v0", num_envs=2, vectorization_mode="sync")
    single = gymnasium.make("mariogen/Mario-v0")
    obs, _ = envs.reset(seed=[4, 4])
    one, _ = single.reset(seed=4)
    action = np.array([[0, 1, 0, 1, 0]] * 2, dtype=np.int8)
    for _ in range(15):
        obs, reward, *_ = envs.step(action)
        one, r, *_ = single.step(action[0])
    np.testing.assert_array_equal(obs["scene"][1], one["scene"])
    assert reward[0] == reward[1] == r
    envs.close()
