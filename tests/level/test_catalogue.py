"""The catalogue (the code that draws the library): size, shapes, the seam rule, heights,
families and connectors, without playing anything."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from mariogen.level.catalogue import Canvas, build_catalogue, recipes
from mariogen.level.library import SegmentLibrary
from mariogen.level.segments import HEIGHTS, SEGMENT_WIDTH, Segment, SegmentError

#: Families of segments that change height.
CONNECTORS = {"step", "stairs", "slope", "drop", "gapstep"}
#: Families the issue asks for (the old ones plus connectors, hazards and risky coins).
FAMILIES = {
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
    "step",
    "slope",
    "drop",
    "gapstep",
    "hazard",
    "risk",
}


@pytest.fixture(scope="module")
def segments() -> list[Segment]:
    return build_catalogue()


def test_size_shape_and_ids(segments: list[Segment]) -> None:
    assert len(segments) >= 300
    assert {seg.width for seg in segments} == {SEGMENT_WIDTH}
    assert len({seg.id for seg in segments}) == len(segments)
    assert set(Counter(seg.family for seg in segments)) == FAMILIES


def test_every_segment_keeps_the_seam_rule(segments: list[Segment]) -> None:
    for seg in segments:
        assert seg.seam_problems() == [], seg.id
        assert seg.entry in HEIGHTS and seg.exit in HEIGHTS


def test_the_catalogue_is_deterministic(segments: list[Segment]) -> None:
    again = build_catalogue()
    assert [(s.id, s.family, s.rows) for s in again] == [(s.id, s.family, s.rows) for s in segments]
    assert SegmentLibrary(again).digest() == SegmentLibrary(segments).digest()


def test_ids_say_the_heights(segments: list[Segment]) -> None:
    for seg in segments:
        tail = seg.id.rsplit("-", 1)[-1]
        if seg.entry != seg.exit:
            assert tail == f"{seg.entry}to{seg.exit}", seg.id
        elif seg.entry:
            assert tail == f"at{seg.entry}", seg.id


def test_every_height_has_plenty_of_successors_of_many_families(
    segments: list[Segment],
) -> None:
    for height in HEIGHTS:
        entering = [s for s in segments if s.entry == height]
        leaving = [s for s in segments if s.exit == height]
        assert len(entering) >= 60 and len(leaving) >= 60, height
        level = {s.family for s in entering if s.exit == height}
        assert len(level) >= 12, (height, level)
        assert {s.family for s in entering} & CONNECTORS == CONNECTORS - (
            {"drop"} if height < 2 else set()
        )


def test_families_come_at_several_heights(segments: list[Segment]) -> None:
    heights = defaultdict(set)
    for seg in segments:
        heights[seg.family].add(seg.entry)
    for family, entries in heights.items():
        assert len(entries) >= 2, family
    for family in FAMILIES - CONNECTORS - {"handmade"}:
        assert heights[family] == set(HEIGHTS), family


def test_connectors_link_every_height_to_every_other(segments: list[Segment]) -> None:
    direct = Counter((s.entry, s.exit) for s in segments if s.entry != s.exit)
    for a in HEIGHTS:
        for b in HEIGHTS:
            if a != b:
                assert direct[(a, b)] >= 3, (a, b)
            if abs(a - b) in (1, 2):
                assert direct[(a, b)] >= 5, (a, b)


def test_combined_hazards_and_risky_coins(segments: list[Segment]) -> None:
    by_id = {s.id: s for s in segments}
    for seg in segments:
        if seg.family == "hazard":
            assert seg.gaps >= 1 and (seg.enemies >= 1 or "B" in seg.text() or "S" in seg.text())
        if seg.family == "risk":
            assert seg.coins >= 4 and (seg.gaps or seg.enemies or "B" in seg.text()), seg.id
    assert by_id["hazard-cannon-pit-at3"].gaps == 2
    assert "T" in by_id["hazard-piranha-gap-at2"].text()
    assert "k" in by_id["slope-koopa-4to1"].text()
    multi = [s for s in segments if s.family == "multipath" and s.entry == 4]
    assert any("%" in s.text() for s in multi)


def test_height_zero_designs_keep_rows_at_raised_heights() -> None:
    # a design at height h is the height-0 drawing lifted by h rows onto higher ground
    by_id = {s.id: s for s in build_catalogue()}
    for name in ("gap-w6", "enemies-spiky-x2", "pipe-piranha-h3", "multi-route-spiky"):
        low, high = by_id[name], by_id[f"{name}-at3"]
        assert low.rows[3:14] == high.rows[0:11]


def test_canvas_terrain() -> None:
    c = Canvas(1).slope(4, 1, 4, run=2).hole(12, 1)
    assert c.ground[:4] == [1] * 4 and c.ground[4:10] == [2, 2, 3, 3, 4, 4]
    assert c.ground[12] is None and c.ground[13:] == [4] * 3
    assert c.stand(0) == 12 and c.stand(12) == 12
    rows = c.rows()
    assert rows[13][0] == "X" and rows[12][0] == "-" and rows[15][12] == "-"
    sunken = Canvas(0).level(5, 3, -1).rows()
    assert sunken[14][5] == "-" and sunken[15][5] == "X"


def test_recipes_refuse_duplicates(monkeypatch: pytest.MonkeyPatch) -> None:
    import mariogen.level.catalogue as catalogue

    first = catalogue.FAMILIES[0]
    monkeypatch.setattr(catalogue, "FAMILIES", (first, first))
    with pytest.raises(SegmentError, match="twice"):
        recipes()
