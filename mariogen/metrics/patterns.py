"""Dahlskog & Togelius meso-patterns: detectors for five families, and two metrics.

Detectors (all on the definitions of :mod:`mariogen.metrics.grid`; g(x) is the ground
height of column x, 0 in a gap):

- **enemies**: enemy templates sorted by column, grouped while neighbours are at most
  ``HORDE_SPACING`` columns apart; a group of 1, 2, 3, >=4 is an ``enemy``, ``2-horde``,
  ``3-horde``, ``4-horde``; a group with a solid cell 2 to 4 rows above one of its enemies
  is also a ``roof``.
- **gaps**: every gap is a ``gap``; a gap with an enemy from 2 columns before to 1 after it
  is a ``gap-enemy``; gaps at most ``GAP_SPACING`` ground columns apart form a run, and a
  run of >= 2 gaps is ``multiple-gaps`` (equal widths) or ``variable-gaps``; ground of
  width <= 2 between two gaps is a ``pillar-gap``.
- **valleys**: columns x..y with g > 0 between a left wall g(x-1) and a right wall g(y+1)
  that both stand at least 2 above every column inside (at most ``MAX_VALLEY`` wide);
  a ``pipe-valley`` if both walls are pipes, else an ``enemy-valley`` if it holds an
  enemy, else an ``empty-valley``.
- **multiple paths**: a run of >= ``MIN_PATH`` columns with >= 2 surfaces at least 3 rows
  apart is a ``2-path`` (``3-path`` if some column has >= 3); if the run holds both an
  enemy and a coin or power-up block it is also a ``risk-and-reward``.
- **stairs**: a run of >= 3 columns in which g rises by exactly 1 per column is a
  ``stair-up``; falling by 1 per column, a ``stair-down``.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from mariogen.level import Level, Tile
from mariogen.metrics import grid
from mariogen.metrics.base import BaseMetric, Kind
from mariogen.metrics.registry import register_metric

if TYPE_CHECKING:
    from mariogen.agents import PlayResult

DAHLSKOG_2012 = (
    "Dahlskog & Togelius 2012, Patterns and procedural content generation (DPG workshop); "
    "metrics after Horn, Dahlskog, Shaker, Smith & Togelius 2014 (FDG)"
)

#: Enemies at most this many columns apart form one group.
HORDE_SPACING = 2
#: Gaps at most this many ground columns apart form one run.
GAP_SPACING = 3
#: The widest valley, in columns.
MAX_VALLEY = 16
#: The shortest stretch of columns that counts as multiple paths.
MIN_PATH = 3
#: Every pattern kind, by family.
FAMILIES: dict[str, tuple[str, ...]] = {
    "enemies": ("enemy", "2-horde", "3-horde", "4-horde", "roof"),
    "gaps": ("gap", "gap-enemy", "multiple-gaps", "variable-gaps", "pillar-gap"),
    "valleys": ("empty-valley", "enemy-valley", "pipe-valley"),
    "multiple-paths": ("2-path", "3-path", "risk-and-reward"),
    "stairs": ("stair-up", "stair-down"),
}
_PIPE_TILES = [int(t) for t in Tile if t.name.startswith("PIPE")]
_REWARD_TILES = [int(t) for t in (*grid.POWER_UP_TILES, Tile.COIN, Tile.COIN_QUESTION)]


def find_patterns(level: Level) -> Counter[str]:
    """Occurrences of each meso-pattern kind in ``level`` (see the module docstring)."""
    found: Counter[str] = Counter()
    g = grid.ground_heights(level)
    enemy_cols = np.sort(grid.enemy_cells(level)[0])
    _enemy_patterns(level, found)
    _gap_patterns(level, enemy_cols, found)
    _valley_patterns(level, g, enemy_cols, found)
    _path_patterns(level, enemy_cols, found)
    _stair_patterns(g, found)
    return found


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, end inclusive) of the runs of True in a 1-D mask."""
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b) - 1) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _has_enemy(enemy_cols: np.ndarray, lo: int, hi: int) -> bool:
    return bool(np.any((enemy_cols >= lo) & (enemy_cols <= hi)))


def _enemy_patterns(level: Level, found: Counter[str]) -> None:
    cols, rows = grid.enemy_cells(level)
    order = np.argsort(cols, kind="stable")
    cols, rows = cols[order], rows[order]
    solid = grid.solid(level)
    start = 0
    for i in range(1, len(cols) + 1):
        if i < len(cols) and cols[i] - cols[i - 1] <= HORDE_SPACING:
            continue
        size = i - start
        found[("enemy", "2-horde", "3-horde", "4-horde")[min(size, 4) - 1]] += 1
        roofed = any(
            solid[max(r - 4, 0) : max(r - 1, 0), c].any()
            for c, r in zip(cols[start:i], rows[start:i], strict=True)
        )
        if roofed:
            found["roof"] += 1
        start = i


