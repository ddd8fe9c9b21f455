"""``mariogen segments``: list with heights and difficulty, filters, show, import of slices
with their heights."""

from __future__ import annotations

from pathlib import Path

import pytest

from mariogen.cli.main import main
from mariogen.level import Level
from mariogen.level.catalogue import build_catalogue
from mariogen.level.library import SegmentLibrary
from mariogen.level.segments import make_segment, seam_column


@pytest.fixture
def library(tmp_path: Path) -> Path:
    wanted = {"flat-plain", "step-0to2", "stairs-koopa-2to4", "gap-w6-at2", "multi-wall-koopa"}
    segments = []
    for seg in build_catalogue():
        if seg.id in wanted:
            done = {"runner": 1.0, "runner-weak": 0.6 if "wall" in seg.id else 1.0}
            segments.append(make_segment(seg.id, seg.family, seg.rows, "runner", done))
    folder = tmp_path / "lib"
    SegmentLibrary(segments).write(folder)
    return folder


def test_list_shows_heights_and_difficulty(library: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["segments", "list", "--library", str(library)]) == 0
    out = capsys.readouterr().out
    header, *lines = out.splitlines()
    assert header.split() == [
        "id",
        "family",
        "entry",
        "exit",
        "coins",
        "enemies",
        "gaps",
        "runner",
        "runner-weak",
        "checked_by",
    ]
    step = next(line for line in lines if line.startswith("step-0to2 ")).split()
    assert step[:4] == ["step-0to2", "step", "0", "2"] and step[-3:] == ["1.00", "1.00", "runner"]
    wall = next(line for line in lines if line.startswith("multi-wall-koopa ")).split()
    assert wall[-2] == "0.60"
    assert "5 of 5 segments, 16 columns wide" in out
    assert "entry heights: 0: 3, 2: 2" in out


def test_list_filters_by_height(library: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["segments", "list", "--library", str(library), "--entry", "2"]) == 0
    out = capsys.readouterr().out
    assert "stairs-koopa-2to4" in out and "gap-w6-at2" in out and "step-0to2" not in out
    assert main(["segments", "list", "--library", str(library), "--exit", "4"]) == 0
    assert "1 of 5 segments" in capsys.readouterr().out
    assert main(["segments", "list", "--library", str(library), "--entry", "3"]) == 2
    assert "heights: 0, 2, 4" in capsys.readouterr().err


def test_show_prints_a_level_and_says_the_heights_on_stderr(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["segments", "show", "stairs-koopa-2to4", "--library", str(library)]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith("stairs-koopa-2to4 (stairs): entry height 2, exit height 4;")
    assert "runner 1.00, runner-weak 1.00" in captured.err
    assert len(captured.out.splitlines()) == 16
    shown = tmp_path / "shown.txt"
    shown.write_text(captured.out, encoding="utf-8")
    assert main(["validate", str(shown)]) == 0
    assert Level.read(shown).to_text() == SegmentLibrary.load(library)["stairs-koopa-2to4"].text()


def test_import_needs_its_output_folder(capsys: pytest.CaptureFixture) -> None:
    assert main(["segments", "import", "a.txt", "--width", "16"]) == 2
    err = capsys.readouterr().err
    assert "segments import: the following arguments are required: -o/--output" in err


def test_import_records_the_heights_of_slices(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    column_low, column_high = seam_column(0), seam_column(3)
    rows = [column_low[y] * 16 + column_high[y] * 15 + "-" for y in range(16)]
    rows[13] = "-M" + rows[13][2:]
    path = tmp_path / "mine.txt"
    path.write_text("\n".join(rows) + "\n")
    Level.read(path)
    out = tmp_path / "lib"
    assert main(["segments", "import", str(path), "--width", "16", "-o", str(out)]) == 0
    assert "entry heights: 0: 1, 3: 1 (~: irregular)" in capsys.readouterr().out
    lines = (out / "index.csv").read_text().splitlines()
    assert lines[1].startswith("mine-000,mine,16,0,0,")
    assert lines[2].startswith("mine-001,mine,16,3,-1,")
    assert main(["segments", "list", "--library", str(out)]) == 0
    listed = capsys.readouterr().out
    assert "mine-001" in listed and " ~ " in listed
