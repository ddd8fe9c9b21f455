"""Segments: fixed-width level slices that join into levels.

A *segment* is a 16-row slice of a level, :data:`SEGMENT_WIDTH` columns wide in the shipped
library (:mod:`mariogen.level.library`: an ordered set of segments and its folder). Levels
are assembled as::

    start pad (Mario's start) + segment + segment + ... + end pad (the flag)

**Ground heights.** A seam column of *height* ``h`` (``0 <= h <=`` :data:`MAX_HEIGHT`) is solid
ground (``X``) from row ``14 - h`` down to row 15 with nothing at all above it: Mario walks on
row ``13 - h``. Height 0 is ground in rows 14-15, as in most of the original levels.

**The seam rule.** The first :data:`SEAM_COLUMNS` columns of a segment are seam columns of one
height, its :attr:`~Segment.entry`; the last ones are seam columns of one height, its
:attr:`~Segment.exit`. A join ``a -> b`` is legal when ``a.exit == b.entry``
(:func:`fits`): Mario leaves ``a`` and enters ``b`` walking on the same row, and no gap, wall
or enemy straddles the seam. *Connector* segments have ``entry != exit``; they carry the
ground up or down (steps, stairs, slopes, drops). :func:`assemble` lays the start pad at the
first segment's entry height and the end pad at the last one's exit height.
:meth:`Segment.seam_problems` lists what breaks the rule; every segment of the shipped library
follows it.

**Irregular ends.** A segment end that is not clean ground of a height 0..4 (a slice cut from
another level through a gap, a pipe or an enemy; ground higher than :data:`MAX_HEIGHT`) has
height :data:`IRREGULAR` (-1). It fits anything: such joins are only as good as the levels
they were cut from, and the generator's playability constraint weeds out the levels that
cannot be finished. :func:`slice_level` (``mariogen segments import``) records whatever
heights its slices have.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from mariogen.errors import InputError
from mariogen.level.errors import LevelFormatError
from mariogen.level.level import (
    LEVEL_HEIGHT,
    MAX_WIDTH,
    Level,
)
from mariogen.level.tiles import ENEMY_CHARS

#: Width of the shipped library's segments, in tiles.
SEGMENT_WIDTH = 16
#: Columns at each end of a segment that follow the seam rule.
SEAM_COLUMNS = 2
#: Rows of solid ground under a seam of height 0 (Mario walks on row 13).
GROUND_ROWS = (14, 15)
#: The highest ground height of a seam (its ground's top row is ``14 - MAX_HEIGHT``).
MAX_HEIGHT = 4
#: The ground heights a seam can have, lowest first.
HEIGHTS: tuple[int, ...] = tuple(range(MAX_HEIGHT + 1))
#: The height of a segment end that is not clean ground (it fits any other end).
IRREGULAR = -1
#: The agents whose completion of each segment alone the index records (its difficulty).
DIFFICULTY_AGENTS: tuple[str, ...] = ("runner", "runner-weak")
#: Start pad at height 0: ground with Mario's start (``M``) on it.
START_PAD: tuple[str, ...] = ("---",) * 13 + ("-M-", "XXX", "XXX")
#: End pad at height 0: ground with the exit (``F``, where the flagpole stands).
END_PAD: tuple[str, ...] = ("------",) * 13 + ("---F--", "XXXXXX", "XXXXXX")
#: The widest segment: one that fits between the pads in a level at most MAX_WIDTH wide.
MAX_SEGMENT_WIDTH = MAX_WIDTH - len(START_PAD[0]) - len(END_PAD[0])
#: Segment ids (ids are file names).
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_COIN_CHARS = frozenset("QC2o!")


class SegmentError(InputError):
    """A segment or library that cannot be read or does not follow the format."""


def fits(exit_height: int, entry_height: int) -> bool:
    """Whether an end of height ``exit_height`` may be followed by one of ``entry_height``.

    Equal heights fit; an :data:`IRREGULAR` end fits anything.
    """
    return exit_height == entry_height or IRREGULAR in (exit_height, entry_height)


def seam_column(height: int) -> str:
    """The 16 cells, top first, of a seam column of ``height`` (ground from row 14 - height)."""
    _check_height(height)
    top = GROUND_ROWS[0] - height
    return "-" * top + "X" * (LEVEL_HEIGHT - top)


def column_height(rows: Sequence[str], x: int) -> int:
    """The height of column ``x`` if it is a clean seam column, else :data:`IRREGULAR`."""
    column = "".join(row[x] for row in rows)
    for height in HEIGHTS:
        if column == seam_column(height):
            return height
    return IRREGULAR


def _check_height(height: int) -> None:
    if height not in HEIGHTS:
        raise SegmentError(f"ground height {height} is not one of {HEIGHTS[0]}..{HEIGHTS[-1]}")


def _end_columns(width: int, side: str) -> range:
    if side == "entry":
        return range(min(SEAM_COLUMNS, width))
    return range(max(0, width - SEAM_COLUMNS), width)


def _end_height(rows: Sequence[str], side: str) -> int:
    heights = {column_height(rows, x) for x in _end_columns(len(rows[0]), side)}
    return heights.pop() if len(heights) == 1 else IRREGULAR


def _reference_height(rows: Sequence[str], x: int) -> int:
    """The height the seam rule asks of column ``x``'s end: its run of ground from row 15."""
    run = 0
    while run < LEVEL_HEIGHT and rows[LEVEL_HEIGHT - 1 - run][x] == "X":
        run += 1
    return min(max(run - len(GROUND_ROWS), 0), MAX_HEIGHT)


