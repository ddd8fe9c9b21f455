"""Targets: the coins and enemies a persona goes for, as a potential on the search's nodes.

A best-first search rewarded only when it *collects* a coin or *defeats* an enemy finds
the fastest plan first and rarely looks further: a detour looks worse than running on
until the detour pays off. So a persona may also weigh **missed** targets: a target Mario
has passed while it is still there (a coin not collected, a block not bumped, an enemy still
alive behind him). Running past a coin then costs at once, and the search keeps looking
for plans that take it. Both the reward and the potential are counted against the root.

- **coin targets** are cells of the level whose tile gives coins or items (``COIN_TILES``):
  coins, ?-blocks, coin bricks, power-up and 1-up bricks, and hidden coin and 1-up blocks
  (the planner simulates the level, so it knows them). One is present while its tile is unchanged;
  it is missed when Mario's column is more than one past it. Only targets from
  ``BEHIND_COLUMNS`` behind the root to the horizon count.
- **enemy targets** are live enemies Mario can defeat: stompable ones, and with fire also
  spikies and piranha plants; bullet bills and enemies without a template (from cannons)
  are left out (they come again and again). One is missed when it is more than a tile
  behind Mario and no more than ``BEHIND_PX`` behind the root.

**Patience.** A target the planner cannot reach would hold the persona in front of it for
ever. Every decision, each present target near Mario (``NEAR_COLUMNS`` columns, or
``NEAR_PX`` px for enemies) spends a tick of its patience; one that has spent
``patience_ticks`` is given up (no longer counted). Patience lives in the agent, not in the
search, so the same level and card still press the same buttons.
"""

from __future__ import annotations

import numpy as np

from mariogen.engine import layout as L
from mariogen.engine.core import tile_get
from mariogen.jit import njit
from mariogen.level import Level, SpriteType, Tile

#: Tiles whose cell is a coin target.
COIN_TILES: tuple[Tile, ...] = (
    Tile.COIN,
    Tile.COIN_QUESTION,
    Tile.SPECIAL_QUESTION,
    Tile.COIN_BRICK,
    Tile.HIDDEN_COIN,
    Tile.SPECIAL_BRICK,
    Tile.LIFE_BRICK,
    Tile.HIDDEN_LIFE,
)
#: Enemies that can always be stomped (type values).
STOMPABLE = np.array(
    [
        SpriteType.GOOMBA,
        SpriteType.GOOMBA_WINGED,
        SpriteType.RED_KOOPA,
        SpriteType.RED_KOOPA_WINGED,
        SpriteType.GREEN_KOOPA,
        SpriteType.GREEN_KOOPA_WINGED,
    ],
    dtype=np.int32,
)
#: Enemies a fireball can defeat besides the stompable ones.
FIRE_ONLY = np.array([SpriteType.SPIKY, SpriteType.SPIKY_WINGED, SpriteType.ENEMY_FLOWER])

BEHIND_COLUMNS = 2
BEHIND_PX = 48.0
NEAR_COLUMNS = 2
NEAR_PX = 48.0
#: Target fields: column, row, tile id.
T_COL, T_ROW, T_TILE = 0, 1, 2

_K_TYPE, _K_ALIVE, _K_X, _K_CODE = L.K_TYPE, L.K_ALIVE, L.K_X, L.K_CODE
_MX, _M_FIRE = L.MARIO + L.K_X, L.MARIO + L.M_FIRE
_IS_TARGET = np.zeros(32, dtype=np.int8)
_IS_TARGET[STOMPABLE] = 1
_IS_TARGET[FIRE_ONLY] = 2


