"""The compiled inner loop of :class:`~mariogen.envs.MarioEnv`.

One call of :func:`advance` runs up to ``repeat`` game-loop iterations and tallies the reward
terms of :data:`TERMS`; one call of :func:`observe_grid` writes the grid observation. Both read
and write the engine's state buffer directly (``mariogen.engine.layout``), so a step costs two
compiled calls and no per-tick Python objects.

Event-based terms (kills, coin blocks, jumps, hurts, power-ups, bricks) count the events of
normal updates only, so the framework's repeats on pause and time-out iterations (ENGINE_SPEC
§12.3) are not counted again.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from mariogen.engine.layout import (
    E_MODE,
    E_PARAM,
    E_TYPE,
    EV_BASE,
    EV_FIELDS,
    K_FACING,
    K_ON_GROUND,
    K_X,
    K_XA,
    K_Y,
    K_YA,
    M_DUCKING,
    M_FIRE,
    M_INVULNERABLE,
    M_JUMP_TIME,
    M_LARGE,
    M_MAY_JUMP,
    MARIO,
    ST_BRICKS,
    ST_BUMP_QUESTION,
    ST_FLOWERS,
    ST_HURTS,
    ST_ITERS,
    ST_JUMPS,
    ST_KILL_FALL,
    ST_KILL_FIRE,
    ST_KILL_SHELL,
    ST_KILL_STOMP,
    ST_MUSHROOMS,
    W_CLONED,
    W_COINS,
    W_NEV,
    W_STATUS,
    W_TICK,
    W_TIMER,
    EventType,
    Status,
    UpdateKind,
)
from mariogen.engine.observation import enemy_grid, scene_grid
from mariogen.engine.world import settle_clone, step

#: Reward terms tallied per step, in the order of the ``terms`` array (see ``envs/README.md``).
TERMS: tuple[str, ...] = (
    "progress",
    "time",
    "coins",
    "coin_blocks",
    "kills",
    "kills_stomp",
    "kills_fire",
    "kills_shell",
    "kills_fall",
    "jumps",
    "hurts",
    "powerups",
    "bricks",
    "death",
    "win",
    "timeout",
)
(
    T_PROGRESS,
    T_TIME,
    T_COINS,
    T_COIN_BLOCKS,
    T_KILLS,
    T_KILLS_STOMP,
    T_KILLS_FIRE,
    T_KILLS_SHELL,
    T_KILLS_FALL,
    T_JUMPS,
    T_HURTS,
    T_POWERUPS,
    T_BRICKS,
    T_DEATH,
    T_WIN,
    T_TIMEOUT,
) = range(len(TERMS))

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

#: Integer values of ``info`` written by :func:`step_env`, in order.
INFO_INTS: tuple[str, ...] = (
    "status",
    "tick",
    "iterations",
    "mode",
    "remaining_time_ms",
    "coins",
    "kills",
    "kills_stomp",
    "kills_fire",
    "kills_shell",
    "kills_fall",
    "hurts",
    "jumps",
    "mushrooms",
    "flowers",
    "bricks_destroyed",
    "bump_question",
)
#: Float values of ``info`` written by :func:`step_env`, in order.
INFO_FLOATS: tuple[str, ...] = ("x", "y", "completion")
#: Offsets of the ``config`` array of :func:`step_env`.
C_GRID, C_SCENE_DETAIL, C_ENEMY_DETAIL, C_LIMIT_MS, C_EXIT_PX = range(5)
N_CONFIG = 5
_INFO_STATS = (  # state offsets of INFO_INTS[7:]
    ST_KILL_STOMP,
    ST_KILL_FIRE,
    ST_KILL_SHELL,
    ST_KILL_FALL,
    ST_HURTS,
    ST_JUMPS,
    ST_MUSHROOMS,
    ST_FLOWERS,
    ST_BRICKS,
    ST_BUMP_QUESTION,
)

_RUNNING = int(Status.RUNNING)
_WIN = int(Status.WIN)
_LOSE = int(Status.LOSE)
_TIME_OUT = int(Status.TIME_OUT)
_UPDATE = int(UpdateKind.UPDATE)
_BUMP = int(EventType.BUMP)
_STOMP = int(EventType.STOMP_KILL)
_FALL = int(EventType.FALL_KILL)
_JUMP = int(EventType.JUMP)
_COLLECT = int(EventType.COLLECT)
_HURT = int(EventType.HURT)
_BUMP_BLOCK = 24  # BUMP param of a block that gives a coin or an item (§9.1)
_BUMP_BRICK = 22  # BUMP param of a broken brick
_MUSHROOM = 12
_FLOWER = 13


@njit(cache=True)
def pack_buttons(action):
    """Packed buttons (bit i = button i) from a 5-element array of 0/1 values."""
    packed = 0
    for i in range(5):
        if action[i] != 0:
            packed |= 1 << i
    return packed


@njit(cache=True)
def _tally_events(s, terms, events, n_copied):
    """Add the latest update's events to ``terms`` and copy them into ``events``."""
    for i in range(s[W_NEV]):
        e = EV_BASE + i * EV_FIELDS
        kind = s[e + E_TYPE]
        param = s[e + E_PARAM]
        if _STOMP <= kind <= _FALL:
            terms[T_KILLS] += 1.0
            terms[T_KILLS_STOMP + kind - _STOMP] += 1.0
        elif kind == _BUMP:
            if param == _BUMP_BLOCK:
                terms[T_COIN_BLOCKS] += 1.0
            elif param == _BUMP_BRICK and s[e + E_MODE] > 0:
                terms[T_BRICKS] += 1.0
        elif kind == _JUMP:
            terms[T_JUMPS] += 1.0
        elif kind == _HURT:
            terms[T_HURTS] += 1.0
        elif kind == _COLLECT and (param == _MUSHROOM or param == _FLOWER):  # noqa: SIM109
            terms[T_POWERUPS] += 1.0
        if (n_copied + 1) * EV_FIELDS <= events.shape[0]:
            for k in range(EV_FIELDS):
                events[n_copied * EV_FIELDS + k] = s[e + k]
            n_copied += 1
    return n_copied


