"""The parser against the reference: shared level files and the Java engine's traces."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mariogen.level import LEVEL_HEIGHT, Level
from tests.conftest import load_trace


def test_round_trip(shared_level: Path) -> None:
    text = shared_level.read_bytes().decode("utf-8").replace("\r\n", "\n")
    level = Level.read(shared_level)
    assert level.to_text() == text
    assert Level.from_text(level.to_text()) == level


def test_level_shape(shared_level: Path) -> None:
    level = Level.read(shared_level)
    assert level.tiles.shape == (LEVEL_HEIGHT, level.width)
    assert level.templates.shape == level.tiles.shape


def test_tiles_match_trace_init(shared_trace: Path, reference_dir: Path) -> None:
    trace = load_trace(shared_trace)
    init = trace["init"]
    level = Level.read(reference_dir / "levels" / trace["header"]["level"])
    expected = np.asarray(init["tiles"], dtype=np.int16)
    assert (init["level_tile_w"], init["level_tile_h"]) == (level.width, level.height)
    assert expected.shape == level.tiles.shape
    mismatches = np.argwhere(expected != level.tiles)
    assert mismatches.size == 0, f"(row, col) differing: {mismatches[:5].tolist()}"
    assert level.mario_start == tuple(init["mario_tile"])
    assert level.exit == tuple(init["exit_tile"])
    assert level.total_coins == init["total_coins"]


def test_reference_has_main_and_extra_traces(shared_traces: list[Path]) -> None:
    extra = [p for p in shared_traces if p.parent.name == "extra"]
    assert extra and len(extra) < len(shared_traces)


def test_every_traced_level_is_shared(shared_traces: list[Path], shared_levels: list[Path]) -> None:
    names = {f"{p.parent.name}/{p.name}" for p in shared_levels}
    for path in shared_traces:
        assert load_trace(path)["header"]["level"] in names
