"""Segments: ground heights and the seam rule, assembly at heights, slicing, library files
(old and new indexes, bounded reads), and the shipped library."""

from __future__ import annotations

from pathlib import Path

import pytest

from mariogen.agents import list_agents, play
from mariogen.level import Level
from mariogen.level.catalogue import build_catalogue
from mariogen.level.library import BUILTIN_LIBRARY, INDEX_FIELDS, MAX_INDEX_BYTES, SegmentLibrary
from mariogen.level.segments import (
    END_PAD,
    HEIGHTS,
    IRREGULAR,
    SEGMENT_WIDTH,
    START_PAD,
    SegmentError,
    assemble,
    column_height,
    end_pad,
    fits,
    make_segment,
    seam_column,
    slice_level,
    start_pad,
)
from tests.level.test_catalogue import FAMILIES

EXAMPLES = Path(__file__).resolve().parents[2] / "levels" / "examples"
#: The index header of the library of before ground heights.
OLD_FIELDS = "id,family,width,coins,enemies,gaps,checked_by"
#: Families the shipped library covers: every family the catalogue draws (issue 2's, and the
#: connectors, hazards and risky coins of issue 12).
REQUIRED_FAMILIES = FAMILIES


def ground(entry: int, exit_: int | None = None, width: int = SEGMENT_WIDTH) -> list[str]:
    """Rows of plain ground at ``entry`` that steps to ``exit_`` halfway."""
    exit_ = entry if exit_ is None else exit_
    half = width // 2
    left, right = seam_column(entry), seam_column(exit_)
    return [left[y] * half + right[y] * (width - half) for y in range(16)]


def with_cell(rows: list[str], x: int, y: int, char: str) -> list[str]:
    rows = list(rows)
    rows[y] = rows[y][:x] + char + rows[y][x + 1 :]
    return rows


# -- heights and the seam rule ----------------------------------------------------------------


def test_seam_columns_and_column_heights() -> None:
    assert seam_column(0) == "-" * 14 + "XX"
    assert seam_column(4) == "-" * 10 + "X" * 6
    rows = ground(0)
    assert column_height(rows, 0) == 0
    assert column_height(with_cell(rows, 0, 3, "o"), 0) == IRREGULAR
    assert column_height(with_cell(rows, 0, 15, "-"), 0) == IRREGULAR
    with pytest.raises(SegmentError, match="height 5"):
        seam_column(5)


@pytest.mark.parametrize("entry", HEIGHTS)
@pytest.mark.parametrize("exit_", HEIGHTS)
def test_hand_written_heights(entry: int, exit_: int) -> None:
    seg = make_segment("hw", "test", ground(entry, exit_))
    assert (seg.entry, seg.exit) == (entry, exit_)
    assert seg.seam_problems() == []


def test_irregular_ends() -> None:
    rows = ground(1)
    gap_at_start = [row[:0] + "-" + row[1:] for row in rows]  # column 0 is empty
    seg = make_segment("gap-start", "test", gap_at_start)
    assert (seg.entry, seg.exit) == (IRREGULAR, 1)
    assert seg.seam_problems()
    coin_over_exit = make_segment("coin-exit", "test", with_cell(rows, 15, 5, "o"))
    assert (coin_over_exit.entry, coin_over_exit.exit) == (1, IRREGULAR)
    uneven = make_segment("uneven", "test", with_cell(ground(0), 1, 13, "X"))
    assert uneven.entry == IRREGULAR  # columns 0 and 1 differ
    too_high = make_segment("tall", "test", ["-" * 16] * 9 + ["X" * 16] * 7)
    assert (too_high.entry, too_high.exit) == (IRREGULAR, IRREGULAR)


def test_seam_problems_name_the_cell_and_the_height() -> None:
    rows = with_cell(ground(2), 14, 11, "g")
    problems = make_segment("bad", "test", rows).seam_problems()
    assert problems == ["column 14 row 11 is 'g', the seam rule needs '-' (exit height 2)"]


def test_fits() -> None:
    assert fits(2, 2) and not fits(2, 3)
    assert fits(IRREGULAR, 4) and fits(0, IRREGULAR) and fits(IRREGULAR, IRREGULAR)