def _gap_patterns(level: Level, enemy_cols: np.ndarray, found: Counter[str]) -> None:
    gaps = grid.gaps(level)
    for gap in gaps:
        found["gap"] += 1
        if _has_enemy(enemy_cols, gap.start - 2, gap.start + gap.width):
            found["gap-enemy"] += 1
    run = gaps[:1]
    for prev, gap in itertools.pairwise(gaps):
        between = gap.start - (prev.start + prev.width)
        if between <= 2:
            found["pillar-gap"] += 1
        if between <= GAP_SPACING:
            run.append(gap)
            continue
        _close_gap_run(run, found)
        run = [gap]
    _close_gap_run(run, found)


def _close_gap_run(run: list[grid.Gap], found: Counter[str]) -> None:
    if len(run) >= 2:
        same = len({g.width for g in run}) == 1
        found["multiple-gaps" if same else "variable-gaps"] += 1


def _valley_patterns(
    level: Level, g: np.ndarray, enemy_cols: np.ndarray, found: Counter[str]
) -> None:
    width = len(g)
    tops = grid.top_rows(level)
    for x in range(1, width - 1):
        if not 0 < g[x] <= g[x - 1] - 2:
            continue
        low = g[x]
        for y in range(x, min(x + MAX_VALLEY, width - 1)):
            low = max(low, g[y])
            if g[y] == 0 or low > g[x - 1] - 2:
                break
            if g[y + 1] >= low + 2:
                found[_valley_kind(level, tops, x, y, enemy_cols)] += 1
                break


def _valley_kind(level: Level, tops: np.ndarray, x: int, y: int, enemy_cols: np.ndarray) -> str:
    walls = [level.tiles[tops[c], c] if tops[c] >= 0 else 0 for c in (x - 1, y + 1)]
    if all(int(t) in _PIPE_TILES for t in walls):
        return "pipe-valley"
    return "enemy-valley" if _has_enemy(enemy_cols, x, y) else "empty-valley"


def _path_patterns(level: Level, enemy_cols: np.ndarray, found: Counter[str]) -> None:
    surf = grid.surfaces(level)
    paths = np.zeros(level.width, dtype=np.int64)
    for x in range(level.width):
        rows = np.flatnonzero(surf[:, x])
        if rows.size >= 2:
            kept = [rows[0]]
            for r in rows[1:]:
                if r - kept[-1] >= 3:
                    kept.append(r)
            paths[x] = len(kept)
    rewards = np.isin(level.tiles, _REWARD_TILES).any(axis=0)
    for a, b in _runs(paths >= 2):
        if b - a + 1 < MIN_PATH:
            continue
        found["3-path" if paths[a : b + 1].max() >= 3 else "2-path"] += 1
        if _has_enemy(enemy_cols, a, b) and rewards[a : b + 1].any():
            found["risk-and-reward"] += 1


def _stair_patterns(g: np.ndarray, found: Counter[str]) -> None:
    step = np.diff(g.astype(np.int64))
    ground = (g[:-1] > 0) & (g[1:] > 0)
    for kind, delta in (("stair-up", 1), ("stair-down", -1)):
        for a, b in _runs((step == delta) & ground):
            if b - a + 2 >= 3:  # steps a..b join columns a..b+1
                found[kind] += 1


@register_metric
class PatternDensity(BaseMetric):
    """How many Dahlskog & Togelius meso-patterns the level holds, per column.

    Formula: pattern density = (occurrences of the 18 meso-pattern kinds of
    mariogen.metrics.patterns: enemies, gaps, valleys, multiple paths, stairs) / W.
    """

    name = "pattern-density-v0"
    kind = Kind.CONTENT
    description = "meso-pattern occurrences per column (enemies, gaps, valleys, paths, stairs)"
    source = DAHLSKOG_2012
    range = (0.0, None)

    def value(self, level: Level, plays: Mapping[str, PlayResult]) -> float:
        return sum(find_patterns(level).values()) / level.width


@register_metric
class PatternVariation(BaseMetric):
    """How varied the level's meso-patterns are.

    Formula: pattern variation = (distinct meso-pattern kinds found) / (occurrences found);
    0 when none is found.
    """

    name = "pattern-variation-v0"
    kind = Kind.CONTENT
    description = "distinct meso-pattern kinds / meso-pattern occurrences"
    source = DAHLSKOG_2012
    range = (0.0, 1.0)

    def value(self, level: Level, plays: Mapping[str, PlayResult]) -> float:
        found = find_patterns(level)
        total = sum(found.values())
        return len(found) / total if total else 0.0
