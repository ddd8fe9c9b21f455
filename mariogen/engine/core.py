"""Compiled primitives shared by the engine: tiles, events, sprite slots, Mario's counters.

Every function takes the state buffer ``s`` (int32) and its float32 view ``f``; see
:mod:`mariogen.engine.layout`. float32 arithmetic is rounded after every operation, as
the reference does: every literal below is a float32 and every int is converted first.
"""

from __future__ import annotations

import numpy as np

from mariogen.engine.layout import (
    E_MODE,
    E_PARAM,
    E_TIME,
    E_TYPE,
    E_X,
    E_Y,
    EV_BASE,
    EV_FIELDS,
    K_ALIVE,
    K_CODE,
    K_FACING,
    K_H,
    K_REMOVED,
    K_TYPE,
    K_W,
    K_X,
    K_Y,
    L_ADDED,
    M_ACTIONS,
    M_FIRE,
    M_LARGE,
    MARIO,
    MAX_EVENTS,
    NO_CODE,
    SLOTS,
    SPRITE_CAPACITY,
    SPRITE_STRIDE,
    W_COINS,
    W_HEIGHT,
    W_LIVES,
    W_NADD,
    W_NEV,
    W_OVERFLOW,
    W_STATUS,
    W_TICK,
    W_TILES,
    W_WIDTH,
)
from mariogen.jit import njit
from mariogen.level.tiles import TILE_FEATURES

F0 = np.float32(0.0)
F1 = np.float32(1.0)
F2 = np.float32(2.0)
F3 = np.float32(3.0)
F4 = np.float32(4.0)
F8 = np.float32(8.0)
F15 = np.float32(15.0)
F16 = np.float32(16.0)
F20 = np.float32(20.0)
F24 = np.float32(24.0)
F128 = np.float32(128.0)
F256 = np.float32(256.0)
F064 = np.float32(64.0)
F_WALK = np.float32(0.6)
F_RUN = np.float32(1.2)
F_DAMP_X = np.float32(0.89)
F_DAMP_Y = np.float32(0.85)
F_DAMP_WINGED = np.float32(0.95)
F_DEAD_ZONE = np.float32(0.5)
F_JUMP_SPEED = np.float32(-1.9)
F_ENEMY_SPEED = np.float32(1.75)
F_WING_GRAVITY = np.float32(0.6)
F_FIREBALL_GRAVITY = np.float32(1.5)

FEAT_BLOCK_ALL = 1
FEAT_BLOCK_UPPER = 2
FEAT_BLOCK_LOWER = 4
FEAT_BUMPABLE = 8
FEAT_BREAKABLE = 16
FEAT_SPECIAL = 32
FEAT_LIFE = 64
FEAT_PICKABLE = 128
FEAT_SPAWNER = 256

STATUS_RUNNING = 0
STATUS_WIN = 1
STATUS_LOSE = 2
STATUS_TIME_OUT = 3

EV_BUMP = 1
EV_STOMP_KILL = 2
EV_FIRE_KILL = 3
EV_SHELL_KILL = 4
EV_FALL_KILL = 5
EV_JUMP = 6
EV_LAND = 7
EV_COLLECT = 8
EV_HURT = 9
EV_KICK = 10
EV_LOSE = 11
EV_WIN = 12

T_MARIO = -31
T_GOOMBA = 2
T_RED_KOOPA = 4
T_RED_KOOPA_WINGED = 5
T_GREEN_KOOPA = 6
T_GREEN_KOOPA_WINGED = 7
T_SPIKY = 8
T_SPIKY_WINGED = 9
T_BULLET_BILL = 10
T_ENEMY_FLOWER = 11
T_MUSHROOM = 12
T_FIRE_FLOWER = 13
T_SHELL = 14
T_LIFE_MUSHROOM = 15
T_FIREBALL = 16

TILE_COIN = 15
TILE_USED = 14
BUMP_BLOCK = 24
BUMP_BRICK = 22

BTN_LEFT = 1
BTN_RIGHT = 2
BTN_DOWN = 4
BTN_SPEED = 8
BTN_JUMP = 16

FEATURES = TILE_FEATURES


