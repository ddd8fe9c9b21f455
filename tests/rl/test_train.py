"""``mariogen train`` end to end on a few hundred steps (only where the rl extra is installed)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("stable_baselines3", reason="the rl extra (stable-baselines3, torch)")

from mariogen.agents import play
from mariogen.agents.personas import build_persona, read_card
from mariogen.agents.policy import PolicyAgent, PolicyFileError, load_policy, policy_features
from mariogen.cli.main import main
from mariogen.level import Level

LEVEL = Path(__file__).resolve().parents[2] / "levels" / "examples" / "first-steps.txt"


def _train(folder: Path, steps: int, *extra: str) -> int:
    args = ["train", "--persona", "killer", "--timesteps", str(steps), "--envs", "2"]
    return main([*args, "--eval-every", "256", "-o", str(folder), "-q", *extra])


def test_train_exports_a_policy_the_numpy_runner_reproduces(tmp_path: Path) -> None:
    assert _train(tmp_path, 300) == 0
    policy_file = tmp_path / "rl-killer.npz"
    policy = load_policy(policy_file)
    with np.load(policy_file, allow_pickle=False) as data:
        inputs = np.stack(
            [
                policy_features({"scene": s, "enemies": e, "mario": m})
                for s, e, m in zip(
                    data["fixture_scene"],
                    data["fixture_enemies"],
                    data["fixture_mario"],
                    strict=True,
                )
            ]
        )
        assert np.array_equal(policy.act(inputs), data["fixture_actions"])
    meta = policy.meta["training"]
    assert meta["timesteps_done"] >= 300 and meta["persona"] == "killer"
    assert meta["command"].startswith("mariogen train --persona killer --timesteps 300")
    with (tmp_path / "log.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 2 and 0.0 <= float(rows[-1]["val_finish"]) <= 1.0
    assert (tmp_path / "curve.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    result = play(PolicyAgent("k", policy), Level.read(LEVEL))
    assert result.iterations > 0


def test_resume_continues_the_checkpoint_and_a_second_run_is_refused(tmp_path: Path) -> None:
    assert _train(tmp_path, 300) == 0
    assert _train(tmp_path, 600) == 2  # the folder holds a run: --resume or another folder
    with np.load(tmp_path / "checkpoint.npz", allow_pickle=False) as data:
        before = json.loads(str(data["meta"]))["num_timesteps"]
    assert _train(tmp_path, 1200, "--resume") == 0
    with np.load(tmp_path / "checkpoint.npz", allow_pickle=False) as data:
        after = json.loads(str(data["meta"]))
    assert before < 1200 <= after["num_timesteps"]
    assert load_policy(tmp_path / "rl-killer.npz").meta["training"]["timesteps_done"] >= 1200


def test_unknown_persona_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--persona", "nobody", "-o", str(tmp_path)]) == 2
    assert "no persona card named 'nobody'" in capsys.readouterr().err


def test_conditioned_policy_takes_its_dial_from_the_card(tmp_path: Path) -> None:
    args = ["train", "--persona", "collector", "--conditioned", "--timesteps", "300"]
    assert main([*args, "--envs", "2", "--eval-every", "512", "-o", str(tmp_path), "-q"]) == 0
    policy = load_policy(tmp_path / "rl-mix.npz")
    assert policy.dial_terms == ("coins", "kills")
    with np.load(tmp_path / "rl-mix.npz", allow_pickle=False) as data:
        assert data["fixture_dial"].shape == (1000, 2)
    card = tmp_path / "rl-mix.toml"
    card.write_text(
        'name = "rl-mix"\n[planner]\ntype = "policy"\nfile = "rl-mix.npz"\n'
        "dial_coins = 0.7\ndial_kills = 0.3\n"
    )
    first = play(build_persona(read_card(card)), Level.read(LEVEL))
    again = play(build_persona(read_card(card)), Level.read(LEVEL))
    assert np.array_equal(first.buttons, again.buttons)
    card.write_text('name = "rl-mix"\n[planner]\ntype = "policy"\nfile = "rl-mix.npz"\n')
    with pytest.raises(PolicyFileError, match="dial_coins, dial_kills"):
        build_persona(read_card(card))


def test_demos_clone_the_planner_before_ppo_and_resume_skips_them(tmp_path: Path) -> None:
    imitate = ["--demos", "6", "--dagger-rounds", "1", "--dagger-levels", "3", "--hidden", "32,32"]
    assert _train(tmp_path, 0, *imitate) == 0
    with (tmp_path / "imitation.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert [int(r["round"]) for r in rows] == [0, 1]
    assert [int(r["levels"]) for r in rows] == [6, 9]
    assert float(rows[0]["learner_finish"]) == 1.0  # round 0: the killer card's planner plays
    assert int(rows[1]["decisions"]) > int(rows[0]["decisions"])
    assert 0.0 < float(rows[1]["fit_accuracy"]) <= 1.0
    policy = load_policy(tmp_path / "rl-killer.npz")
    assert [w.shape for w, _ in policy.hidden] == [(32, 1245), (32, 32)]
    assert policy.head[0].shape == (12, 32)  # the complex action set
    assert "--demos 6 --dagger-rounds 1 --dagger-levels 3" in policy.meta["training"]["command"]
    assert _train(tmp_path, 300, *imitate, "--resume") == 0
    with (tmp_path / "imitation.csv").open() as handle:
        assert len(list(csv.DictReader(handle))) == 2  # not cloned again
    assert load_policy(tmp_path / "rl-killer.npz").meta["training"]["timesteps_done"] >= 300


def test_demos_need_an_astar_card(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--persona", "rl-runner", "--demos", "3", "-o", str(tmp_path)]) == 2
    assert "needs an astar persona card" in capsys.readouterr().err
    assert main(["train", "--persona", "runner", "--timesteps", "0", "-o", str(tmp_path)]) == 2
    assert "trains nothing" in capsys.readouterr().err
    anchored = ["--anchor-levels", "3", "--conditioned", "-o", str(tmp_path)]
    assert main(["train", "--persona", "runner", *anchored]) == 2
    assert "--anchor-levels clones one persona's planner" in capsys.readouterr().err


def test_anchor_steps_keep_the_policy_near_the_planner(tmp_path: Path) -> None:
    from mariogen.level.library import SegmentLibrary
    from mariogen.rl.demos import demo_levels, record_demos

    common = ["--hidden", "32,32", "--learning-rate", "1e-3", "--segments", "4"]
    assert _train(tmp_path / "plain", 1024, *common) == 0
    anchored = ["--anchor-levels", "3", "--anchor-steps", "40"]
    assert _train(tmp_path / "anchored", 1024, *common, *anchored) == 0
    demos = record_demos("killer", demo_levels(SegmentLibrary.load(), 0, 3, 4, 0))

    def agreement(folder: Path) -> float:
        policy = load_policy(folder / "rl-killer.npz")
        chosen = np.array([int(np.argmax(policy.logits(f))) for f in demos.features])
        return float(np.mean(chosen == demos.actions))

    assert agreement(tmp_path / "anchored") > agreement(tmp_path / "plain") + 0.2
    meta = load_policy(tmp_path / "anchored" / "rl-killer.npz").meta
    assert "--anchor-levels 3 --anchor-steps 40" in meta["training"]["command"]


def test_run_folder_is_claimed_like_generate_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mariogen.run_folder import read_run_file

    assert _train(tmp_path / "t", 300) == 0
    record = read_run_file(tmp_path / "t")
    assert record["command"] == "train" and record["identity"]["settings"]["persona"] == "killer"
    assert {"checkpoint.npz", "log.csv", "rl-killer.npz"} <= set(record["files"])
    capsys.readouterr()
    assert _train(tmp_path / "t", 300, "--resume", "--hidden", "32,32") == 2
    assert "started with --hidden 64,64" in capsys.readouterr().err
    rows = (tmp_path / "t" / "log.csv").read_text().splitlines()
    assert _train(tmp_path / "t", 300, "--resume") == 0  # finished: no second log row
    assert (tmp_path / "t" / "log.csv").read_text().splitlines() == rows
    assert _train(tmp_path / "t", 300, "--force", "--seed", "1") == 0
    assert read_run_file(tmp_path / "t")["identity"]["settings"]["seed"] == 1
    generated = tmp_path / "g"
    small = ["--persona", "runner", "--generations", "1", "--population", "4"]
    assert main(["generate", *small, "-o", str(generated), "-q"]) == 0
    before = (generated / "run.json").read_bytes()
    assert _train(generated, 300) == 2  # another command's run is never overwritten
    assert "holds the outputs of a 'generate' run" in capsys.readouterr().err
    assert (generated / "run.json").read_bytes() == before


def test_init_from_starts_a_conditioned_actor_as_the_persona_s_policy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(__file__).resolve().parents[2] / "agents" / "rl-runner.npz"
    args = ["train", "--persona", "runner", "--conditioned", "--init-from", str(source)]
    tiny = ["--timesteps", "256", "--learning-rate", "1e-9", "--eval-every", "256", "--envs", "2"]
    assert main([*args, *tiny, "--hidden", "256,256", "-o", str(tmp_path / "m"), "-q"]) == 0
    mix = load_policy(tmp_path / "m" / "rl-mix.npz")
    with np.load(source, allow_pickle=False) as data:
        observations = [
            {"scene": s, "enemies": e, "mario": m}
            for s, e, m in zip(
                data["fixture_scene"], data["fixture_enemies"], data["fixture_mario"], strict=True
            )
        ]
        expected = data["fixture_actions"]
    for dial in ((0.0, 0.0), (1.0, 0.25)):  # the dial inputs start at weight 0
        dialled = np.array(dial, np.float32)
        inputs = np.stack([policy_features(o, dialled) for o in observations])
        assert np.array_equal(mix.act(inputs), expected)
    assert f"--init-from {source}" in mix.meta["training"]["command"]
    capsys.readouterr()
    assert main([*args, *tiny, "--hidden", "64,64", "-o", str(tmp_path / "w"), "-q"]) == 2
    assert "its hidden layers are 256,256; give --hidden 256,256" in capsys.readouterr().err
    assert not (tmp_path / "w").exists()  # refused before the folder is claimed
