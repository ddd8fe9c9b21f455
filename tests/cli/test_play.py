"""``mariogen play``: summaries, JSON, recording, windows (headless) and user mistakes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mariogen.cli.main import main
from mariogen.replay import Replay

os.environ["SDL_VIDEODRIVER"] = "dummy"  # windows open invisibly

SUMMARY_KEYS = {
    "agent",
    "status",
    "completion",
    "ticks",
    "kills",
    "kills_stomp",
    "kills_fire",
    "kills_shell",
    "kills_fall",
    "coins",
    "jumps",
    "max_jump_air_time",
    "hurts",
    "mushrooms",
    "flowers",
    "coins_available",
    "enemies_available",
    "wall_seconds",
}


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["play", *args, "--json"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    return json.loads(out)


def test_json_summary(example_levels: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    summary = _json(capsys, str(example_levels[1]), "--agent", "random", "--seed", "4")
    assert set(summary) >= SUMMARY_KEYS
    assert summary["agent"] == "random" and summary["enemies_available"] > 0
    again = _json(capsys, str(example_levels[1]), "--agent", "random", "--seed", "4")
    assert {**summary, "wall_seconds": 0} == {**again, "wall_seconds": 0}


def test_human_summary(example_levels: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", str(example_levels[0]), "--agent", "run-right", "--mode", "large"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("run-right on first-steps.txt (large Mario, 20 s): ")
    assert lines[1].startswith("kills ") and " coins " in lines[1]
    assert lines[2].startswith("jumps ") and "power-ups" in lines[2]


def test_record_writes_a_replay_that_verifies(
    example_levels: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sub" / "run.replay.json"
    summary = _json(capsys, str(example_levels[2]), "--agent", "random", "--record", str(out))
    replay = Replay.read(out)
    assert replay.agent == "random" and replay.n_ticks == summary["time"]
    assert replay.stats["status"] == summary["status"]
    assert replay.stats["jumps"] == summary["jumps"]


def test_render_plays_in_a_window(
    example_levels: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["play", str(example_levels[0]), "--agent", "run-right", "--render"]) == 0
    assert "run-right on first-steps.txt" in capsys.readouterr().out


def test_human_play_records_your_run(
    example_levels: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine.replay.json"
    args = ["play", str(example_levels[0]), "--human", "--time", "0.5", "--record", str(out)]
    assert main(args) == 0
    assert "human on first-steps.txt" in capsys.readouterr().out
    replay = Replay.read(out)
    assert replay.agent == "human" and replay.stats["status"] == "TIME_OUT"


def test_human_play_ends_with_the_persona_you_played_like(
    example_levels: list[Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import pygame

    from mariogen.style import StyleClassifier

    held = {pygame.K_RIGHT, pygame.K_a, pygame.K_s}  # run right, jumping: keys held all along

    class Keys:
        def __getitem__(self, key: int) -> bool:
            return key in held

    monkeypatch.setattr(pygame.key, "get_pressed", Keys)
    level = str(example_levels[0])
    assert main(["play", level, "--human", "--time", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    last = next(line for line in lines if line.startswith("you played like"))
    assert all(line.startswith("  note: ") for line in lines[lines.index(last) + 1 :])
    assert last.startswith("you played like the ") and all(
        f"{p} " in last for p in ("runner", "collector", "killer")
    )
    summary = _json(capsys, level, "--human", "--time", "5")
    likes = summary["plays_like"]
    assert set(likes) == {"runner", "collector", "killer"}
    assert sum(likes.values()) == pytest.approx(1)
    assert last.startswith(f"you played like the {max(likes, key=likes.get)} (")
    assert StyleClassifier().model.personas == tuple(likes)


def test_help_teaches(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--help"]) == 0
    out = capsys.readouterr().out
    assert "examples:" in out and "S jump" in out and "--record" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--agent", "nobody"], "unknown agent 'nobody'; known agents: "),
        (["--record", "out.txt"], "must end in .replay.json"),
        (["--time", "0"], "expected seconds between 0 and 3600"),
        (["--mode", "huge"], "invalid choice: 'huge'"),
        (["--agent", "random", "--human"], "not allowed with argument"),
    ],
)
def test_user_mistakes_exit_2(
    example_levels: list[Path], args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["play", str(example_levels[0]), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_missing_level_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", str(tmp_path / "none.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mariogen: error: ") and err.count("\n") == 1


def test_scale_without_a_window_warns(
    example_levels: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["play", str(example_levels[0]), "--scale", "3"]) == 0
    err = capsys.readouterr().err
    assert err == (
        "mariogen: warning: --scale sizes the window of --render or --human; "
        "without one it does nothing\n"
    )
    assert main(["play", str(example_levels[0]), "--scale", "1", "--render"]) == 0
    assert capsys.readouterr().err == ""
