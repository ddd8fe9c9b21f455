"""A pool of worker processes with a watchdog: a worker that dies or hangs is replaced.

``concurrent.futures.ProcessPoolExecutor`` cannot stop one hung worker, and one that dies
breaks the whole pool. :class:`WatchdogPool` keeps its own spawn-started processes, each fed
a batch of items over a pipe and answering item by item, so the pool always knows which item
a worker is running and since when:

- a worker whose process ends while it holds a batch *died*; one that gives no result for
  ``timeout_s`` seconds *hung* and is killed;
- either way it is replaced by a new process, the item it was running is run again alone
  (up to ``retries`` times, then recorded as :class:`~.failures.Failed`) and the rest of
  its batch goes back in the queue; every such event is reported as an
  :class:`~.failures.Incident`;
- an exception raised by an item is not a failure of the worker: it stops the run and is
  raised here, as with any executor.

Each worker warms numba (:func:`~.warmup.warm_up`) before it takes work, so a worker's
start never counts against an item's time. Results are placed by item index.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from mariogen.evaluation.failures import RETRIES, Cause, Failed, Incident
from mariogen.evaluation.limits import DEFAULT_TIMEOUT_S, START_TIMEOUT_S

#: Seconds a worker gets to stop after it is told to, before it is killed.
_STOP_GRACE_S = 5.0
#: Longest wait for a worker's answer between two checks of the deadlines.
_POLL_S = 1.0


class _Msg(str, Enum):
    """What a worker tells the pool."""

    READY = "ready"
    ITEM = "item"
    ERROR = "error"
    DONE = "done"


class WorkerStartError(RuntimeError):
    """A worker process ended, or did not get ready, before it took any work."""


class RemoteTracebackError(Exception):
    """The traceback of an exception raised in a worker (the cause of the one raised here)."""


def _serve(conn: Connection, warm: bool) -> None:
    """A worker's loop: warm up, then run batches item by item until told to stop."""
    if warm:
        from mariogen.evaluation.warmup import warm_up

        warm_up()
    conn.send((_Msg.READY, None))
    while True:
        try:
            message = conn.recv()
        except EOFError:  # the pool is gone
            return
        if message is None:
            return
        func, items = message
        for item in items:
            try:
                result = func(item)
            except Exception as exc:
                conn.send((_Msg.ERROR, (_portable(exc), traceback.format_exc())))
                break
            conn.send((_Msg.ITEM, result))
        conn.send((_Msg.DONE, None))


