"""Observation grids of the forward model (ENGINE_SPEC §14.2-§14.4), compiled.

Grids are 16 x 16 and indexed ``grid[column][row]`` as in the framework; the centre cell
is ``[8][8]``.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from mariogen.engine.core import F16, F128, idiv, tile_get
from mariogen.engine.layout import (
    K_TYPE,
    K_X,
    K_Y,
    L_LIST,
    MARIO,
    W_CAMX,
    W_HEIGHT,
    W_NSPR,
    W_WIDTH,
)

UNDEFINED = -42
GRID = 16


@njit(cache=True)
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


@njit(cache=True)
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


@njit(cache=True)
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


@njit(cache=True)
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


@njit(cache=True)
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
