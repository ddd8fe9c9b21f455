"""Observation grids of the forward model (ENGINE_SPEC §14.2-§14.4), compiled.

Grids are 16 x 16 and indexed ``grid[column][row]`` as in the framework; the centre cell
is ``[8][8]``. :func:`observe_grid` writes the grid observation of the Gymnasium
environment and of policy agents (the two grids and Mario's state vector,
:data:`MARIO_FEATURES`); :class:`mariogen.engine.interface.ObservationSpec` wraps it.
"""

from __future__ import annotations

import numpy as np

from mariogen.engine.core import F16, F128, idiv, tile_get
from mariogen.engine.layout import (
    K_FACING,
    K_ON_GROUND,
    K_TYPE,
    K_X,
    K_XA,
    K_Y,
    K_YA,
    L_LIST,
    M_DUCKING,
    M_FIRE,
    M_INVULNERABLE,
    M_JUMP_TIME,
    M_LARGE,
    M_MAY_JUMP,
    MARIO,
    W_CAMX,
    W_CLONED,
    W_HEIGHT,
    W_NSPR,
    W_TIMER,
    W_WIDTH,
)
from mariogen.engine.world import settle_clone
from mariogen.jit import njit

UNDEFINED = -42
GRID = 16

#: Mario's state vector of the grid observation, in order (see ``envs/README.md``).
MARIO_FEATURES: tuple[str, ...] = (
    "mode",
    "on_ground",
    "may_jump",
    "can_jump_higher",
    "facing",
    "ducking",
    "xa",
    "ya",
    "x_in_tile",
    "y_in_tile",
    "height",
    "invulnerable",
    "time_left",
    "completion",
)
#: Lower and upper bounds of each feature; values are clipped into them.
MARIO_LOW = np.array([0, 0, 0, 0, -1, 0, -32, -32, 0, 0, -1, 0, 0, 0], dtype=np.float32)
MARIO_HIGH = np.array([2, 1, 1, 1, 1, 1, 32, 32, 16, 16, 2, 32, 1, 2], dtype=np.float32)


@njit
def scene_code(tile, detail):
    """The framework's ``getBlockValueGeneralization`` (§14.3)."""
    if tile == 0:
        return 0
    if detail < 0 or detail > 2:
        return UNDEFINED
    if tile == 48 or tile == 49:
        return 0
    if detail == 2:
        return 0 if tile == 47 else 100
    if tile == 47:
        return 63 if detail == 0 else 0
    if tile == 6 or tile == 7 or tile == 50 or tile == 51:
        return 22
    if tile == 8 or tile == 11:
        return 24
    if tile == 1 or tile == 2 or tile == 14:
        return (17 if tile == 1 else 18 if tile == 2 else 30) if detail == 0 else 17
    if 3 <= tile <= 5:
        return 16 + tile if detail == 0 else 19
    if 18 <= tile <= 21:
        return 16 + tile if detail == 0 else 34
    if tile == 15:
        return 31
    if 44 <= tile <= 46:
        return 16 + tile if detail == 0 else 59
    if tile == 52 or tile == 53:
        return 16 + tile if detail == 0 else 0
    if tile == 39 or tile == 40:
        return 16 + tile if detail == 0 else 0
    return 16 + tile if detail == 0 else 0


@njit
def sprite_code(kind, detail):
    """The framework's ``getSpriteTypeGeneralization``, detail-0 fall-through included (§14.4)."""
    if detail < 0 or detail > 2:
        return UNDEFINED
    if kind == -31:
        return 0
    if kind == 16:
        return 0 if detail == 2 else 16
    if kind == 12 or kind == 13 or kind == 15:
        return 0 if detail == 2 else 12
    if 2 <= kind <= 7 or kind == 10 or kind == 14:
        return 1 if detail == 2 else 2
    if kind == 8 or kind == 9 or kind == 11:
        return 1 if detail == 2 else 8
    return 1 if detail == 2 else 0


@njit
def grid_centre(s, screen):
    """Centre tile (ccx, ccy): Mario's tile, or the screen's centre tile."""
    f = s.view(np.float32)
    if screen:
        cx = int(f[W_CAMX] + F128)
        cy = 128
    else:
        cx = int(f[MARIO + K_X])
        cy = int(f[MARIO + K_Y])
    return idiv(cx, 16), idiv(cy, 16)


