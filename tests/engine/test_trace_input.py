"""Hostile trace files: each is one TraceFormatError naming the file, before any replay."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from mariogen.cli.main import main
from mariogen.engine.trace import MAX_TRACE_BYTES, TraceFormatError, load_trace

NAME = "original_lvl-1__astar__m0.json.gz"


def _drop(*path: str) -> Callable[[dict], None]:
    def change(trace: dict) -> None:
        node = trace
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return change


def _set(value: object, *path: str | int) -> Callable[[dict], None]:
    def change(trace: dict) -> None:
        node = trace
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


CASES: dict[str, tuple[Callable[[dict], None], str]] = {
    "no header level": (_drop("header", "level"), "header.level"),
    "start mode 7": (_set(7, "header", "start_mode"), "header.start_mode"),
    "n_ticks beyond the columns": (_set(10**5, "n_ticks"), "ticks.act must hold"),
    "a button out of range": (_set(99, "ticks", "act", 3), r"ticks.act\[3\]"),
    "a column of strings": (_set(["a"], "ticks", "x"), r"ticks.x\[0\]"),
    "a tile change off the level": (_set([5000, 0, 1], "ticks", "tc"), "ticks.tc"),
    "ragged init tiles": (_set([[0, 0], [0]], "init", "tiles"), r"init.tiles\[1\]"),
    "no result status": (_drop("result", "status"), "result.status"),
}


@pytest.fixture(scope="module")
def trace(reference_dir: Path) -> dict:
    return load_trace(reference_dir / "traces" / NAME)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_broken_trace_is_one_error_naming_file_and_key(
    tmp_path: Path, trace: dict, case: str
) -> None:
    change, message = CASES[case]
    broken = json.loads(json.dumps(trace))
    change(broken)
    path = tmp_path / "t.json.gz"
    path.write_bytes(gzip.compress(json.dumps(broken).encode()))
    with pytest.raises(TraceFormatError, match=message) as caught:
        load_trace(path)
    assert str(caught.value).startswith(f"{path}: ")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not gzip", "not a gzip-compressed trace"),
        (gzip.compress(b"{"), "not a JSON trace"),
        (gzip.compress(b"[" * 100_000), "not a JSON trace"),
        (gzip.compress(b" " * (MAX_TRACE_BYTES + 1)), f"larger than {MAX_TRACE_BYTES} bytes"),
    ],
)
def test_files_that_are_not_traces(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "t.json.gz"
    path.write_bytes(content)
    with pytest.raises(TraceFormatError, match=message):
        load_trace(path)


def test_verify_trace_reports_a_broken_trace_in_one_line(
    tmp_path: Path, reference_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.json.gz"
    path.write_bytes(gzip.compress(b'{"header": {"format_version": 1}}'))
    assert main(["verify-trace", str(path), "--levels", str(reference_dir / "levels")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "header.level must name the level file" in err
