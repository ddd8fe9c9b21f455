"""A second process for the first run's compilation: parts of the A* planner.

On a cold cache, :func:`~.warmup.compile_first` compiles the engine and then the A* planner,
one function after another, on one core. The planner's code splits into parts that can be
compiled apart (:class:`~mariogen.agents.astar.plan.CompilePart`), so a helper process
takes some of them, into numba's on-disk cache, and this process loads them from there
instead of compiling them:

1. while this process compiles the engine, the helper compiles the part that calls no
   engine code (re-rooting on the kept tree, the targets' patience, the search's start);
2. once the engine is in the cache, the helper compiles the tree search while this process
   compiles re-rooting (:meth:`CompileHelper.share_planner`); then the decision itself,
   which needs both, is compiled here.

The compiled code is the same either way: the same functions, for the same types.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from typing import TYPE_CHECKING

from numba.core import event

if TYPE_CHECKING:
    from mariogen.agents.astar.plan import CompilePart

#: Seconds to wait for each of the helper's parts before compiling it here instead.
HELPER_TIMEOUT_S = 600.0


class CompileHelper:
    """The helper process: :meth:`start` it when compilation begins, call
    :meth:`share_planner` once the engine is compiled, :meth:`stop` it on an error.

    It starts only where it can help: more than one core, and numba's on-disk cache in use
    (``NUMBA_CACHE_DIR``, which :mod:`mariogen.jit_cache` sets), since the cache is how its
    work reaches this process. It is a fresh interpreter (``python -c``), not a
    multiprocessing child, so it never imports the caller's main module.

    Args:
        level_text: the level whose decisions' types are compiled for (the warm-up's).
        timeout_s: seconds to wait for each of the helper's parts.
    """

    def __init__(self, level_text: str, timeout_s: float = HELPER_TIMEOUT_S) -> None:
        self.level_text = level_text
        self.timeout_s = timeout_s
        self._process: subprocess.Popen[str] | None = None
        self._lines: queue.Queue[str | None] = queue.Queue()

    @staticmethod
    def useful() -> bool:
        """Whether a helper process would share work with this one."""
        from numba import config

        cache = os.environ.get("NUMBA_CACHE_DIR")
        return (os.cpu_count() or 1) > 1 and bool(cache) and not config.DISABLE_JIT

    @property
    def started(self) -> bool:
        """Whether the helper process was started (and not yet finished or stopped)."""
        return self._process is not None

    def start(self) -> None:
        """Start the helper process, once, if it is useful; it begins with the engine-free
        part."""
        if self._process is not None or not self.useful():
            return
        self._process = subprocess.Popen(
            [sys.executable, "-c", f"from {__name__} import main; main()", self.level_text],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        threading.Thread(target=self._read, args=(self._process,), daemon=True).start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self._lines.put(line.strip())
        self._lines.put(None)

    def _result(self) -> int | None:
        """The count of the helper's next finished part (``None``: it failed or timed out)."""
        try:
            line = self._lines.get(timeout=self.timeout_s)
        except queue.Empty:
            return None
        return int(line) if line is not None and line.isdigit() else None

    def share_planner(self) -> int:
        """With the engine compiled: wait for the helper's engine-free part, let it compile
        the search while this process compiles re-rooting, and wait for it again.

        Returns:
            The functions the helper compiled (0 when it was not started; what it did not
            finish is compiled here, later, as usual).
        """
        from mariogen.agents.astar.plan import CompilePart

        process = self._process
        if process is None:
            return 0
        compiled = self._result()
        if compiled is None:
            self.stop()
            return 0
        try:
            assert process.stdin is not None
            process.stdin.write(CompilePart.SEARCH.value + "\n")
            process.stdin.close()
        except OSError:
            self.stop()
            return compiled
        compile_part(CompilePart.REROOT, self.level_text)
        searched = self._result()
        self.stop()
        return compiled + (searched or 0)

    def stop(self) -> None:
        """End the helper process (at once, if it still runs)."""
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                process.kill()
            process.wait()


def compile_part(part: CompilePart, level_text: str) -> int:
    """Compile one part of the planner in this process, for the types of decisions on the
    level ``level_text``; how many of mariogen's functions numba compiled."""
    from mariogen.agents.astar.agent import AStarAgent
    from mariogen.level import Level

    level = Level.from_text(level_text, source="warm-up")
    counter = _Counter()
    with event.install_listener("numba:compile", counter):
        AStarAgent("compile-part").compile_part(part, level)
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
    """The helper process: the engine-free part, then each part named on standard input
    (one name a line), printing each part's count when it is done."""
    from mariogen.agents.astar.plan import CompilePart

    level_text = sys.argv[1]
    print(compile_part(CompilePart.ENGINE_FREE, level_text), flush=True)
    for line in sys.stdin:
        print(compile_part(CompilePart(line.strip()), level_text), flush=True)
