"""``mariogen verify-trace``: files that are not traces say so, and a batch always sums up."""

from __future__ import annotations

from pathlib import Path

import pytest

from mariogen.cli.main import main
from tests.conftest import EXAMPLES_DIR


def test_a_level_is_not_a_trace(capsys: pytest.CaptureFixture[str]) -> None:
    level = EXAMPLES_DIR / "first-steps.txt"
    assert main(["verify-trace", str(level), "--levels", str(EXAMPLES_DIR)]) == 2
    captured = capsys.readouterr()
    assert captured.err == (
        f"mariogen: error: {level}: not a gzip-compressed trace (Error -3 while decompressing "
        "data: incorrect header check)\n"
    )
    assert captured.out == "0 passed, 0 failed, 1 unreadable\n"


def test_a_batch_checks_every_trace_and_prints_its_summary(
    reference_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    traces = sorted((reference_dir / "traces").glob("*.json.gz"))[:2]
    bad = [str(EXAMPLES_DIR / "first-steps.txt"), str(tmp_path / "missing.json.gz")]
    args = [str(traces[0]), *bad, str(traces[1]), "--levels", str(reference_dir / "levels")]
    assert main(["verify-trace", *args]) == 2
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert [line.split()[0] for line in lines[:2]] == ["PASS", "PASS"]
    assert lines[2] == "2 passed, 0 failed, 2 unreadable"
    assert "not a gzip-compressed trace" in captured.err
    assert "missing.json.gz: no such trace file" in captured.err
    assert captured.err.count("\n") == 2