def coin_targets(level: Level) -> np.ndarray:
    """The level's coin targets as (n, 3) int32 rows (column, row, tile), by column."""
    tiles = np.asarray(level.tiles)
    rows, cols = np.nonzero(np.isin(tiles, [int(t) for t in COIN_TILES]))
    order = np.lexsort((rows, cols))
    out = np.zeros((max(len(order), 1), 3), dtype=np.int32)
    out[: len(order), T_COL], out[: len(order), T_ROW] = cols[order], rows[order]
    out[: len(order), T_TILE] = tiles[rows[order], cols[order]]
    if not len(order):
        out[0] = (-1000, 0, -1)  # a sentinel no column ever reaches
    return out


@njit
def _column_range(targets, first, last):
    """Index range of the targets with first <= column <= last (targets sorted by column)."""
    lo = 0
    while lo < targets.shape[0] and targets[lo, T_COL] < first:
        lo += 1
    hi = lo
    while hi < targets.shape[0] and targets[hi, T_COL] <= last:
        hi += 1
    return lo, hi


@njit
def target_window(targets, root_x, horizon):
    """Index range of the coin targets a search rooted at ``root_x`` may count."""
    col = int(root_x) // 16
    return _column_range(targets, col - BEHIND_COLUMNS, col + int(horizon) // 16 + 2)


@njit
def missed_coins(s, targets, given_up, lo, hi):
    """Present coin targets of ``targets[lo:hi]`` that Mario in ``s`` has passed."""
    col = int(s.view(np.float32)[_MX]) // 16
    n = 0
    for i in range(lo, hi):
        c = targets[i, T_COL]
        if c >= col - 1:
            break
        if not given_up[i] and tile_get(s, c, targets[i, T_ROW]) == targets[i, T_TILE]:
            n += 1
    return n


@njit
def _template(lvl, s, code):
    width, height = s[L.W_WIDTH], s[L.W_HEIGHT]
    return lvl[width * height + (code % 1000) * width + code // 1000]


@njit
def _is_target(s, b):
    kind = s[b + _K_TYPE]
    if kind < 0 or kind >= 32 or s[b + _K_ALIVE] == 0 or s[b + _K_CODE] < 0:
        return False
    mark = _IS_TARGET[kind]
    return mark == 1 or (mark == 2 and s[_M_FIRE] != 0)


@njit
def missed_enemies(s, lvl, given_up, first, root_x):
    """Live enemy targets in ``s`` more than a tile behind Mario, up to ``BEHIND_PX``
    behind the root (``given_up[first + template]``: the enemy's patience ran out)."""
    f = s.view(np.float32)
    mario_x = f[_MX]
    n = 0
    for i in range(s[L.W_NSPR]):
        b = s[L.L_LIST + i]
        if not _is_target(s, b):
            continue
        x = f[b + _K_X]
        if (
            root_x - BEHIND_PX <= x < mario_x - 16.0
            and not given_up[first + _template(lvl, s, s[b + _K_CODE])]
        ):
            n += 1
    return n


@njit
def spend_patience(s, lvl, targets, waits, given_up, patience, ticks, coins_on, enemies_on):
    """``ticks`` ticks of patience for every present target near Mario in ``s``.

    ``waits`` and ``given_up`` hold the coin targets first, then one slot per enemy
    template; a target whose wait reaches ``patience`` is given up."""
    f = s.view(np.float32)
    mario_x = f[_MX]
    n = targets.shape[0]
    if coins_on:
        col = int(mario_x) // 16
        lo, hi = _column_range(targets, col - NEAR_COLUMNS, col + NEAR_COLUMNS)
        for i in range(lo, hi):
            if tile_get(s, targets[i, T_COL], targets[i, T_ROW]) == targets[i, T_TILE]:
                waits[i] += ticks
                given_up[i] = waits[i] >= patience
    if enemies_on:
        for i in range(s[L.W_NSPR]):
            b = s[L.L_LIST + i]
            if _is_target(s, b) and abs(f[b + _K_X] - mario_x) < NEAR_PX:
                k = n + _template(lvl, s, s[b + _K_CODE])
                waits[k] += ticks
                given_up[k] = waits[k] >= patience