@njit(cache=True)
def advance(s, lvl, action, repeat, weights, terms, events):
    """Run up to ``repeat`` iterations with the buttons of ``action``; tally ``terms``.

    Args:
        s: the state buffer.
        lvl: the level constants.
        action: 5 button values (LEFT, RIGHT, DOWN, SPEED, JUMP), non-zero = pressed.
        repeat: iterations to run (fewer if the game ends).
        weights: float64 weights of the terms (the reward is their weighted sum).
        terms: float64 array of ``len(TERMS)``, overwritten with this step's terms.
        events: int32 buffer that receives the events of the normal updates, ``EV_FIELDS``
            ints each, as many as fit.

    Returns:
        ``(reward, n_events)``: the weighted sum of the terms and the number of events
        copied into ``events``.
    """
    if s[W_CLONED]:
        settle_clone(s)
    f = s.view(np.float32)
    terms[:] = 0.0
    buttons = pack_buttons(action)
    x0 = f[MARIO + K_X]
    coins0 = s[W_COINS]
    n_events = 0
    for _ in range(repeat):
        if s[W_STATUS] != _RUNNING:
            break
        kind = step(s, lvl, buttons)
        terms[T_TIME] += 1.0
        if kind == _UPDATE:
            n_events = _tally_events(s, terms, events, n_events)
    terms[T_PROGRESS] = np.float64(f[MARIO + K_X] - x0)
    terms[T_COINS] = np.float64(s[W_COINS] - coins0)
    status = s[W_STATUS]
    if terms[T_TIME] > 0.0:
        terms[T_DEATH] = 1.0 if status == _LOSE else 0.0
        terms[T_WIN] = 1.0 if status == _WIN else 0.0
        terms[T_TIMEOUT] = 1.0 if status == _TIME_OUT else 0.0
    reward = 0.0
    for i in range(terms.shape[0]):
        reward += weights[i] * terms[i]
    return reward, n_events


