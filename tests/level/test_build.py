"""``levels/segments/build.py``: a small build with the real agents into a temporary folder
(index columns, determinism, failures), and the figures of a fully built library read from
its index (the full build itself is a benchmark: ``python bench/segments.py``)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from mariogen.agents import play
from mariogen.level.library import BUILTIN_LIBRARY, INDEX_FIELDS, SegmentLibrary
from mariogen.level.segments import DIFFICULTY_AGENTS, HEIGHTS

BUILD = Path(__file__).resolve().parents[2] / "levels" / "segments" / "build.py"
#: A built library to check instead of the shipped one (e.g. /tmp/newlib).
LIBRARY_ENV = "MARIOGEN_BUILT_LIBRARY"


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("segments_build", BUILD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def run(build: ModuleType, out: Path, *args: str) -> int:
    return build.main(["-o", str(out), "--no-progress", *args])


def test_a_small_build_writes_heights_and_difficulty(
    build: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert run(build, tmp_path, "--only", "step*-0to1") == 0
    out = capsys.readouterr().out
    assert "finished alone by: run-right" in out and "build time" in out
    lines = (tmp_path / "index.csv").read_text().splitlines()
    assert lines[0] == ",".join(INDEX_FIELDS)
    library = SegmentLibrary.load(tmp_path)
    assert library.ids == ("step-0to1", "step-goomba-0to1", "step-pit-0to1", "step-spiky-0to1")
    for seg in library:
        assert (seg.entry, seg.exit) == (0, 1)
        assert seg.completion["runner"] == 1.0 and set(seg.completion) == set(DIFFICULTY_AGENTS)
        assert seg.checked_by in ("run-right", "runner")
        rr = play("run-right", seg.padded(), record=False).win
        assert (seg.checked_by == "run-right") == rr


def test_the_build_is_deterministic(build: ModuleType, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert run(build, a, "--only", "hazard-*-at2") == 0
    assert run(build, b, "--only", "hazard-*-at2") == 0
    files = sorted(p.name for p in a.iterdir())
    assert files == sorted(p.name for p in b.iterdir()) and "index.csv" in files
    for name in files:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_failures_stop_the_build_unless_dropped(
    build: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    args = ("--agents", "run-right", "--require", "run-right", "--only", "gap-w[16]")
    assert run(build, tmp_path, *args) == 1
    assert "gap-w6 (run-right" in capsys.readouterr().err
    assert not (tmp_path / "index.csv").exists()
    assert run(build, tmp_path, *args, "--drop") == 0
    assert SegmentLibrary.load(tmp_path).ids == ("gap-w1",)


def _built_library() -> SegmentLibrary:
    folder = os.environ.get(LIBRARY_ENV)
    root = Path(folder) if folder else BUILTIN_LIBRARY
    header = (root / "index.csv").read_text().splitlines()[0]
    if header != ",".join(INDEX_FIELDS):
        pytest.skip(
            f"{root} predates ground heights; build one (python levels/segments/build.py "
            f"-o /tmp/newlib) and point {LIBRARY_ENV} at it"
        )
    return SegmentLibrary.load(root)


def test_built_library_figures() -> None:
    library = _built_library()
    n = len(library)
    assert n >= 300
    assert all(seg.width == 16 and seg.seam_problems() == [] for seg in library)
    assert all(seg.completion.get("runner") == 1.0 for seg in library)
    assert all("runner-weak" in seg.completion for seg in library)
    by_run_right = sum(seg.checked_by == "run-right" for seg in library)
    assert by_run_right / n < 0.5
    for height in HEIGHTS:
        assert len(library.entering(height)) >= 60


def test_built_library_index_tells_the_truth() -> None:
    library = _built_library()
    for seg in list(library)[::50]:
        level = seg.padded()
        assert play("runner", level, record=False).win, seg.id
        assert play("run-right", level, record=False).win == (seg.checked_by == "run-right")
