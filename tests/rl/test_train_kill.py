"""``mariogen train``'s imitation warm-up survives kill -9: resumed, it ends as a whole one.

Only where the rl extra is installed. The warm-up keeps every round's decisions and a
checkpoint, so a run killed after a round goes on from there; PPO itself resumes from its
last checkpoint but not bit for bit (stable-baselines3 keeps no environment state).
"""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("stable_baselines3", reason="the rl extra (stable-baselines3, torch)")

from tests.killing import child_env, kill_when, mariogen_command, run_whole

ARGS = (
    "--persona",
    "killer",
    "--demos",
    "4",
    "--dagger-rounds",
    "3",
    "--dagger-levels",
    "2",
    "--segments",
    "3",
    "--hidden",
    "32,32",
    "--timesteps",
    "0",
    "--envs",
    "2",
    "-q",
)


def _rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "imitation.csv").open() as handle:
        return [{k: v for k, v in row.items() if k != "wall_s"} for row in csv.DictReader(handle)]


def _arrays(policy_file: Path) -> dict[str, np.ndarray]:
    with np.load(policy_file, allow_pickle=False) as data:
        return {key: data[key] for key in data.files if key != "meta"}


def test_warm_up_killed_after_a_round_resumes_to_the_same_policy(tmp_path: Path) -> None:
    whole, cut = tmp_path / "whole", tmp_path / "cut"
    assert run_whole(mariogen_command("train", *ARGS, "-o", str(whole))).returncode == 0
    command = mariogen_command("train", *ARGS, "-o", str(cut))
    assert kill_when(command, cut / "imitation-rounds" / "round-001.npz")
    assert len(_rows(cut)) in (2, 3)  # rounds 0 and 1 done, maybe a row of round 2's
    resumed = subprocess.run(
        [*command, "--resume"], env=child_env(), capture_output=True, text=True, check=False
    )
    said = resumed.stdout + resumed.stderr
    assert resumed.returncode == 0, said
    assert "imitation round 0:" not in said  # gone on from the rounds done
    assert "imitation round 3:" in said
    assert _rows(cut) == _rows(whole) and [r["round"] for r in _rows(cut)] == ["0", "1", "2", "3"]
    a, b = _arrays(whole / "rl-killer.npz"), _arrays(cut / "rl-killer.npz")
    assert a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)
    assert not (cut / "imitation-rounds").exists()  # kept only while the warm-up runs