@njit
def scene_grid(s, screen, detail, clamp_rows, out):
    """Tile codes around the centre; rows outside the level repeat the edge rows or read 0."""
    ccx, ccy = grid_centre(s, screen)
    width = s[W_WIDTH]
    height = s[W_HEIGHT]
    for ox in range(GRID):
        column = min(max(ccx - 8 + ox, 0), width - 1)
        for oy in range(GRID):
            row = ccy - 8 + oy
            if clamp_rows:
                row = min(max(row, 0), height - 1)
            out[ox, oy] = scene_code(tile_get(s, column, row), detail)


@njit
def enemy_grid(s, screen, detail, skip_zero, out):
    """Sprite codes (Mario excluded) in list order; column 0 and row 0 are never written."""
    f = s.view(np.float32)
    ccx, ccy = grid_centre(s, screen)
    for i in range(s[W_NSPR]):
        b = s[L_LIST + i]
        if b == MARIO:
            continue
        mx = int(f[b + K_X] / F16)
        my = int(f[b + K_Y] / F16)
        if mx >= 0 and ccx - 8 < mx < ccx + 8 and my >= 0 and ccy - 8 < my < ccy + 8:
            code = sprite_code(s[b + K_TYPE], detail)
            if not skip_zero or code != 0:
                out[mx - ccx + 8, my - ccy + 8] = code


@njit
def _clip(value, i):
    return min(max(value, MARIO_LOW[i]), MARIO_HIGH[i])


@njit
def observe_grid(s, scene_detail, enemy_detail, scene, enemies, mario, limit_ms, exit_px):
    """Write the Mario-centred scene and enemy grids (§14) and Mario's state vector.

    Args:
        s: the state buffer (a fresh clone is settled first).
        scene_detail: scene generalisation level 0, 1 or 2.
        enemy_detail: sprite generalisation level 0, 1 or 2.
        scene: uint8 (16, 16) output, indexed ``[column][row]``.
        enemies: uint8 (16, 16) output; must be all zeros on entry.
        mario: float32 output of ``len(MARIO_FEATURES)``.
        limit_ms: the time limit in ms (0 for none).
        exit_px: the exit's x in pixels (0 for none).
    """
    if s[W_CLONED]:
        settle_clone(s)
    scene_grid(s, False, scene_detail, True, scene)
    enemy_grid(s, False, enemy_detail, False, enemies)
    f = s.view(np.float32)
    m = MARIO
    x = np.float64(f[m + K_X])
    y = np.float64(f[m + K_Y])
    values = (
        np.float64(s[m + M_LARGE] + s[m + M_FIRE]),
        np.float64(s[m + K_ON_GROUND]),
        np.float64(s[m + M_MAY_JUMP]),
        1.0 if s[m + M_JUMP_TIME] > 0 else 0.0,
        np.float64(s[m + K_FACING]),
        np.float64(s[m + M_DUCKING]),
        np.float64(f[m + K_XA]),
        np.float64(f[m + K_YA]),
        x % 16.0,
        y % 16.0,
        y / 256.0,
        np.float64(s[m + M_INVULNERABLE]),
        np.float64(s[W_TIMER]) / limit_ms if limit_ms > 0 else 1.0,
        x / exit_px if exit_px > 0 else 0.0,
    )
    for i in range(len(values)):
        mario[i] = _clip(values[i], i)


def observe(
    state: np.ndarray, scene_detail: int = 1, enemy_detail: int = 0, screen: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """The scene and enemy grids (``get…SceneObservation``, ``get…EnemiesObservation``)."""
    scene = np.zeros((GRID, GRID), dtype=np.int32)
    enemies = np.zeros((GRID, GRID), dtype=np.int32)
    scene_grid(state, screen, scene_detail, True, scene)
    enemy_grid(state, screen, enemy_detail, False, enemies)
    return scene, enemies


def observe_merged(
    state: np.ndarray, scene_detail: int = 1, enemy_detail: int = 0, screen: bool = False
) -> np.ndarray:
    """The merged grid (``get…CompleteObservation``): unclamped rows, non-zero sprites on top."""
    merged = np.zeros((GRID, GRID), dtype=np.int32)
    scene_grid(state, screen, scene_detail, False, merged)
    enemy_grid(state, screen, enemy_detail, True, merged)
    return merged
