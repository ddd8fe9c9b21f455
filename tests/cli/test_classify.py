"""``mariogen classify``: persona probabilities of replays, on levels the model never saw."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mariogen.cli.main import main
from mariogen.style.training import HELD_OUT_SEED, TrainingSettings, seeded_levels

PERSONAS = ("runner", "collector", "killer")
#: The acceptance figure of issue #16: at least 90% of the held-out plays named right.
REQUIRED_ACCURACY = 0.9


def _record(level: Path, agent: str, out: Path) -> Path:
    assert main(["play", str(level), "--agent", agent, "--record", str(out), "--json"]) == 0
    return out


def _classify_json(capsys: pytest.CaptureFixture[str], *replays: Path) -> list[dict]:
    capsys.readouterr()
    assert main(["classify", *map(str, replays), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_plays_of_ten_unseen_levels_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The acceptance test: runner, collector and killer recorded with `play --record` on 10
    levels assembled with seeds training never uses are classified right >= 90% of the time."""
    settings = TrainingSettings()
    levels = seeded_levels(
        HELD_OUT_SEED, 10, settings.segments, settings.min_coins, settings.min_enemies
    )
    replays, truth = [], []
    for seed, level in levels:
        path = tmp_path / f"held-out-{seed}.txt"
        path.write_text(level.to_text(), encoding="utf-8")
        for persona in PERSONAS:
            replays.append(_record(path, persona, tmp_path / f"{seed}-{persona}.replay.json"))
            truth.append(persona)
    found = _classify_json(capsys, *replays)
    assert [row["source"] for row in found] == [str(p) for p in replays]
    correct = sum(row["persona"] == persona for row, persona in zip(found, truth, strict=True))
    print(f"held-out accuracy: {correct} of {len(truth)}")
    assert correct >= REQUIRED_ACCURACY * len(truth)


def test_text_output_ranks_the_personas(
    example_levels: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replay = _record(example_levels[1], "collector", tmp_path / "c.replay.json")
    capsys.readouterr()
    assert main(["classify", str(replay)]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith(f"{replay} (collector on pipe-garden.txt): plays like the collector (")
    assert all(f"{p} " in line and "%" in line for p in PERSONAS)


def test_json_output_is_one_object_per_play(
    example_levels: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = _record(example_levels[0], "run-right", tmp_path / "a.replay.json")
    b = _record(example_levels[0], "killer", tmp_path / "b.replay.json")
    rows = _classify_json(capsys, a, b)
    assert [row["player"] for row in rows] == ["run-right", "killer"]
    for row in rows:
        assert set(row) == {"source", "player", "level", "persona", "probabilities", "notes"}
        assert sum(row["probabilities"].values()) == pytest.approx(1, abs=1e-5)
        assert row["persona"] == max(row["probabilities"], key=row["probabilities"].get)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "classify: give REPLAY files, or --train"),
        (["x.replay.json", "--levels", "3"], "--levels: for --train only"),
        (["x.replay.json", "-o", "m.json"], "-o: for --train only"),
        (["x.replay.json", "-q"], "-q: for --train only"),
        (["--train", "x.replay.json"], "classify --train takes no REPLAY, --model or --json"),
        (["--train", "--levels", "1"], "argument --levels: expected a number >= 2"),
        (["missing.replay.json"], "missing.replay.json: cannot read replay"),
        (["missing.replay.json", "--model", "none.json"], "none.json: cannot read the model"),
    ],
)
def test_mistakes_are_one_line(
    args: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["classify", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1, err