@dataclass(frozen=True)
class Segment:
    """A slice of a level, to be joined with others.

    Attributes:
        id: unique name in its library (a file name stem: letters, digits, ``-``, ``_``, ``.``).
        family: the kind of content (``gap``, ``enemies``, ``step`` ...).
        rows: the 16 text rows, top first, all of the same width.
        checked_by: the agent that finished it alone (padded), or ``""`` if never checked.
        completion: how far agents of :data:`DIFFICULTY_AGENTS` got through it alone (padded,
            small Mario, 20 s; 1.0 is a win), by agent name; empty when not measured. It is
            a measurement, not content: not compared, hashed or part of the digest.
    """

    id: str
    family: str
    rows: tuple[str, ...]
    checked_by: str = field(default="", compare=False)
    completion: Mapping[str, float] = field(default_factory=dict, compare=False)

    @property
    def width(self) -> int:
        """Width in tiles."""
        return len(self.rows[0])

    @cached_property
    def entry(self) -> int:
        """Ground height of the first seam columns (:data:`IRREGULAR` if not clean ground)."""
        return _end_height(self.rows, "entry")

    @cached_property
    def exit(self) -> int:
        """Ground height of the last seam columns (:data:`IRREGULAR` if not clean ground)."""
        return _end_height(self.rows, "exit")

    @property
    def coins(self) -> int:
        """Coins it offers (coin tiles, coin blocks and coin bricks)."""
        return sum(row.count(c) for row in self.rows for c in _COIN_CHARS)

    @property
    def enemies(self) -> int:
        """Enemy templates (walking enemies and piranha plants of ``T`` pipes)."""
        return Level.from_text(self.text(), source=self.id).enemy_count

    @property
    def gaps(self) -> int:
        """Runs of columns with nothing solid in the bottom row (holes Mario can fall into)."""
        bottom = self.rows[-1]
        runs, inside = 0, False
        for char in bottom:
            hole = char in "-oMF|" or char in ENEMY_CHARS
            runs += hole and not inside
            inside = hole
        return runs

    def text(self) -> str:
        """The segment as text (16 lines)."""
        return "\n".join(self.rows) + "\n"

    def seam_problems(self) -> list[str]:
        """What breaks the seam rule (empty when both ends are clean ground of a height 0..4).

        Each end is held to the height of its outermost column's ground (its run of ``X``
        up from row 15, at least height 0, at most :data:`MAX_HEIGHT`).
        """
        problems = []
        for side, outer in (("entry", 0), ("exit", self.width - 1)):
            height = _reference_height(self.rows, outer)
            want = seam_column(height)
            for x in _end_columns(self.width, side):
                for y, row in enumerate(self.rows):
                    if row[x] != want[y]:
                        problems.append(
                            f"column {x} row {y} is {row[x]!r}, the seam rule needs "
                            f"{want[y]!r} ({side} height {height})"
                        )
        return problems

    def padded(self) -> Level:
        """The segment alone between the start and end pads, as a playable level."""
        return assemble([self], name=f"segment {self.id}")


