"""Flat state layout of the engine, and its public enums.

The whole game state lives in one ``int32`` array (a *state buffer*); float32 fields are
read through a ``float32`` view of the same memory, so cloning a game is one array copy.
This module names every offset. Layout, in order:

- world scalars (``W_*``) and the game loop's running statistics (``ST_*``);
- the sprite list (slot offsets in list order), the sprites added this tick, and the
  shell and fireball work lists;
- the events of the latest non-paused tick (``EV_FIELDS`` ints each);
- Mario's record (``MARIO``), then ``SPRITE_CAPACITY`` sprite records of ``SPRITE_STRIDE``;
- the last spawn tick of every template cell, then the tile grid (row-major, ``16 x W``,
  one byte per tile, four tiles per int32 word).

Sprite records share the first ``K_*`` fields with Mario's record; Mario's own fields
(``M_*``) follow. A sprite is identified by the offset of its record.
"""

from __future__ import annotations

from enum import IntEnum, IntFlag


class Button(IntFlag):
    """The five buttons, as bits of a packed action (bit i = button i of the framework)."""

    NONE = 0
    LEFT = 1
    RIGHT = 2
    DOWN = 4
    SPEED = 8
    JUMP = 16


class Status(IntEnum):
    """Game status (ordinals of the framework's GameStatus)."""

    RUNNING = 0
    WIN = 1
    LOSE = 2
    TIME_OUT = 3


class EventType(IntEnum):
    """Game event types (ENGINE_SPEC §12)."""

    BUMP = 1
    STOMP_KILL = 2
    FIRE_KILL = 3
    SHELL_KILL = 4
    FALL_KILL = 5
    JUMP = 6
    LAND = 7
    COLLECT = 8
    HURT = 9
    KICK = 10
    LOSE = 11
    WIN = 12


class UpdateKind(IntEnum):
    """What one call of the world update did."""

    UPDATE = 0
    PAUSE = 1
    TIMEOUT = 2
    ENDED = 3


# --- world scalars ------------------------------------------------------------------------
W_STATUS = 0
W_PAUSE = 1
W_TIMER = 2
W_TICK = 3
W_CAMX = 4  # f32
W_CAMY = 5  # f32
W_FIREBALLS = 6
W_COINS = 7
W_LIVES = 8
W_NSPR = 9
W_NADD = 10
W_NEV = 11
W_NSHELL = 12
W_NFIREBALL = 13
W_WIDTH = 14
W_HEIGHT = 15
W_EXIT_X = 16
W_EXIT_Y = 17
W_NTEMPL = 18
W_OVERFLOW = 19
W_TILES = 20  # offset of the tile grid (bytes packed in int32 words)
W_LAST_KIND = 21  # UpdateKind of the latest update call
W_START_X = 22
W_START_Y = 23
W_CLONED = 24  # a fresh clone: the clone fix-ups of §15 are still to be applied

# --- running statistics of the game loop (ENGINE_SPEC §13) --------------------------------
ST_ITERS = 32
ST_GAME_EVENTS = 33
ST_KILL_STOMP = 34
ST_KILL_FIRE = 35
ST_KILL_SHELL = 36
ST_KILL_FALL = 37
ST_HURTS = 38
ST_JUMPS = 39
ST_BUMP_QUESTION = 40
ST_BUMP_BRICK = 41
ST_BRICKS = 42
ST_MUSHROOMS = 43
ST_FLOWERS = 44
ST_TILE_COINS = 45  # COLLECT(31): always 0, as in the framework (Q12)
ST_KICKS = 46
ST_XJUMP_START = 47  # f32
ST_XJUMP_BEST = 48  # f32
ST_AIR_START = 49
ST_AIR_BEST = 50
ST_LIVES_COLLECTED = 51
ST_COLLECT_15 = 52  # COLLECT(15): coin tiles and life mushrooms
ST_KILLS_BY_TYPE = 56  # 17 slots, indexed by sprite type value 0..16 (FALL_KILL excluded)

# --- lists ----------------------------------------------------------------------------------
SPRITE_CAPACITY = 80
MAX_EVENTS = 64
EV_FIELDS = 6
E_TYPE, E_PARAM, E_X, E_Y, E_MODE, E_TIME = range(EV_FIELDS)

L_LIST = 80
L_ADDED = L_LIST + SPRITE_CAPACITY
L_SHELLS = L_ADDED + SPRITE_CAPACITY
L_FIREBALLS = L_SHELLS + SPRITE_CAPACITY
EV_BASE = L_FIREBALLS + SPRITE_CAPACITY

# --- sprite records -----------------------------------------------------------------------
K_TYPE = 0
K_ALIVE = 1
K_REMOVED = 2
K_X = 3  # f32
K_Y = 4  # f32
K_XA = 5  # f32
K_YA = 6  # f32
K_FACING = 7
K_ON_GROUND = 8
K_W = 9
K_H = 10
K_CODE = 11  # template origin column * 1000 + row, -1 for none
K_WINGED = 12
K_Y_START = 13  # f32, piranha flower
K_WAIT = 14
K_LIFE = 15
K_SHELL_TYPE = 16
SPRITE_STRIDE = 17

M_LARGE = 17
M_FIRE = 18
M_WAS_ON_GROUND = 19
M_DUCKING = 20
M_CAN_SHOOT = 21
M_MAY_JUMP = 22
M_JUMP_TIME = 23
M_XJUMP_SPEED = 24  # f32
M_YJUMP_SPEED = 25  # f32
M_INVULNERABLE = 26
M_XJUMP_START = 27  # f32
M_ACTIONS = 28
MARIO_STRIDE = 29

MARIO = EV_BASE + MAX_EVENTS * EV_FIELDS
SLOTS = MARIO + MARIO_STRIDE
LAST_SPAWN = SLOTS + SPRITE_CAPACITY * SPRITE_STRIDE

NO_CODE = -1

# --- level constants array (shared by clones, never written) ------------------------------
# [0, H*W): template sprite type per cell; [H*W, 2*H*W): template number per cell or -1.


def tile_words(width: int, height: int) -> int:
    """int32 words holding the tile grid, one byte per tile (4 tiles a word, little-endian)."""
    return (width * height + 3) // 4


def state_size(width: int, height: int, n_templates: int) -> int:
    """Length of the state buffer for a level of this size."""
    return LAST_SPAWN + n_templates + tile_words(width, height)