# -- assembly ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("entry", "exit_"), [(0, 0), (2, 4), (4, 1), (3, 0)])
def test_assemble_puts_the_pads_at_the_end_heights(entry: int, exit_: int) -> None:
    first = make_segment("first", "test", ground(entry, 2))
    last = make_segment("last", "test", ground(2, exit_))
    level = assemble([first, last])
    assert level.width == len(START_PAD[0]) + 2 * SEGMENT_WIDTH + len(END_PAD[0])
    assert level.mario_start == (1, 13 - entry)
    assert level.exit == (level.width - 3, 13 - exit_)
    rows = level.to_text().splitlines()
    assert [row[:3] for row in rows] == list(start_pad(entry))
    assert [row[-6:] for row in rows] == list(end_pad(exit_))
    assert Level.from_text(level.to_text()) == level


def test_pads_keep_their_widths_and_markers() -> None:
    assert start_pad(0) == START_PAD and end_pad(0) == END_PAD
    for height in HEIGHTS:
        start, end = start_pad(height), end_pad(height)
        assert {len(row) for row in start} == {3} and {len(row) for row in end} == {6}
        assert start[13 - height] == "-M-" and end[13 - height] == "---F--"
        assert start[14 - height] == "XXX" and end[15] == "XXXXXX"


def test_irregular_ends_get_pads_at_height_zero() -> None:
    seg = make_segment("odd", "test", ["-" * 16] * 16)
    level = assemble([seg])
    assert level.mario_start == (1, 13) and level.exit == (level.width - 3, 13)


def test_assembly_needs_a_segment() -> None:
    with pytest.raises(SegmentError, match="at least one"):
        assemble([])


def test_a_climbing_level_is_finished_by_the_runner() -> None:
    segments = [
        make_segment("up", "test", ground(0, 2)),
        make_segment("up-more", "test", ground(2, 4)),
        make_segment("down", "test", ground(4, 1)),
    ]
    level = assemble(segments)
    assert play("runner", level, record=False).win


# -- segments and counts ----------------------------------------------------------------------


def test_counts() -> None:
    rows = ["-" * 16] * 9 + [
        "-----Q?C--------",
        "----------------",
        "------TT--------",
        "---o--TT--g-----",
        "------TT---G----",
        "XXXX---XXXXXXXXX",
        "XXXX---XXXXXXXXX",
    ]
    seg = make_segment("count-me", "test", rows)
    assert (seg.coins, seg.enemies, seg.gaps) == (3, 3, 1)


def test_bad_segments_are_refused() -> None:
    good = ["-" * 16] * 14 + ["X" * 16] * 2
    with pytest.raises(SegmentError, match="id"):
        make_segment("../evil", "x", good)
    with pytest.raises(SegmentError, match="rows"):
        make_segment("short", "x", good[:10])
    with pytest.raises(SegmentError, match="start"):
        make_segment("mario", "x", ["M" + "-" * 15, *good[1:]])
    with pytest.raises(SegmentError, match="unknown tile"):
        make_segment("odd", "x", ["Z" + "-" * 15, *good[1:]])
    with pytest.raises(SegmentError, match="completion"):
        make_segment("fast", "x", good, completion={"runner": 1.5})


# -- slicing ----------------------------------------------------------------------------------


def test_slice_and_write_and_load(tmp_path: Path) -> None:
    level = Level.read(EXAMPLES / "first-steps.txt")
    segments = slice_level(level, 16, "first steps")
    assert len(segments) == level.width // 16
    assert segments[0].id == "first-steps-000"
    assert all("M" not in "".join(s.rows) and "F" not in "".join(s.rows) for s in segments)
    assert segments[0].entry == 0  # the example starts on plain ground
    lib = SegmentLibrary(segments)
    lib.write(tmp_path)
    again = SegmentLibrary.load(tmp_path)
    assert again.ids == lib.ids and again.digest() == lib.digest()
    assert [(s.entry, s.exit) for s in again] == [(s.entry, s.exit) for s in lib]
    assert again.assemble(again.ids).width == 3 + 16 * len(segments) + 6


def test_slices_record_the_heights_they_have() -> None:
    rows = ground(0, 3, width=32)
    rows = with_cell(rows, 31, 2, "o")  # the last column is not clean ground
    level = Level.from_text("\n".join(rows) + "\n")
    first, second = slice_level(level, 16, "mine")
    assert (first.entry, first.exit, second.entry, second.exit) == (0, 0, 3, IRREGULAR)


