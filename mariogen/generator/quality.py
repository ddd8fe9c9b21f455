"""Figures of a level's quality that a designer checks: terrain, gaps, repetition.

- *ground-surface height* of a column: how many solid terrain tiles (``X`` ground and ``#``
  blocks) stand on each other from the bottom row up; 0 for a gap column. A level's
  *distinct heights* are the distinct non-zero values (the 15 original levels have 2 to 9,
  13 of them 5 or more).
- *gaps*: maximal runs of columns of height 0 (holes Mario can fall into).
- *repetition*: how often the most used segment appears in a generated level's genome.

The report of every ``generate`` run and ``bench/quality.py`` use these.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from mariogen.level import Level

#: Characters that count as terrain for the ground surface.
TERRAIN = frozenset("X#")


def surface_heights(level: Level) -> list[int]:
    """The ground-surface height of every column (0 for a gap)."""
    rows = level.rows
    out = []
    for x in range(level.width):
        height = 0
        while height < len(rows) and rows[len(rows) - 1 - height][x] in TERRAIN:
            height += 1
        out.append(height)
    return out


def gap_runs(heights: Sequence[int]) -> int:
    """The number of maximal runs of zero heights."""
    return sum(1 for i, h in enumerate(heights) if h == 0 and (i == 0 or heights[i - 1] != 0))


@dataclass(frozen=True)
class LevelQuality:
    """A level's quality figures.

    Attributes:
        distinct_heights: distinct non-zero ground-surface heights.
        gaps: runs of gap columns.
        most_repeats: uses of the most used segment (0 when the genome is unknown).
        segments: segments in the genome (0 when unknown).
    """

    distinct_heights: int
    gaps: int
    most_repeats: int = 0
    segments: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return asdict(self)


def level_quality(level: Level, genome: Sequence[str] = ()) -> LevelQuality:
    """The quality figures of ``level`` (and of its genome, if given)."""
    heights = surface_heights(level)
    counts = Counter(genome)
    return LevelQuality(
        distinct_heights=len({h for h in heights if h > 0}),
        gaps=gap_runs(heights),
        most_repeats=max(counts.values(), default=0),
        segments=len(genome),
    )
