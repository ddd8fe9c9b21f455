"""The compiled inner loop of :class:`~mariogen.envs.MarioEnv`.

One call of :func:`step_env` runs up to ``repeat`` game-loop iterations, computes the step's
reward terms, writes the grid observation (:func:`mariogen.engine.observation.observe_grid`)
and the values of ``info``. It reads and writes the engine's state buffer directly, so a
step costs one compiled call and no per-tick Python objects.

The reward terms are the statistics of :mod:`mariogen.engine.stats` (:data:`TERMS` is
:data:`~mariogen.engine.stats.STAT_NAMES`): the terms of a step are
:func:`~mariogen.engine.stats.fill_stats` after the step minus ``fill_stats`` before it. Event
counts therefore follow the framework's rule (ENGINE_SPEC §12.3, ``MarioResult``): the events
of the latest normal update count again on every pause and time-out iteration.
"""

from __future__ import annotations

import numpy as np

from mariogen.engine.layout import (
    EV_BASE,
    EV_FIELDS,
    K_Y,
    MARIO,
    ST_FLOWERS,
    ST_MUSHROOMS,
    W_CLONED,
    W_NEV,
    W_STATUS,
    W_TICK,
    W_TIMER,
    Status,
    UpdateKind,
)
from mariogen.engine.observation import MARIO_FEATURES, observe_grid
from mariogen.engine.stats import N_STATS, STAT_NAMES, Stat, fill_stats
from mariogen.engine.world import settle_clone, step
from mariogen.jit import njit

__all__ = ["INFO_FLOATS", "INFO_INTS", "MARIO_FEATURES", "TERMS", "step_env", "work_arrays"]

#: Reward terms of a step, in the order of the ``terms`` array: the statistics vocabulary.
TERMS: tuple[str, ...] = STAT_NAMES
N_TERMS = N_STATS

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
(
    C_GRID,
    C_SCENE_DETAIL,
    C_ENEMY_DETAIL,
    C_LIMIT_MS,
    C_EXIT_PX,
    C_COINS_TOTAL,
    C_ENEMIES_TOTAL,
) = range(7)
N_CONFIG = 7
#: Where the parts of the ``work`` array start: weights, terms, statistics, info floats.
WORK_WEIGHTS, WORK_TERMS, WORK_STATS, WORK_FLOATS = (0, N_TERMS, 2 * N_TERMS, 3 * N_TERMS)

# info ints read from the statistics vector (position in INFO_INTS, Stat index) ...
_FROM_STATS = {
    "iterations": Stat.TIME,
    "mode": Stat.MODE,
    "coins": Stat.COINS,
    "kills": Stat.KILLS,
    "kills_stomp": Stat.KILLS_STOMP,
    "kills_fire": Stat.KILLS_FIRE,
    "kills_shell": Stat.KILLS_SHELL,
    "kills_fall": Stat.KILLS_FALL,
    "hurts": Stat.HURTS,
    "jumps": Stat.JUMPS,
    "bricks_destroyed": Stat.BRICKS,
    "bump_question": Stat.COIN_BLOCKS,
}
# ... and the others, read from the state (position in INFO_INTS, state offset).
_FROM_STATE = {
    "status": W_STATUS,
    "tick": W_TICK,
    "remaining_time_ms": W_TIMER,
    "mushrooms": ST_MUSHROOMS,
    "flowers": ST_FLOWERS,
}
assert set(_FROM_STATS) | set(_FROM_STATE) == set(INFO_INTS)
_STATS_AT = tuple(INFO_INTS.index(name) for name in _FROM_STATS)
_STATS_OF = tuple(int(stat) for stat in _FROM_STATS.values())
_STATE_AT = tuple(INFO_INTS.index(name) for name in _FROM_STATE)
_STATE_OF = tuple(_FROM_STATE.values())
_PROGRESS, _COMPLETION = int(Stat.PROGRESS), int(Stat.COMPLETION)

_RUNNING = int(Status.RUNNING)
_UPDATE = int(UpdateKind.UPDATE)


@njit
def pack_buttons(action):
    """Packed buttons (bit i = button i) from a 5-element array of 0/1 values."""
    packed = 0
    for i in range(5):
        if action[i] != 0:
            packed |= 1 << i
    return packed


@njit
def _copy_events(s, events, n_copied):
    """Copy the latest update's events into ``events`` (as many as fit); the new count."""
    for i in range(s[W_NEV]):
        if (n_copied + 1) * EV_FIELDS > events.shape[0]:
            break
        e = EV_BASE + i * EV_FIELDS
        for k in range(EV_FIELDS):
            events[n_copied * EV_FIELDS + k] = s[e + k]
        n_copied += 1
    return n_copied


