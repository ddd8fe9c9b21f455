"""``mariogen generate`` and ``mariogen segments`` end to end, with small budgets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mariogen.cli.main import main
from mariogen.level import Level

REPO = Path(__file__).resolve().parents[2]
TINY = [
    "--persona",
    "run-right",
    "--metric",
    "coins-v0",
    "--segments",
    "4",
    "--seed",
    "3",
    "--workers",
    "1",
]


def generate(out: Path, *extra: str) -> int:
    return main(
        ["generate", *TINY, "--population", "6", "--generations", "2", "-q", *extra, "-o", str(out)]
    )


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_generate_writes_every_output(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert generate(tmp_path) == 0
    out = capsys.readouterr().out
    assert "best level" in out and "report.md" in out
    names = set(files(tmp_path))
    for name in (
        "level.txt",
        "level.png",
        "logbook.csv",
        "population.json",
        "config.json",
        "fitness.png",
        "report.md",
        "checkpoint.json",
        "run-right.replay.json",
    ):
        assert name in names
    level = Level.read(tmp_path / "level.txt")
    assert level.width == 3 + 4 * 16 + 6
    logbook = (tmp_path / "logbook.csv").read_text().splitlines()
    assert logbook[0] == "gen,evaluations,cached,best,mean,std,feasible,retried,failed"
    assert len(logbook) == 4 and all(row.endswith(",0,0") for row in logbook[1:])
    config = json.loads((tmp_path / "config.json").read_text())
    assert config["settings"]["seed"] == 3 and config["settings"]["persona"] == "run-right"
    assert config["library"]["segments"] >= 150
    population = json.loads((tmp_path / "population.json").read_text())
    assert len(population["population"]) == 6 and population["hall_of_fame"]
    report = (tmp_path / "report.md").read_text()
    assert "![the level](level.png)" in report and "fitness.png" in report
    assert "| run-right | WIN |" in report


def test_one_and_two_workers_write_identical_files(tmp_path: Path) -> None:
    assert generate(tmp_path / "one") == 0
    assert generate(tmp_path / "two", "--workers", "2") == 0
    assert files(tmp_path / "one") == files(tmp_path / "two")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--persona", "nobody"], "unknown persona 'nobody'"),
        (["--metric", "no-such-metric"], "unknown metric"),
        (["--metric", "coins-v0:lots"], "--metric"),
        (["--playable-by", "nobody"], "unknown persona"),
        (["--library", "/nonexistent/lib"], "library index"),
        (["--population", "1"], "population"),
    ],
)
def test_user_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture, extra: list[str], message: str
) -> None:
    assert main(["generate", *TINY, *extra, "-o", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_resume_refuses_changed_options(tmp_path: Path, capsys) -> None:
    assert generate(tmp_path, "--no-replays") == 0
    assert main(["generate", "--resume", "--seed", "4", "-q", "-o", str(tmp_path)]) == 2
    assert "other seed" in capsys.readouterr().err


def test_segments_list_show_import(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["segments", "list", "--family", "gap"]) == 0
    out = capsys.readouterr().out
    assert "gap-w3" in out and "segments, 16 columns wide" in out
    assert main(["segments", "show", "pipe-piranha-h3", "--png", str(tmp_path / "p.png")]) == 0
    out = capsys.readouterr().out
    assert "TT" in out and (tmp_path / "p.png").exists()
    assert main(["segments", "show", "no-such-segment"]) == 2
    examples = sorted((REPO / "levels" / "examples").glob("*.txt"))
    lib = tmp_path / "lib"
    assert main(["segments", "import", *map(str, examples), "--width", "16", "-o", str(lib)]) == 0
    assert (lib / "index.csv").exists()
    assert main(["segments", "list", "--library", str(lib)]) == 0
    assert "first-steps-000" in capsys.readouterr().out
    assert generate(tmp_path / "gen", "--library", str(lib), "--no-replays") == 0
    assert Level.read(tmp_path / "gen" / "level.txt").width == 3 + 4 * 16 + 6
    assert main(["segments"]) == 0  # without an action it lists, as every command does


def test_o_over_an_earlier_run_refuses_naming_resume_and_force(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert generate(tmp_path, "--no-replays") == 0
    before = {name: data for name, data in files(tmp_path).items()}
    capsys.readouterr()
    assert generate(tmp_path, "--no-replays", "--seed", "4") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--resume continues it, --force replaces it" in err
    assert files(tmp_path) == before  # nothing was touched, checkpoint included
    assert generate(tmp_path, "--no-replays", "--resume", "--force") == 2
    assert generate(tmp_path, "--no-replays", "--seed", "4", "--force") == 0
    config = json.loads((tmp_path / "config.json").read_text())
    assert config["settings"]["seed"] == 4


def test_resume_of_a_run_killed_before_its_first_checkpoint_starts_it(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """The run file alone (written before any work) says which run the folder holds."""
    assert generate(tmp_path / "whole", "--no-replays") == 0
    cut = tmp_path / "cut"
    assert generate(cut, "--no-replays") == 0
    for path in cut.iterdir():
        if path.name != "run.json":
            path.unlink()
    assert main(["generate", "--resume", "-q", "--no-replays", "-o", str(cut)]) == 0
    assert files(cut) == files(tmp_path / "whole")
    assert main(["generate", "--resume", "-q", *TINY[:4], "-o", str(tmp_path / "new")]) == 0
    assert "holds no run to resume; starting it" in capsys.readouterr().err
