"""Level geometry shared by the content metrics: standable cells, surfaces, ground, gaps.

Conventions (every content metric uses these, so they are defined once):

- *standable*: a tile Mario can stand on, i.e. with ``BLOCK_ALL`` or ``BLOCK_LOWER``
  (ground, blocks, pipes, cannons, jump-through platforms; not coins, not hidden blocks,
  which block only from below, not the flagpole).
- *surface*: a standable cell whose cell above is not standable (or that is in the top row).
- *ground* of a column: its lowest standable cell, if that lies in the bottom ``GROUND_ROWS``
  (4) rows, and the standable cells stacked on it without a break (so a jump-through
  platform on its non-solid support is ground, as is a pipe standing on the ground);
  *ground height*: 16 minus the row of the ground's top, 0 for a column without ground.
- *gap*: a maximal run of columns without ground.
- *enemy*: a sprite template (walking enemies, winged or not, and piranha plants).
- *power-up block*: a block that releases a mushroom, flower or 1-up (``?`` ``@`` ``U``
  ``L`` ``1``).
- *decoration*: a cell that is neither empty nor plain ground (``X``), nor the flagpole;
  enemies count as decoration.
- Heights are ``16 - row`` (the bottom row has height 1); x is the column in tiles.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from mariogen.level import LEVEL_HEIGHT, Feature, Level, Tile
from mariogen.level.tiles import TILE_FEATURES

#: Tiles that release a power-up (mushroom/flower) or a 1-up when bumped.
POWER_UP_TILES: tuple[Tile, ...] = (
    Tile.SPECIAL_QUESTION,
    Tile.SPECIAL_BRICK,
    Tile.LIFE_BRICK,
    Tile.HIDDEN_LIFE,
)
#: Tiles that are not decoration: empty space, plain ground, the flagpole.
PLAIN_TILES: tuple[Tile, ...] = (Tile.EMPTY, Tile.GROUND, Tile.FLAG_TOP, Tile.FLAG_POLE)
#: Text characters that mean the same tile; tile-pattern metrics read them canonically.
CANONICAL_CHARS: dict[str, str] = {"E": "g", "@": "?", "!": "Q", "M": "-", "F": "-"}


#: A column's lowest standable cell is ground when it lies in this many bottom rows.
GROUND_ROWS = 4


class Gap(NamedTuple):
    """A gap: its first column and its width, in tiles."""

    start: int
    width: int


def features(level: Level) -> np.ndarray:
    """Feature bits of every cell, shape (16, W)."""
    return TILE_FEATURES[level.tiles.astype(np.int64)]


def standable(level: Level) -> np.ndarray:
    """Cells Mario can stand on (``BLOCK_ALL`` or ``BLOCK_LOWER``), bool (16, W)."""
    return (features(level) & int(Feature.BLOCK_ALL | Feature.BLOCK_LOWER)) != 0


def solid(level: Level) -> np.ndarray:
    """Cells that block in every direction (``BLOCK_ALL``), bool (16, W)."""
    return (features(level) & int(Feature.BLOCK_ALL)) != 0


def surfaces(level: Level) -> np.ndarray:
    """Standable cells whose cell above is not standable, bool (16, W)."""
    stand = standable(level)
    above = np.zeros_like(stand)
    above[1:] = stand[:-1]
    return stand & ~above


def top_rows(level: Level) -> np.ndarray:
    """Row of the topmost standable cell of each column, -1 where there is none; int (W,)."""
    stand = standable(level)
    rows = np.argmax(stand, axis=0)
    return np.where(stand.any(axis=0), rows, -1)


def ground_heights(level: Level) -> np.ndarray:
    """Ground height of every column (0 without ground; see the module docstring); int (W,)."""
    stand = standable(level)[::-1]  # bottom row first
    has = stand.any(axis=0)
    lowest = np.argmax(stand, axis=0)  # rows counted from the bottom
    out = np.zeros(level.width, dtype=np.int64)
    for x in np.flatnonzero(has & (lowest < GROUND_ROWS)):
        top = lowest[x]
        while top + 1 < LEVEL_HEIGHT and stand[top + 1, x]:
            top += 1
        out[x] = top + 1
    return out


def gaps(level: Level) -> list[Gap]:
    """Maximal runs of columns without ground, left to right."""
    hole = ground_heights(level) == 0
    out: list[Gap] = []
    start = -1
    for x, is_hole in enumerate([*hole.tolist(), False]):
        if is_hole and start < 0:
            start = x
        elif not is_hole and start >= 0:
            out.append(Gap(start, x - start))
            start = -1
    return out


def enemy_cells(level: Level) -> tuple[np.ndarray, np.ndarray]:
    """Columns and rows of every enemy template (row-major order)."""
    rows, cols = np.nonzero(level.templates)
    return cols, rows


def power_up_blocks(level: Level) -> int:
    """Number of blocks that release a power-up or a 1-up."""
    return int(np.isin(level.tiles, [int(t) for t in POWER_UP_TILES]).sum())


def decoration(level: Level) -> np.ndarray:
    """Cells that are neither empty, plain ground nor flagpole, or hold an enemy; bool (16, W)."""
    plain = np.isin(level.tiles, [int(t) for t in PLAIN_TILES])
    return ~plain | (level.templates != 0)


def heights(rows: np.ndarray) -> np.ndarray:
    """Heights (``16 - row``) of the given rows."""
    return LEVEL_HEIGHT - np.asarray(rows)


def canonical_rows(level: Level) -> list[str]:
    """The level's text rows with synonyms unified (``E``->``g``, ``@``->``?``, ``!``->``Q``)
    and the start and exit markers read as empty space."""
    table = str.maketrans(CANONICAL_CHARS)
    return [row.translate(table) for row in level.rows]
