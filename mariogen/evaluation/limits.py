"""The limits of one evaluation: game ticks per play, wall-clock seconds per evaluation.

Every play of an evaluation stops after :func:`tick_limit` loop iterations: twice the ticks
its time limit allows (a game tick takes :data:`~mariogen.metrics.gameplay.MS_PER_TICK` of
game time; pause iterations take none), so it never cuts a play that the time limit would
end, and it bounds one that would not (a play without a time limit, or one that pauses
forever). A worker process gets :data:`DEFAULT_TIMEOUT_S` of wall-clock time per evaluation
before the watchdog takes it for hung.
"""

from __future__ import annotations

import math

from mariogen.metrics.gameplay import MS_PER_TICK

#: A play stops after this many times the ticks of its time limit.
TICK_FACTOR = 2
#: The tick limit of a play without a time limit: 20 minutes of game time.
UNLIMITED_TICKS = 40_000
#: Wall-clock seconds one evaluation may take in a worker before it counts as hung.
DEFAULT_TIMEOUT_S = 300.0
#: Wall-clock seconds a worker process may take to start (import, load or compile numba).
START_TIMEOUT_S = 900.0


def tick_limit(time_limit_s: float) -> int:
    """The most loop iterations a play with this time limit runs (see the module)."""
    if time_limit_s <= 0:
        return UNLIMITED_TICKS
    return TICK_FACTOR * math.ceil(1000.0 * time_limit_s / MS_PER_TICK)
