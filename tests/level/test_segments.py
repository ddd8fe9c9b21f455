"""The segment library: the shipped files, the seam rule, assembly, slicing and passability."""

from __future__ import annotations

from pathlib import Path

import pytest

from mariogen.agents import list_agents, play
from mariogen.level import Level
from mariogen.level.catalogue import build_catalogue
from mariogen.level.segments import (
    BUILTIN_LIBRARY,
    END_PAD,
    SEGMENT_WIDTH,
    START_PAD,
    SegmentError,
    SegmentLibrary,
    assemble,
    make_segment,
    slice_level,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "levels" / "examples"
#: Families the issue asks the library to cover.
REQUIRED_FAMILIES = {
    "flat",
    "gap",
    "stairs",
    "pipe",
    "enemies",
    "coins",
    "blocks",
    "platform",
    "cannon",
    "valley",
    "multipath",
    "handmade",
}


@pytest.fixture(scope="module")
def library() -> SegmentLibrary:
    return SegmentLibrary.load()


def test_shipped_library_size_and_families(library: SegmentLibrary) -> None:
    assert len(library) >= 150
    assert library.width == SEGMENT_WIDTH
    assert set(library.families()) == REQUIRED_FAMILIES
    text = "".join(seg.text() for seg in library)
    for char in "T%|BbGRKYgrkyoQ?SCUL2#":
        assert char in text, f"no segment uses {char!r}"


def test_shipped_library_is_the_built_catalogue(library: SegmentLibrary) -> None:
    built = {seg.id: seg for seg in build_catalogue()}
    for seg in library:
        assert seg.id in built
        assert seg.rows == built[seg.id].rows
        assert seg.family == built[seg.id].family


def test_index_counts_match_the_files(library: SegmentLibrary) -> None:
    lines = (BUILTIN_LIBRARY / "index.csv").read_text().splitlines()
    assert lines[0] == "id,family,width,coins,enemies,gaps,checked_by"
    assert len(lines) == len(library) + 1
    for line, seg in zip(lines[1:], library, strict=True):
        seg_id, family, width, coins, enemies, gaps, checked_by = line.split(",")
        assert (seg_id, family, int(width)) == (seg.id, seg.family, seg.width)
        assert (int(coins), int(enemies), int(gaps)) == (seg.coins, seg.enemies, seg.gaps)
        assert checked_by


def test_every_segment_keeps_the_seam_rule_and_parses(library: SegmentLibrary) -> None:
    for seg in library:
        assert seg.seam_problems() == [], seg.id
        level = seg.padded()
        assert level.width == len(START_PAD[0]) + SEGMENT_WIDTH + len(END_PAD[0])
        assert Level.from_text(level.to_text()) == level


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


def test_passable_by_its_checking_agent(library: SegmentLibrary) -> None:
    known = {spec.name for spec in list_agents()}
    by_agent: dict[str, list] = {}
    for seg in library:
        by_agent.setdefault(seg.checked_by, []).append(seg)
    assert "run-right" in by_agent
    for agent, segments in by_agent.items():
        if agent not in known:
            pytest.skip(f"agent {agent} not available")
        # run-right is cheap: check every segment; planners: every third, to stay fast.
        sample = segments if agent == "run-right" else segments[::3]
        for seg in sample:
            assert play(agent, seg.padded(), record=False).win, f"{agent} fails {seg.id}"


def test_assembly_round_trips_and_places_start_and_exit(library: SegmentLibrary) -> None:
    ids = library.ids[:5]
    level = library.assemble(ids)
    assert level.width == len(START_PAD[0]) + 5 * SEGMENT_WIDTH + len(END_PAD[0])
    assert level.mario_start == (1, 13)
    assert level.exit == (level.width - 3, 13)
    assert Level.from_text(level.to_text()) == level
    assert level.total_coins == sum(library[i].coins for i in ids)


def test_assembly_needs_a_segment() -> None:
    with pytest.raises(SegmentError, match="at least one"):
        assemble([])


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


def test_slice_and_write_and_load(tmp_path: Path) -> None:
    level = Level.read(EXAMPLES / "first-steps.txt")
    segments = slice_level(level, 16, "first steps")
    assert len(segments) == level.width // 16
    assert segments[0].id == "first-steps-000"
    assert all("M" not in "".join(s.rows) and "F" not in "".join(s.rows) for s in segments)
    lib = SegmentLibrary(segments)
    lib.write(tmp_path)
    again = SegmentLibrary.load(tmp_path)
    assert again.ids == lib.ids and again.digest() == lib.digest()
    assert again.assemble(again.ids).width == 3 + 16 * len(segments) + 6


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
