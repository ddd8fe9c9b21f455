"""Warm a worker process: load (or compile, the first time) the numba code plays run.

numba compiles lazily, function by function, and loads its on-disk cache the same way, so a
new worker's first evaluation would pay for it inside the watchdog's time. :func:`warm_up`
pays before: it plays a tiny level for a few iterations with a baseline and with the A*
planner (when a persona card that uses it is registered).
"""

from __future__ import annotations

#: A 16-row level of flat ground, Mario's start and the exit.
_TINY_LEVEL = "\n".join(["-" * 12] * 13 + ["-M--------F-", "X" * 12, "X" * 12]) + "\n"
#: Agents played: a baseline (the engine) and an A* persona (the planner's code).
_AGENTS = ("run-right", "runner")
#: Iterations each plays.
_ITERATIONS = 3


def warm_up() -> None:
    """Play the tiny level with each agent of :data:`_AGENTS` that is registered."""
    from mariogen.agents import list_agents, play
    from mariogen.level import Level

    level = Level.from_text(_TINY_LEVEL, source="warm-up")
    known = {spec.name for spec in list_agents()}
    for agent in _AGENTS:
        if agent in known:
            play(agent, level, time_limit_s=1, record=False, max_iterations=_ITERATIONS)