@njit
def advance(s, lvl, action, repeat, totals, weights, terms, stats, events):
    """Run up to ``repeat`` iterations with the buttons of ``action``; compute ``terms``.

    Args:
        s: the state buffer.
        lvl: the level constants.
        action: 5 button values (LEFT, RIGHT, DOWN, SPEED, JUMP), non-zero = pressed.
        repeat: iterations to run (fewer if the game ends).
        totals: ``(coins, enemies)`` the level offers, float64 (for the rates).
        weights: float64 weights of the terms (the reward is their weighted sum).
        terms: float64 array of ``N_TERMS``, overwritten with this step's terms: the
            statistics after the step minus those before it.
        stats: float64 array of ``N_TERMS``, overwritten with the statistics after the step.
        events: int32 buffer that receives the events of the normal updates, ``EV_FIELDS``
            ints each, as many as fit.

    Returns:
        ``(reward, n_events)``: the weighted sum of the terms and the number of events
        copied into ``events``.
    """
    if s[W_CLONED]:
        settle_clone(s)
    fill_stats(s, totals[0], totals[1], terms)  # before the step
    buttons = pack_buttons(action)
    n_events = 0
    for _ in range(repeat):
        if s[W_STATUS] != _RUNNING:
            break
        if step(s, lvl, buttons) == _UPDATE:
            n_events = _copy_events(s, events, n_events)
    fill_stats(s, totals[0], totals[1], stats)
    reward = 0.0
    for i in range(N_TERMS):
        terms[i] = stats[i] - terms[i]
        reward += weights[i] * terms[i]
    return reward, n_events


@njit
def write_info(s, stats, ints, floats):
    """Write the values of :data:`INFO_INTS` and :data:`INFO_FLOATS`.

    Values that are statistics come from ``stats`` (the :func:`fill_stats` vector); the
    others from the state.
    """
    for i in range(len(_STATS_AT)):
        ints[_STATS_AT[i]] = np.int64(stats[_STATS_OF[i]])
    for i in range(len(_STATE_AT)):
        ints[_STATE_AT[i]] = s[_STATE_OF[i]]
    floats[0] = stats[_PROGRESS]
    floats[1] = np.float64(s.view(np.float32)[MARIO + K_Y])
    floats[2] = stats[_COMPLETION]


@njit
def step_env(s, lvl, action, repeat, work, ints, events, grids, mario):
    """One environment step in one call: :func:`advance`, then the observation and the info.

    Few arguments, because each costs time on every call: the float and int arrays are
    packed (see :func:`work_arrays`).

    Args:
        s, lvl, action, repeat, events: as for :func:`advance` (``repeat`` 0 only observes,
            as ``reset`` does).
        work: float64: the weights, the terms (output), the statistics after the step
            (output), the info floats (output); see the ``WORK_*`` offsets.
        ints: int64: the ``C_*`` config values, then the info ints (output).
        grids: uint8 (2, 16, 16) zeros; receives the scene and enemy grids.
        mario: float32 output of ``len(MARIO_FEATURES)``.

    Returns:
        ``(reward, n_events)`` as :func:`advance` returns them.
    """
    totals = (np.float64(ints[C_COINS_TOTAL]), np.float64(ints[C_ENEMIES_TOTAL]))
    stats = work[WORK_STATS:WORK_FLOATS]
    reward, n_events = advance(
        s,
        lvl,
        action,
        repeat,
        totals,
        work[WORK_WEIGHTS:WORK_TERMS],
        work[WORK_TERMS:WORK_STATS],
        stats,
        events,
    )
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
    write_info(s, stats, ints[N_CONFIG:], work[WORK_FLOATS:])
    return reward, n_events


def work_arrays(weights: np.ndarray, config: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """The packed ``work`` and ``ints`` arrays of :func:`step_env`.

    Args:
        weights: the term weights, in the order of :data:`TERMS`.
        config: the ``C_*`` values.

    Returns:
        ``(work, ints)``; ``work[WORK_TERMS:WORK_STATS]`` are the terms,
        ``work[WORK_STATS:WORK_FLOATS]`` the statistics, ``work[WORK_FLOATS:]`` the info
        floats, ``ints[N_CONFIG:]`` the info ints.
    """
    work = np.zeros(WORK_FLOATS + len(INFO_FLOATS), dtype=np.float64)
    work[WORK_WEIGHTS:WORK_TERMS] = weights
    ints = np.zeros(N_CONFIG + len(INFO_INTS), dtype=np.int64)
    ints[:N_CONFIG] = config
    return work, ints
