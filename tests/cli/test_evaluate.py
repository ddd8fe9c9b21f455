"""``mariogen evaluate`` and ``mariogen metrics list``: real plays of the example levels."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from mariogen.cli.main import main
from mariogen.metrics import metric_names

#: Settings that keep the divergence metric's plays a baseline's (fast).
BASELINE_PAIR = [
    "--set",
    "behaviour-divergence-v0.first=run-right",
    "--set",
    "behaviour-divergence-v0.second=do-nothing",
]
FAST = ["--time-limit", "3", "--no-progress"]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_all_metrics_tidy_csv(
    example_levels: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "table.csv"
    args = ["evaluate", *map(str, example_levels), "--agents", "run-right,do-nothing"]
    ghost = ["--set", "behaviour-divergence-v0.second=ghost"]
    status, stdout, stderr = run(
        [*args, "-o", str(out), "--workers", "1", *BASELINE_PAIR[:2], *ghost, *FAST], capsys
    )
    assert status == 0
    names = metric_names()
    assert f"({len(example_levels) * 2 * len(names)} rows:" in stdout
    table = pd.read_csv(out)
    assert list(table.columns) == ["level", "agent", "metric", "value"]
    assert len(table) == len(example_levels) * 2 * len(names)
    assert set(table["metric"]) == set(names)
    # behaviour-divergence-v0 needs the play of ghost, which does not exist: NaN, a warning.
    divergence = table[table["metric"] == "behaviour-divergence-v0"]["value"]
    assert divergence.isna().all()
    assert "warning: behaviour-divergence-v0 is NaN" in stderr and "ghost" in stderr
    # ability-gap-v0 compares the runner with its weak variant (runner-weak, from the card).
    assert table[table["metric"] == "ability-gap-v0"]["value"].notna().all()
    # Content metrics repeat on every agent's row; do-nothing never wins.
    content = table[table["metric"] == "leniency-v0"].groupby("level")["value"].nunique()
    assert (content == 1).all()
    wins = table[(table["metric"] == "win-v0") & (table["agent"] == "do-nothing")]["value"]
    assert (wins == 0).all()


def test_workers_do_not_change_the_table(
    example_levels: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}.csv"
        args = ["evaluate", *map(str, example_levels[:2]), "--agents", "random,run-right"]
        metrics = "completion-v0,jumps-v0,behaviour-divergence-v0,air-time-v0"
        status, _, _ = run(
            [*args, "--metrics", metrics, "--seed", "7", "-o", str(out), "--workers", workers,
             *BASELINE_PAIR[:4], *FAST],
            capsys,
        )  # fmt: skip
        assert status == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_wide_markdown_and_latex(
    example_levels: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    level = str(example_levels[0])
    metrics = "completion-v0,leniency-v0,coin-rate-v0"
    for suffix in (".md", ".tex"):
        out = tmp_path / f"wide{suffix}"
        args = ["evaluate", level, "--agents", "run-right,do-nothing", "--metrics", metrics]
        status, stdout, _ = run([*args, "--wide", "-o", str(out), "--workers", "1", *FAST], capsys)
        assert status == 0 and "(2 rows: 1 levels x 2 agents)" in stdout
        text = out.read_text()
        assert "completion-v0" in text.replace("\\_", "_") and "run-right" in text
    md = (tmp_path / "wide.md").read_text().splitlines()
    assert md[0] == "| level | agent | completion-v0 | leniency-v0 | coin-rate-v0 |"
    assert len(md) == 4
    tex = (tmp_path / "wide.tex").read_text()
    assert tex.startswith("\\begin{tabular}{llrrr}") and "\\bottomrule" in tex


def test_without_output_prints_the_wide_table(
    example_levels: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["evaluate", str(example_levels[0]), "--agents", "do-nothing"]
    status, stdout, _ = run([*args, "--metrics", "win-v0,gap-count-v0", *FAST], capsys)
    assert status == 0
    header, row = stdout.splitlines()
    assert header.split() == ["level", "agent", "win-v0", "gap-count-v0"]
    assert row.split()[1:3] == ["do-nothing", "0.0"]


def test_reference_option_reaches_the_divergence_metrics(
    example_levels: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "kl.csv"
    level = str(example_levels[0])
    args = ["evaluate", level, "--agents", "do-nothing", "--metrics", "tpkl-v0,tpjs-v0"]
    status, _, _ = run([*args, "--reference", level, "-o", str(out), *FAST], capsys)
    assert status == 0
    assert pd.read_csv(out)["value"].tolist() == [0.0, 0.0]  # the level against itself


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--metrics", "nope-v0"], "unknown metric 'nope-v0'"),
        (["--agents", "nobody"], "unknown agent 'nobody'"),
        (["-o", "table.xlsx"], "expected a file ending in .csv, .md, .tex"),
        (["--set", "linearity-v0"], "expected METRIC.PARAM=VALUE"),
        (["--set", "negative-space-v0.reach=0"], "reach must be an integer >= 1"),
        (["--set", "linearity-v0.window=3"], "takes no parameter 'window'"),
        (
            ["--metrics", "ability-gap-v0", "--set", "ability-gap-v0.persona=ghost"],
            "persona 'ghost' has no weak variant",
        ),
        (["--reference", "no/such/folder", "--metrics", "tpkl-v0"], "neither a folder"),
    ],
)
def test_user_errors_are_one_line(
    example_levels: list[Path],
    extra: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["evaluate", str(example_levels[0]), "--agents", "do-nothing", *FAST, *extra]
    status, _, stderr = run(args, capsys)
    assert status == 2
    assert stderr.startswith("mariogen: error: ") and message in stderr
    assert len(stderr.strip().splitlines()) == 1


def test_bad_level_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("not a level\n")
    status, _, stderr = run(["evaluate", str(bad), "--agents", "do-nothing"], capsys)
    assert status == 2 and "bad.txt" in stderr


def test_metrics_list(capsys: pytest.CaptureFixture[str]) -> None:
    status, stdout, _ = run(["metrics", "list"], capsys)
    assert status == 0
    lines = stdout.splitlines()
    assert lines[0].split()[:5] == ["name", "kind", "needs", "range", "direction"]
    assert len(lines) == 1 + len(metric_names())
    gap = next(line for line in lines if line.startswith("ability-gap-v0"))
    assert "runner,runner-weak" in gap and "[-1, 1]" in gap and "minimise" in gap


def test_metrics_list_json_and_kind(capsys: pytest.CaptureFixture[str]) -> None:
    status, stdout, _ = run(["metrics", "list", "--json", "--kind", "content"], capsys)
    assert status == 0
    items = json.loads(stdout)
    assert items and all(item["kind"] == "content" and item["needs"] == [] for item in items)
    kl = next(item for item in items if item["name"] == "tpkl-v0")
    assert kl["formula"].startswith("D = w * KL(P || Q)") and kl["params"]["size"] == 2
    assert not math.isnan(kl["range"][0])


def test_help_teaches(capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["evaluate", "--help"], ["metrics", "list", "--help"]):
        status, stdout, _ = run(command, capsys)
        assert status == 0 and "examples:" in stdout


def test_more_workers_than_cores_warns(
    example_levels: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    many = str((os.cpu_count() or 1) + 1)
    args = ["evaluate", str(example_levels[0]), "--agents", "do-nothing", "--metrics", "win-v0"]
    status, _, err = run([*args, "--workers", many, *FAST], capsys)
    assert status == 0
    assert f"mariogen: warning: --workers {many} is more than the" in err
    assert "cores; it will not be faster" in err