def _portable(exc: Exception) -> Exception:
    """``exc`` if it pickles, else a RuntimeError with its text."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


@dataclass
class _Unit:
    """Item indices to run on one worker, in order."""

    indices: deque[int]


@dataclass
class _Worker:
    """One worker process and what it holds."""

    process: BaseProcess
    conn: Connection
    started: float
    ready: bool = False
    unit: _Unit | None = None
    since: float = 0.0  # when its current item started


@dataclass
class _Run:
    """The state of one :meth:`WatchdogPool.run_items` call."""

    func: Callable[[Any], Any]
    items: Sequence[Any]
    on_done: Callable[[int, Any], None] | None
    on_incident: Callable[[Incident], None] | None
    results: list[Any]
    pending: deque[_Unit]
    attempts: list[int] = field(default_factory=list)


_MISSING = object()


class WatchdogPool:
    """Worker processes that run items in batches; dead and hung workers are replaced.

    Args:
        workers: how many processes.
        timeout_s: wall-clock seconds one item may take before its worker counts as hung.
        retries: times an item whose worker died or hung is run again before it is
            recorded as :class:`~.failures.Failed`.
        warm: warm numba in each worker before it takes work.
        start_timeout_s: seconds a worker may take to get ready.
    """

    def __init__(
        self,
        workers: int,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        retries: int = RETRIES,
        warm: bool = True,
        start_timeout_s: float = START_TIMEOUT_S,
    ) -> None:
        if workers < 1:
            raise ValueError(f"a pool needs at least one worker, not {workers}")
        self.workers = workers
        self.timeout_s = float(timeout_s)
        self.retries = retries
        self.warm = warm
        self.start_timeout_s = float(start_timeout_s)
        self._context = multiprocessing.get_context("spawn")
        self._pool: list[_Worker] = []

    # -- processes -----------------------------------------------------------------------------

    def _spawn(self) -> _Worker:
        mine, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_serve, args=(theirs, self.warm), name="mariogen-worker", daemon=True
        )
        process.start()
        theirs.close()
        return _Worker(process, mine, time.monotonic())

    def _fill(self) -> None:
        while len(self._pool) < self.workers:
            self._pool.append(self._spawn())

    def _kill(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self._pool.remove(worker)

    def shutdown(self, wait_for_workers: bool = True) -> None:
        """Stop every worker: ask them to stop (``wait_for_workers``), else kill them."""
        for worker in self._pool:
            if wait_for_workers and worker.unit is None:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
        deadline = time.monotonic() + (_STOP_GRACE_S if wait_for_workers else 0.0)
        for worker in list(self._pool):
            worker.process.join(max(0.0, deadline - time.monotonic()))
            self._kill(worker)

    def __enter__(self) -> WatchdogPool:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        self.shutdown(wait_for_workers=kind is None)

    # -- running items --------------------------------------------------------------------------

    def run_items(
        self,
        func: Callable[[Any], Any],
        items: Sequence[Any],
        size: int,
        on_done: Callable[[int, Any], None] | None = None,
        on_incident: Callable[[Incident], None] | None = None,
    ) -> list[Any]:
        """``[func(item) for item in items]`` on the workers, ``size`` items per batch.

        Args:
            func: a module-level function (pickled by reference).
            items: picklable items.
            size: items per batch sent to a worker.
            on_done: called with (index, result) as each item finishes.
            on_incident: called for every worker that died or hung.

        Returns:
            The results in item order; :class:`~.failures.Failed` for an item whose worker
            died or hung on every attempt.

        Raises:
            Exception: the first item's exception (the workers still busy are replaced).
            WorkerStartError: when a worker cannot start.
        """
        n = len(items)
        chunks = [deque(range(i, min(n, i + size))) for i in range(0, n, max(1, size))]
        run = _Run(func, items, on_done, on_incident, [_MISSING] * n, deque(map(_Unit, chunks)))
        run.attempts = [0] * n
        self._fill()
        try:
            while run.pending or any(w.unit is not None for w in self._pool):
                self._dispatch(run)
                self._watch(run)
        except BaseException:
            for worker in [w for w in self._pool if w.unit is not None]:
                self._kill(worker)
            raise
        return run.results

    def _dispatch(self, run: _Run) -> None:
        for worker in self._pool:
            if worker.ready and worker.unit is None and run.pending:
                unit = run.pending.popleft()
                worker.conn.send((run.func, [run.items[i] for i in unit.indices]))
                worker.unit, worker.since = unit, time.monotonic()

    def _watch(self, run: _Run) -> None:
        """Wait for answers or deaths (at most until the next deadline) and handle them."""
        now = time.monotonic()
        deadlines = [self._deadline(w) for w in self._pool if not w.ready or w.unit is not None]
        timeout = max(0.0, min([now + _POLL_S, *deadlines]) - now)
        waitables = {w.conn: w for w in self._pool} | {w.process.sentinel: w for w in self._pool}
        for ready in wait(list(waitables), timeout):
            worker = waitables[ready]
            if worker in self._pool and ready is worker.conn:
                self._read(worker, run)
        for worker in list(self._pool):
            if not worker.process.is_alive():
                self._lost(worker, run, Cause.DIED, f"exit code {worker.process.exitcode}")
            elif time.monotonic() > self._deadline(worker) and (
                worker.unit is not None or not worker.ready
            ):
                waited = self.timeout_s if worker.ready else self.start_timeout_s
                self._lost(worker, run, Cause.HUNG, f"no result in {waited:g} s")
        self._fill()

    def _deadline(self, worker: _Worker) -> float:
        if not worker.ready:
            return worker.started + self.start_timeout_s
        return worker.since + self.timeout_s

    def _read(self, worker: _Worker, run: _Run) -> None:
        """Every message the worker has sent (none left on return)."""
        try:
            while worker.conn.poll():
                kind, payload = worker.conn.recv()
                self._handle(worker, run, _Msg(kind), payload)
        except (EOFError, OSError):
            worker.process.join(_STOP_GRACE_S)  # its death is handled by the caller

    def _handle(self, worker: _Worker, run: _Run, kind: _Msg, payload: Any) -> None:
        if kind is _Msg.READY:
            worker.ready = True
        elif kind is _Msg.DONE:
            worker.unit = None
        elif kind is _Msg.ERROR:
            exc, text = payload
            raise exc from RemoteTracebackError(text)
        else:
            assert worker.unit is not None
            index = worker.unit.indices.popleft()
            run.results[index] = payload
            worker.since = time.monotonic()
            if run.on_done is not None:
                run.on_done(index, payload)

    def _lost(self, worker: _Worker, run: _Run, cause: Cause, detail: str) -> None:
        """A worker died or hung: kill it; its item is retried or failed, the rest requeued."""
        self._kill(worker)
        if not worker.ready:
            raise WorkerStartError(f"an evaluation worker could not start: {cause.value}, {detail}")
        unit = worker.unit
        if unit is None or not unit.indices:
            return
        index = unit.indices.popleft()
        run.attempts[index] += 1
        retried = run.attempts[index] <= self.retries
        if retried:
            run.pending.appendleft(_Unit(deque([index])))
        else:
            run.results[index] = Failed(cause, detail, run.attempts[index])
            if run.on_done is not None:
                run.on_done(index, run.results[index])
        if unit.indices:
            run.pending.append(unit)
        if run.on_incident is not None:
            run.on_incident(Incident((index,), cause, detail, retried))
