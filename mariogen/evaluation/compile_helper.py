"""A second process for the first run's compilation: the planner's engine-free parts.

On a cold cache, :func:`~.warmup.compile_first` compiles the engine and then the A* planner,
one function after another, on one core. About a third of the planner's compile time goes to
functions that call no engine code (re-rooting on the kept tree, the targets' patience, the
search's start; :func:`mariogen.agents.astar.plan.compile_engine_free`).
:class:`CompileHelper` compiles those in a spawned process, into numba's on-disk cache,
while this process compiles the engine; this process then loads them from the cache instead
of compiling them. The compiled code is the same either way: the same functions, for the
same types.
"""

from __future__ import annotations

import os
import subprocess
import sys

from numba.core import event

#: Seconds to wait for the helper before compiling its part here instead.
HELPER_TIMEOUT_S = 600.0


class CompileHelper:
    """The helper process: :meth:`start` it when compilation begins, :meth:`join` it before
    compiling what needs its part, :meth:`stop` it on an error.

    It starts only where it can help: more than one core, and numba's on-disk cache in use
    (``NUMBA_CACHE_DIR``, which :mod:`mariogen.jit_cache` sets), since the cache is how its
    work reaches this process. It is a fresh interpreter (``python -c``), not a
    multiprocessing child, so it never imports the caller's main module.

    Args:
        level_text: the level whose decisions' types the helper compiles for (the warm-up's).
        timeout_s: seconds :meth:`join` waits.
    """

    def __init__(self, level_text: str, timeout_s: float = HELPER_TIMEOUT_S) -> None:
        self.level_text = level_text
        self.timeout_s = timeout_s
        self._process: subprocess.Popen[str] | None = None

    @staticmethod
    def useful() -> bool:
        """Whether a helper process would share work with this one."""
        from numba import config

        cache = os.environ.get("NUMBA_CACHE_DIR")
        return (os.cpu_count() or 1) > 1 and bool(cache) and not config.DISABLE_JIT

    @property
    def started(self) -> bool:
        """Whether the helper process was started (and not yet joined or stopped)."""
        return self._process is not None

    def start(self) -> None:
        """Start the helper process, once, if it is useful."""
        if self._process is not None or not self.useful():
            return
        self._process = subprocess.Popen(
            [sys.executable, "-c", f"from {__name__} import main; main()", self.level_text],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )

    def join(self) -> int:
        """Wait for the helper (at most :attr:`timeout_s`); the functions it compiled (0 if
        it was not started or did not finish, and this process compiles them itself)."""
        process = self._process
        if process is None:
            return 0
        try:
            out, _ = process.communicate(timeout=self.timeout_s)
        except subprocess.TimeoutExpired:
            self.stop()
            return 0
        self._process = None
        text = out.strip()
        return int(text) if process.returncode == 0 and text.isdigit() else 0

    def stop(self) -> None:
        """End the helper process if it still runs."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.communicate()


def compile_planner_parts(level_text: str) -> int:
    """The helper's work: compile the planner's engine-free functions for the types of
    decisions on the level ``level_text``; returns how many of mariogen's functions numba
    compiled."""
    from mariogen.agents.astar.agent import AStarAgent
    from mariogen.level import Level

    level = Level.from_text(level_text, source="warm-up")
    counter = _Counter()
    with event.install_listener("numba:compile", counter):
        AStarAgent("compile-helper").compile_engine_free(level)
    return counter.compiled


class _Counter(event.Listener):
    """A ``numba:compile`` listener counting mariogen's compiled functions."""

    def __init__(self) -> None:
        self.compiled = 0

    def on_start(self, ev: event.Event) -> None:
        """Nothing to do when a compilation starts."""

    def on_end(self, ev: event.Event) -> None:
        """Count a finished compilation of a mariogen function."""
        if ev.data["dispatcher"].py_func.__module__.startswith("mariogen"):
            self.compiled += 1


def main() -> None:
    """The helper process's entry: compile, then print the count for :meth:`CompileHelper.join`."""
    print(compile_planner_parts(sys.argv[1]))