@njit
def idiv(a: int, b: int) -> int:
    """Integer division rounding toward zero, as Java's ``/`` on ints."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


@njit
def tile_get(s, c, r):
    """Tile id at (c, r): columns clamp to the level, rows outside read as empty (§3.7)."""
    width = s[W_WIDTH]
    if c < 0:
        c = 0
    if c > width - 1:
        c = width - 1
    if r < 0 or r > s[W_HEIGHT] - 1:
        return 0
    index = r * width + c
    return (s[s[W_TILES] + (index >> 2)] >> ((index & 3) * 8)) & 0xFF


@njit
def tile_set(s, c, r, tile):
    """Write a tile id; writes outside the level are ignored (§3.7)."""
    width = s[W_WIDTH]
    if 0 <= c < width and 0 <= r < s[W_HEIGHT]:
        index = r * width + c
        word = s[W_TILES] + (index >> 2)
        shift = (index & 3) * 8
        s[word] = (s[word] & ~(0xFF << shift)) | ((tile & 0xFF) << shift)


@njit
def features(tile):
    """Feature bits of a tile id."""
    if 0 <= tile < FEATURES.shape[0]:
        return FEATURES[tile]
    return 0


@njit
def blocks(tile, vx, vy):
    """Whether a tile blocks a probe moving with velocity (vx, vy) (§3.6)."""
    feat = features(tile)
    if feat & FEAT_BLOCK_ALL:
        return True
    if vy < F0 and feat & FEAT_BLOCK_UPPER:
        return True
    return vy > F0 and (feat & FEAT_BLOCK_LOWER) != 0


@njit
def mario_mode(s):
    """Mario's mode as events record it: 2 fire, 1 large, 0 small."""
    if s[MARIO + M_FIRE]:
        return 2
    if s[MARIO + M_LARGE]:
        return 1
    return 0


@njit
def add_event(s, f, kind, param):
    """Append an event carrying Mario's position and mode and the current tick."""
    n = s[W_NEV]
    if n >= MAX_EVENTS:
        s[W_OVERFLOW] |= 2
        return
    e = EV_BASE + n * EV_FIELDS
    s[e + E_TYPE] = kind
    s[e + E_PARAM] = param
    f[e + E_X] = f[MARIO + K_X]
    f[e + E_Y] = f[MARIO + K_Y]
    s[e + E_MODE] = mario_mode(s)
    s[e + E_TIME] = s[W_TICK]
    s[W_NEV] = n + 1


@njit
def lose(s, f):
    """Mario loses: a LOSE event, status LOSE, Mario no longer alive."""
    add_event(s, f, EV_LOSE, 0)
    s[W_STATUS] = STATUS_LOSE
    s[MARIO + K_ALIVE] = 0


@njit
def win(s, f):
    """Mario wins: a WIN event and status WIN."""
    add_event(s, f, EV_WIN, 0)
    s[W_STATUS] = STATUS_WIN


@njit
def collect_coin(s):
    """One more coin for a living Mario; every 100th coin is a life."""
    if not s[MARIO + K_ALIVE]:
        return
    s[W_COINS] += 1
    if s[W_COINS] % 100 == 0:
        s[W_LIVES] += 1


@njit
def pressed(s, button):
    """Whether a button is pressed in the actions stored in Mario."""
    return (s[MARIO + M_ACTIONS] & button) != 0


@njit
def new_sprite(s, f, kind, x, y, w, h, facing):
    """Allocate a sprite record, fill the common fields and queue it as added this tick.

    Returns the record offset, or -1 when the sprite table is full (the overflow flag is
    set and the sprite is dropped).
    """
    n_added = s[W_NADD]
    for slot in range(SPRITE_CAPACITY):
        b = SLOTS + slot * SPRITE_STRIDE
        if s[b + K_TYPE] == 0:
            for k in range(SPRITE_STRIDE):
                s[b + k] = 0
            s[b + K_TYPE] = kind
            s[b + K_ALIVE] = 1
            f[b + K_X] = x
            f[b + K_Y] = y
            s[b + K_W] = w
            s[b + K_H] = h
            s[b + K_FACING] = facing
            s[b + K_CODE] = NO_CODE
            s[L_ADDED + n_added] = b
            s[W_NADD] = n_added + 1
            return b
    s[W_OVERFLOW] |= 1
    return -1


@njit
def remove_sprite(s, b):
    """Mark a sprite removed: it stops acting now and leaves the list at the end of the tick."""
    s[b + K_ALIVE] = 0
    s[b + K_REMOVED] = 1
