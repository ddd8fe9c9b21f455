"""``mariogen validate``: one line per file, exit 0 only when every file is valid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mariogen.cli.main import main
from tests.malformed import CASES, Case


def test_good_files_print_ok(
    example_levels: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", *map(str, example_levels)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{p}: ok" for p in example_levels]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_malformed_file_exits_2_with_one_line(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = case.write(tmp_path)
    assert main(["validate", str(path)]) == 2
    captured = capsys.readouterr()
    line, column = case.where
    assert re.fullmatch(rf"{re.escape(str(path))}:{line}:{column}: \S[^\n]*\n", captured.out)
    assert captured.err == ""


def test_mixed_files_report_each_and_exit_2(
    example_levels: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = CASES[0].write(tmp_path)
    good = example_levels[0]
    assert main(["validate", str(good), str(bad), str(good)]) == 2
    out = capsys.readouterr().out.splitlines()
    assert out[0] == out[2] == f"{good}: ok"
    assert out[1].startswith(f"{bad}:")


def test_quiet_prints_only_problems(
    example_levels: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = CASES[1].write(tmp_path)
    assert main(["validate", "-q", str(example_levels[0]), str(bad)]) == 2
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].startswith(f"{bad}:")


def test_shared_levels_are_valid(
    shared_levels: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--quiet", *map(str, shared_levels)]) == 0
    assert capsys.readouterr().out == ""