def test_slicing_original_levels_records_clean_and_irregular_ends(reference_dir: Path) -> None:
    originals = sorted((reference_dir / "levels" / "original").glob("*.txt"))
    if not originals:
        pytest.skip("no original levels in the reference data")
    heights: set[int] = set()
    for path in originals:
        for seg in slice_level(Level.read(path), 16, path.stem):
            heights |= {seg.entry, seg.exit}
            assert seg.seam_problems() == [] or IRREGULAR in (seg.entry, seg.exit)
    assert {IRREGULAR, 0} <= heights


# -- library files ----------------------------------------------------------------------------


def test_index_has_heights_and_difficulty(tmp_path: Path) -> None:
    seg = make_segment(
        "climb", "step", ground(1, 3), "runner", {"runner": 1.0, "runner-weak": 0.4567}
    )
    plain = make_segment("plain", "flat", ground(3))
    SegmentLibrary([seg, plain]).write(tmp_path)
    lines = (tmp_path / "index.csv").read_text().splitlines()
    assert lines[0] == ",".join(INDEX_FIELDS)
    assert lines[0] == "id,family,width,entry,exit,coins,enemies,gaps,runner,runner_weak,checked_by"
    assert lines[1] == "climb,step,16,1,3,0,0,0,1.000,0.457,runner"
    assert lines[2] == "plain,flat,16,3,3,0,0,0,,,"
    again = SegmentLibrary.load(tmp_path)
    assert dict(again["climb"].completion) == {"runner": 1.0, "runner-weak": 0.457}
    assert dict(again["plain"].completion) == {} and again["plain"].checked_by == ""


def test_old_style_index_loads(tmp_path: Path) -> None:
    (tmp_path / "index.csv").write_text(f"{OLD_FIELDS}\nclimb,step,16,0,0,0,runner\n")
    (tmp_path / "climb.txt").write_text("\n".join(ground(0, 2)) + "\n")
    lib = SegmentLibrary.load(tmp_path)
    seg = lib["climb"]
    assert (seg.entry, seg.exit, seg.checked_by) == (0, 2, "runner")
    assert dict(seg.completion) == {}
    (tmp_path / "index.csv").write_text("id,family\nclimb,step\n")
    assert SegmentLibrary.load(tmp_path)["climb"].exit == 2


def test_index_heights_must_match_the_rows(tmp_path: Path) -> None:
    header = ",".join(INDEX_FIELDS)
    (tmp_path / "climb.txt").write_text("\n".join(ground(0, 2)) + "\n")
    (tmp_path / "index.csv").write_text(f"{header}\nclimb,step,16,0,1,0,0,0,,,\n")
    with pytest.raises(SegmentError, match="exit height 2, the index says 1"):
        SegmentLibrary.load(tmp_path)
    (tmp_path / "index.csv").write_text(f"{header}\nclimb,step,16,0,2,0,0,0,fast,,\n")
    with pytest.raises(SegmentError, match=r"index\.csv:2: completion by runner"):
        SegmentLibrary.load(tmp_path)


def test_library_files_are_read_bounded(tmp_path: Path) -> None:
    index = tmp_path / "index.csv"
    with index.open("w") as fh:
        fh.write("id,family\n")
        fh.truncate(MAX_INDEX_BYTES + 10)
    with pytest.raises(SegmentError, match="larger than"):
        SegmentLibrary.load(tmp_path)
    index.write_text("id,family\nhuge,x\n")
    with (tmp_path / "huge.txt").open("w") as fh:
        fh.truncate(16 * 4098 + 1)
    with pytest.raises(SegmentError, match=r"huge\.txt: segment is larger than"):
        SegmentLibrary.load(tmp_path)


def test_library_errors(tmp_path: Path) -> None:
    with pytest.raises(SegmentError, match="index"):
        SegmentLibrary.load(tmp_path)
    (tmp_path / "index.csv").write_text("id,family\nmissing,x\n")
    with pytest.raises(SegmentError, match=r"missing\.txt"):
        SegmentLibrary.load(tmp_path)
    a = make_segment("a", "x", ["-" * 16] * 16)
    with pytest.raises(SegmentError, match="twice"):
        SegmentLibrary([a, a])
    with pytest.raises(SegmentError, match="equally wide"):
        SegmentLibrary([a, make_segment("b", "x", ["-" * 8] * 16)])
    with pytest.raises(SegmentError, match="no segment"):
        SegmentLibrary([a])["nope"]