def make_segment(
    seg_id: str,
    family: str,
    rows: Iterable[str],
    checked_by: str = "",
    completion: Mapping[str, float] | None = None,
) -> Segment:
    """A checked :class:`Segment`: a valid id, 16 equal rows, only level characters, no M/F.

    Raises:
        SegmentError: for a bad id, shape, character, a start or exit inside the segment, or
            a completion outside 0..1.
    """
    rows = tuple(rows)
    if not ID_PATTERN.match(seg_id):
        raise SegmentError(f"segment id {seg_id!r}: use 1-64 letters, digits, '-', '_' or '.'")
    if not family or "," in family:
        raise SegmentError(f"segment {seg_id}: family {family!r} must be a non-empty word")
    if rows and len(rows[0]) > MAX_SEGMENT_WIDTH:
        raise SegmentError(
            f"segment {seg_id}: {len(rows[0])} columns wide; at most {MAX_SEGMENT_WIDTH} fit "
            "between the pads of a level"
        )
    text = "\n".join(rows) + "\n"
    try:
        Level.from_text(text, source=seg_id)
    except LevelFormatError as exc:
        raise SegmentError(f"segment {seg_id}: {exc}") from None
    if any("M" in row or "F" in row for row in rows):
        raise SegmentError(f"segment {seg_id}: a segment may not hold Mario's start or the exit")
    completion = dict(completion or {})
    for agent, value in completion.items():
        if not (isinstance(value, (int, float)) and 0.0 <= value <= 1.0):
            raise SegmentError(f"segment {seg_id}: completion by {agent} must be in 0..1")
    return Segment(seg_id, family, rows, checked_by, completion)


def start_pad(height: int = 0) -> tuple[str, ...]:
    """The start pad (3 columns, Mario's start ``M`` on the ground) at ground ``height``."""
    _check_height(height)
    return tuple(row[:3] for row in _pad_rows(height, "-M-"))


def end_pad(height: int = 0) -> tuple[str, ...]:
    """The end pad (6 columns, the exit ``F`` on the ground) at ground ``height``."""
    _check_height(height)
    return _pad_rows(height, "---F--")


def _pad_rows(height: int, marker: str) -> tuple[str, ...]:
    column = seam_column(height)
    rows = [c * len(marker) for c in column]
    rows[GROUND_ROWS[0] - height - 1] = marker
    return tuple(rows)


def _pad_height(height: int) -> int:
    return 0 if height == IRREGULAR else height


def assemble(segments: Sequence[Segment], name: str = "<generated>") -> Level:
    """Join segments between the start pad and the end pad.

    The start pad stands at the first segment's entry height, the end pad at the last
    segment's exit height (height 0 for an irregular end). The joins are not checked
    (see :func:`mariogen.level.joins.is_legal`).

    Args:
        segments: the segments, left to right (at least one).
        name: the level's name in messages.

    Returns:
        The level; its text round-trips (``Level.from_text(level.to_text()) == level``).

    Raises:
        SegmentError: for an empty sequence.
    """
    if not segments:
        raise SegmentError("a level needs at least one segment")
    start = start_pad(_pad_height(segments[0].entry))
    end = end_pad(_pad_height(segments[-1].exit))
    rows = [
        start[y] + "".join(seg.rows[y] for seg in segments) + end[y] for y in range(LEVEL_HEIGHT)
    ]
    return Level.from_text("\n".join(rows) + "\n", source=name)


def slice_level(level: Level, width: int, prefix: str) -> list[Segment]:
    """Cut a level into segments of ``width`` columns (a last, narrower piece is dropped).

    Mario's start and the exit become empty cells; the flagpole is not copied (it is not in
    the text). Segment ids are ``PREFIX-000``, ``PREFIX-001``, ...; the family is ``PREFIX``.
    Each slice keeps the heights its ends have (:data:`IRREGULAR` where an end is not clean
    ground).

    Raises:
        SegmentError: for a width below 1 or a prefix that cannot start an id.
    """
    if width < 1:
        raise SegmentError(f"segment width must be at least 1, got {width}")
    clean = [row.replace("M", "-").replace("F", "-") for row in level.rows]
    family = re.sub(r"[^A-Za-z0-9_.-]+", "-", prefix).strip("-.") or "imported"
    return [
        make_segment(f"{family}-{i:03d}", family, [row[x : x + width] for row in clean])
        for i, x in enumerate(range(0, level.width - width + 1, width))
    ]
