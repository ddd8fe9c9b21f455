"""``mariogen generate --like REPLAY...``: levels for the player the replays show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mariogen.agents.personas import read_card
from mariogen.cli.main import main
from mariogen.level import Level
from mariogen.replay import Replay

SMALL = ["--workers", "1", "-q"]


@pytest.fixture(autouse=True)
def _own_agent_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """generate --like points MARIOGEN_AGENT_PATH at a blend card; undo it after each test."""
    monkeypatch.setenv("MARIOGEN_AGENT_PATH", "")


@pytest.fixture(scope="module")
def replays(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("replays")
    level = str(Path(__file__).resolve().parents[2] / "levels/examples/pipe-garden.txt")
    out = {}
    for persona in ("collector", "killer"):
        out[persona] = folder / f"{persona}.replay.json"
        assert main(["play", level, "--agent", persona, "--record", str(out[persona])]) == 0
    return out


def _coin_share(out: Path, persona: str) -> float:
    stats = Replay.read(out / f"{persona}.replay.json").stats
    return stats["coins"] / Level.read(out / "level.txt").total_coins


def test_a_collectors_replay_gives_a_level_for_collectors(
    replays: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The acceptance test: on the level generated --like a collector's replay, the
    collector's coin share beats the runner's and the killer's (small budget)."""
    out = tmp_path / "out"
    budget = ["--segments", "8", "--population", "10", "--generations", "2", "--seed", "3"]
    args = ["generate", "--like", str(replays["collector"]), *budget, *SMALL, "-o", str(out)]
    assert main(args) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("inferred from 1 replay: collector ")
    assert first.endswith("; generating for collector")
    shares = {p: _coin_share(out, p) for p in ("collector", "runner", "killer")}
    print(f"coin shares: {shares}")
    assert shares["collector"] > max(shares["runner"], shares["killer"])
    report = (out / "report.md").read_text(encoding="utf-8")
    assert report.startswith("# A level for the collector\n\n## Who the level is for\n")
    assert "`collector.replay.json`" in report and "generated for its card" in report
    assert json.loads((out / "config.json").read_text())["settings"]["persona"] == "collector"


def test_a_mixed_player_gets_a_blend_card(
    replays: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    both = [str(replays["collector"]), str(replays["killer"])]
    tiny = ["--segments", "2", "--population", "3", "--generations", "0"]
    assert main(["generate", "--like", *both, *tiny, *SMALL, "-o", str(out)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "generating for like-collector (a blend card, like-collector.toml)" in first
    card, weak = read_card(out / "like-collector.toml"), read_card(out / "like-collector-weak.toml")
    assert weak.variant_of == card.name == "like-collector"
    assert card.cost["coins"] < 0 and card.cost["kills_stomp"] < 0  # wants both
    settings = json.loads((out / "config.json").read_text())["settings"]
    assert (settings["persona"], settings["weak"]) == ("like-collector", "like-collector-weak")
    assert (out / "like-collector.replay.json").is_file()
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "| collector.replay.json |" in report and "[like-collector.toml]" in report
    run = json.loads((out / "run.json").read_text())
    assert {"like-collector.toml", "like-collector-weak.toml"} <= set(run["files"])


def test_nothing_is_written_before_the_folder_is_claimed(
    replays: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "taken"
    out.mkdir()
    (out / "level.txt").write_text("an earlier run's level\n", encoding="utf-8")
    both = [str(replays["collector"]), str(replays["killer"])]
    assert main(["generate", "--like", *both, *SMALL, "-o", str(out)]) == 2
    assert "holds the outputs of an earlier generate run" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["level.txt"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--like", "x.replay.json", "--persona", "runner"], "not allowed with argument"),
        (["--like"], "argument --like: expected at least one argument"),
        (["--like", "missing.replay.json"], "missing.replay.json: cannot read replay"),
    ],
)
def test_like_mistakes_are_one_line(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["generate", *args, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1, err
    assert not out.exists()
