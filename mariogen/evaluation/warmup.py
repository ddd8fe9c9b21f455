"""Warm a process: load (or compile, the first time) the numba code plays run.

numba compiles lazily, function by function, and loads its on-disk cache the same way, so a
new worker's first evaluation would pay for it inside the watchdog's time. :func:`warm_up`
pays before: it plays a tiny level for a few iterations with a baseline and with the A*
planner (when a persona card that uses it is registered).

:func:`compile_first` is what a command calls before it starts workers: it warms *this*
process, so that on the first run the code is compiled once, here, with a progress line
(``compiling the game engine (first run only, about N s)``), and the workers then load it
from the cache instead of each compiling its own copy. While this process compiles the
engine, a helper process compiles parts of the planner (:mod:`.compile_helper`).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from typing import IO, Any

from numba.core import event

from mariogen.evaluation.compile_helper import CompileHelper

#: A 16-row level of flat ground, Mario's start and the exit.
TINY_LEVEL = "\n".join(["-" * 12] * 13 + ["-M--------F-", "X" * 12, "X" * 12]) + "\n"
#: The baseline agent played (the engine's code).
_ENGINE_AGENT = "run-right"
#: The A* persona played (the planner's code).
_PLANNER_AGENT = "runner"
#: Iterations each plays.
_ITERATIONS = 3
#: mariogen functions compiled by a warm-up with the planner, and by one without it (the
#: progress bar's total; counted on this version).
COMPILED_FUNCTIONS = 129
ENGINE_FUNCTIONS = 72
#: Seconds the first run's compilation takes on an idle 2-core machine, with the planner and
#: without it (26 s and 18 s measured on a fresh clone; the line's estimates).
COMPILE_ESTIMATE_S = 30
ENGINE_COMPILE_ESTIMATE_S = 20
#: What this process has warmed: ``"engine"``, and ``"planner"`` once the planner is too.
_WARMED: set[str] = set()


def warm_up(planner: bool = True, before_planner: Callable[[], None] | None = None) -> None:
    """Play the tiny level with the engine's baseline and, with ``planner``, an A* persona
    (each only when it is registered); ``before_planner`` is called between the two."""
    from mariogen.agents import list_agents, play
    from mariogen.level import Level

    level = Level.from_text(TINY_LEVEL, source="warm-up")
    known = {spec.name for spec in list_agents()}
    agents = (_ENGINE_AGENT, _PLANNER_AGENT) if planner else (_ENGINE_AGENT,)
    for agent in agents:
        if agent == _PLANNER_AGENT and before_planner is not None:
            before_planner()
        if agent in known:
            play(agent, level, time_limit_s=1, record=False, max_iterations=_ITERATIONS)


def needs_planner(agents: Iterable[str]) -> bool:
    """Whether any of ``agents`` is an A* persona (so the planner's code must be compiled);
    unknown names count as personas."""
    from mariogen.agents import list_agents
    from mariogen.agents.registry import AgentKind

    kinds = {spec.name: spec.kind for spec in list_agents()}
    persona = AgentKind.PERSONA.value
    return any(kinds.get(name, persona) == persona for name in agents)


class _CompileProgress(event.Listener):
    """A numba ``numba:compile`` listener that shows a bar from the first real compilation
    on (loads from the cache send no such event, so a warm cache shows nothing)."""

    def __init__(
        self, stream: IO[str] | None, planner: bool, on_first: Callable[[], None] | None = None
    ) -> None:
        self.stream = stream
        self.on_first = on_first
        self.compiling = False
        self.total = COMPILED_FUNCTIONS if planner else ENGINE_FUNCTIONS
        self.estimate_s = COMPILE_ESTIMATE_S if planner else ENGINE_COMPILE_ESTIMATE_S
        self.bar: Any = None
        self.began = 0.0

    def on_start(self, ev: event.Event) -> None:
        """Open the bar at the first compilation."""
        if not self.compiling:
            self.compiling = True
            if self.on_first is not None:
                self.on_first()
        if self.bar is not None or self.stream is None:
            return
        from tqdm import tqdm

        self.began = time.perf_counter()
        self.bar = tqdm(
            total=self.total,
            desc=f"compiling the game engine (first run only, about {self.estimate_s} s)",
            unit="fn",
            file=self.stream,
            dynamic_ncols=True,
        )

    def on_end(self, ev: event.Event) -> None:
        """Count a compiled mariogen function."""
        module = ev.data["dispatcher"].py_func.__module__
        if self.bar is not None and module.startswith("mariogen") and self.bar.n < self.total:
            self.bar.update(1)

    def add(self, functions: int) -> None:
        """Count functions compiled elsewhere (by the helper process)."""
        if self.bar is not None and functions:
            self.bar.update(min(functions, self.total - self.bar.n))

    def close(self) -> float:
        """Close the bar; the seconds spent compiling (0 when nothing was compiled)."""
        if self.bar is None:
            return 0.0
        self.bar.n = self.total
        self.bar.refresh()
        self.bar.close()
        return time.perf_counter() - self.began


def compile_first(
    planner: bool = True, progress: bool = True, stream: IO[str] | None = None
) -> float:
    """Warm this process (:func:`warm_up`), showing a progress line while numba compiles.

    Call it before starting worker processes: they then load the compiled code from the
    cache. A process is warmed once: a later call that needs no more returns at once.

    Args:
        planner: also the A* planner's code (commands that play only baselines or RL
            policies do not need it).
        progress: show the line and its bar when something is compiled.
        stream: where the bar goes (default: standard error, when it is a terminal).

    Returns:
        Seconds spent compiling (0 when everything came from the cache).
    """
    needed = {"engine", "planner"} if planner else {"engine"}
    if needed <= _WARMED:
        return 0.0
    shown = stream if stream is not None else sys.stderr
    if not progress or (stream is None and not shown.isatty()):
        shown = None  # the line is for a person at a terminal, not for logs and pipes
    helper = CompileHelper(TINY_LEVEL)
    engine_phase = planner  # the helper's part is compiled while the engine is

    def first_compilation() -> None:
        if engine_phase:
            helper.start()

    def planner_next() -> None:
        nonlocal engine_phase
        engine_phase = False
        watch.add(helper.share_planner())

    watch = _CompileProgress(shown, planner, on_first=first_compilation)
    try:
        with event.install_listener("numba:compile", watch):
            warm_up(planner, before_planner=planner_next)
        _WARMED.update(needed)
    finally:
        helper.stop()
        seconds = watch.close()
    return seconds