def test_entering_lists_the_segments_that_fit() -> None:
    segs = [
        make_segment("a", "x", ground(0, 2)),
        make_segment("b", "x", ground(2)),
        make_segment("c", "x", ["-" * 16] * 16),
    ]
    lib = SegmentLibrary(segs)
    assert lib.entering(2) == ("b", "c")
    assert lib.entering(0) == ("a", "c")
    assert lib.entering(IRREGULAR) == ("a", "b", "c")
    assert lib.heights() == [IRREGULAR, 0, 2]


# -- the shipped library ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def library() -> SegmentLibrary:
    return SegmentLibrary.load()


def _shipped_has_heights() -> bool:
    header = (BUILTIN_LIBRARY / "index.csv").read_text().splitlines()[0]
    return header == ",".join(INDEX_FIELDS)


def test_shipped_library_size_and_families(library: SegmentLibrary) -> None:
    assert len(library) >= 150
    assert library.width == SEGMENT_WIDTH
    assert set(library.families()) >= REQUIRED_FAMILIES
    text = "".join(seg.text() for seg in library)
    for char in "T%|BbGRKYgrkyoQ?SCUL2#":
        assert char in text, f"no segment uses {char!r}"


def test_shipped_library_is_the_built_catalogue(library: SegmentLibrary) -> None:
    if not _shipped_has_heights():
        pytest.skip(
            "the shipped library predates ground heights (issue 12); "
            "rebuild it with python levels/segments/build.py"
        )
    built = {seg.id: seg for seg in build_catalogue()}
    assert library.ids == tuple(seg_id for seg_id in built if seg_id in library)
    for seg in library:
        assert seg.rows == built[seg.id].rows
        assert seg.family == built[seg.id].family


def test_catalogue_keeps_the_rows_of_the_ids_it_shares_with_the_shipped_library(
    library: SegmentLibrary,
) -> None:
    built = {seg.id: seg for seg in build_catalogue()}
    shared = [seg for seg in library if seg.id in built]
    assert len(shared) >= 100
    for seg in shared:
        assert seg.rows == built[seg.id].rows, seg.id


def test_index_counts_match_the_files(library: SegmentLibrary) -> None:
    lines = (BUILTIN_LIBRARY / "index.csv").read_text().splitlines()
    assert lines[0] in (OLD_FIELDS, ",".join(INDEX_FIELDS))
    assert len(lines) == len(library) + 1
    fields = lines[0].split(",")
    for line, seg in zip(lines[1:], library, strict=True):
        entry = dict(zip(fields, line.split(","), strict=True))
        assert (entry["id"], entry["family"], int(entry["width"])) == (
            seg.id,
            seg.family,
            seg.width,
        )
        counts = (int(entry["coins"]), int(entry["enemies"]), int(entry["gaps"]))
        assert counts == (seg.coins, seg.enemies, seg.gaps)
        assert entry["checked_by"]


def test_every_segment_keeps_the_seam_rule_and_parses(library: SegmentLibrary) -> None:
    for seg in library:
        assert seg.seam_problems() == [], seg.id
        level = seg.padded()
        assert level.width == len(START_PAD[0]) + SEGMENT_WIDTH + len(END_PAD[0])
        assert Level.from_text(level.to_text()) == level


def test_passable_by_its_checking_agent(library: SegmentLibrary) -> None:
    known = {spec.name for spec in list_agents()}
    by_agent: dict[str, list] = {}
    for seg in library:
        by_agent.setdefault(seg.checked_by, []).append(seg)
    assert "run-right" in by_agent
    for agent, segments in by_agent.items():
        if agent not in known:
            pytest.skip(f"agent {agent} not available")
        # run-right is cheap: check every segment; planners: every fifth, to stay fast.
        sample = segments if agent == "run-right" else segments[::5]
        for seg in sample:
            assert play(agent, seg.padded(), record=False).win, f"{agent} fails {seg.id}"


def test_assembly_round_trips_and_places_start_and_exit(library: SegmentLibrary) -> None:
    ids = library.ids[:5]
    level = library.assemble(ids)
    assert level.width == len(START_PAD[0]) + 5 * SEGMENT_WIDTH + len(END_PAD[0])
    assert level.mario_start == (1, 13 - library[ids[0]].entry)
    assert level.exit == (level.width - 3, 13 - library[ids[-1]].exit)
    assert Level.from_text(level.to_text()) == level
    assert level.total_coins == sum(library[i].coins for i in ids)