@njit(cache=True)
def _clip(value, i):
    return min(max(value, MARIO_LOW[i]), MARIO_HIGH[i])


@njit(cache=True)
def observe_grid(s, scene_detail, enemy_detail, scene, enemies, mario, limit_ms, exit_px):
    """Write the Mario-centred scene and enemy grids (§14) and Mario's state vector.

    Args:
        s: the state buffer (settled: no pending clone fix-ups).
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


@njit(cache=True)
def write_info(s, exit_px, ints, floats):
    """Write the values of :data:`INFO_INTS` and :data:`INFO_FLOATS` (the running statistics)."""
    f = s.view(np.float32)
    ints[0] = s[W_STATUS]
    ints[1] = s[W_TICK]
    ints[2] = s[ST_ITERS]
    ints[3] = s[MARIO + M_LARGE] + s[MARIO + M_FIRE]
    ints[4] = s[W_TIMER]
    ints[5] = s[W_COINS]
    ints[6] = s[ST_KILL_STOMP] + s[ST_KILL_FIRE] + s[ST_KILL_SHELL] + s[ST_KILL_FALL]
    for i in range(len(_INFO_STATS)):
        ints[7 + i] = s[_INFO_STATS[i]]
    x = np.float64(f[MARIO + K_X])
    floats[0] = x
    floats[1] = np.float64(f[MARIO + K_Y])
    floats[2] = x / exit_px if exit_px > 0 else 0.0


@njit(cache=True)
def step_env(s, lvl, action, repeat, work, ints, events, grids, mario):
    """One environment step in one call: :func:`advance`, then the observation and the info.

    Few arguments, because each costs time on every call: the float and int arrays are
    packed (see :func:`work_arrays`).

    Args:
        s, lvl, action, repeat, events: as for :func:`advance` (``repeat`` 0 only observes,
            as ``reset`` does).
        work: float64: the weights, then the terms (output), then the info floats (output).
        ints: int64: the ``C_*`` config values, then the info ints (output).
        grids: uint8 (2, 16, 16) zeros; receives the scene and enemy grids.
        mario: float32 output of ``len(MARIO_FEATURES)``.

    Returns:
        ``(reward, n_events)`` as :func:`advance` returns them.
    """
    n = len(TERMS)
    reward, n_events = advance(s, lvl, action, repeat, work[:n], work[n : 2 * n], events)
    if ints[C_GRID]:
        observe_grid(
            s,
            ints[C_SCENE_DETAIL],
            ints[C_ENEMY_DETAIL],
            grids[0],
            grids[1],
            mario,
            ints[C_LIMIT_MS],
            ints[C_EXIT_PX],
        )
    write_info(s, ints[C_EXIT_PX], ints[N_CONFIG:], work[2 * n :])
    return reward, n_events


def work_arrays(weights: np.ndarray, config: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """The packed ``work`` and ``ints`` arrays of :func:`step_env`.

    Args:
        weights: the term weights, in the order of :data:`TERMS`.
        config: the ``C_*`` values.

    Returns:
        ``(work, ints)``; ``work[len(TERMS) : 2 * len(TERMS)]`` are the terms,
        ``work[2 * len(TERMS):]`` the info floats, ``ints[N_CONFIG:]`` the info ints.
    """
    work = np.zeros(2 * len(TERMS) + len(INFO_FLOATS), dtype=np.float64)
    work[: len(TERMS)] = weights
    ints = np.zeros(N_CONFIG + len(INFO_INTS), dtype=np.int64)
    ints[:N_CONFIG] = config
    return work, ints
