"""The executor seam: run picklable items on a pool, a cluster or any executor.

Everything in mariogen that runs in parallel goes through :func:`run_items` (items, each
evaluated on its own, results in item order) or :func:`run_tasks` (whole tasks). Where they
run is chosen once, by :func:`executor_scope`, from a flag's values:

- ``workers=N`` (N > 1): a :class:`~.watchdog.WatchdogPool` of N spawn-started processes;
  a worker that dies or hangs is replaced and its item retried once, then recorded as
  :class:`~.failures.Failed` (:mod:`.failures`), and the run goes on;
- ``dask=ADDRESS`` or ``dask="local"``: a :class:`~.dask_executor.DaskRunner` on a running
  ``dask.distributed`` scheduler, or on a ``LocalCluster`` of processes (one thread each);
- ``workers=1``: this process (no watchdog; every play still stops at its tick limit,
  :func:`~.limits.tick_limit`);
- or any ``concurrent.futures.Executor`` the caller owns (no watchdog either).

Each item is self-contained (it carries level text or a segment library's contents, never a
local path), and results are placed by index, so they are the same whatever runs them, the
number of workers or the order items finish in. Items are sent in batches
(:func:`batch_size`): a few per worker, each holding many plays or genomes, so the per-task
overhead (pickling, scheduling) stays small.
"""

from __future__ import annotations

import math
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar, runtime_checkable

from mariogen.evaluation.batches import LOCAL_CLUSTER, run_batch
from mariogen.evaluation.failures import RETRIES, Failed, Incident
from mariogen.evaluation.limits import DEFAULT_TIMEOUT_S
from mariogen.evaluation.warmup import compile_first
from mariogen.evaluation.watchdog import WatchdogPool

T = TypeVar("T")
R = TypeVar("R")

#: Batches per worker: enough to balance uneven plays, few enough to keep overhead small.
BATCHES_PER_WORKER = 4


@runtime_checkable
class ItemRunner(Protocol):
    """Runs items in batches on its workers, results by index, worker failures handled:
    :class:`~.watchdog.WatchdogPool` and :class:`~.dask_executor.DaskRunner`."""

    @property
    def workers(self) -> int:
        """How many items it runs at once."""
        ...

    def run_items(
        self,
        func: Callable[[Any], Any],
        items: Sequence[Any],
        size: int,
        on_done: Callable[[int, Any], None] | None = None,
        on_incident: Callable[[Incident], None] | None = None,
    ) -> list[Any]:
        """``[func(item) for item in items]``, ``size`` per batch; :class:`Failed` for an
        item whose worker died or hung on every attempt."""
        ...


#: What :func:`executor_scope` yields and the evaluators take: ``None`` runs here.
Runner = Executor | ItemRunner | None


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A plain ``concurrent.futures`` pool of ``workers`` spawn-started processes (no
    watchdog; :func:`executor_scope` builds a :class:`~.watchdog.WatchdogPool` instead)."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


@contextmanager
def executor_scope(
    executor: Executor | ItemRunner | None = None,
    workers: int = 1,
    *,
    dask: str | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    retries: int = RETRIES,
    progress: bool = True,
    planner: bool = True,
) -> Iterator[Runner]:
    """Where to run: ``executor`` (never shut down here), a Dask cluster, a pool, or here.

    Before it starts worker processes on this machine (a pool, a local cluster), it compiles
    the numba code here (:func:`~.warmup.compile_first`), so that the workers load it from
    the cache instead of each compiling its own copy.

    Args:
        executor: an executor or runner the caller owns, or ``None``.
        workers: processes of the pool built when neither ``executor`` nor ``dask`` is
            given (1 or fewer: run in this process); with ``dask="local"``, the cluster's
            worker processes.
        dask: a ``dask.distributed`` scheduler address (``tcp://host:8786``), or
            ``"local"`` for a ``LocalCluster`` on this machine (needs the ``dask`` extra).
        timeout_s: wall-clock seconds one item may take before its worker counts as hung.
        retries: times an item whose worker died or hung is run again before it is
            recorded as failed.
        progress: show the compile line (on a terminal) when that compiles something.
        planner: the work plays A* personas, so the planner's code is compiled too.

    Yields:
        The runner, or ``None`` for "run in this process". What is built here is shut
        down on leaving: after its work finishes, or at once on an error.

    Raises:
        ClusterError: when ``dask`` names no reachable scheduler, or dask is not installed.
    """
    if executor is not None:
        yield executor
        return
    if dask:
        from mariogen.evaluation.dask_executor import DaskRunner

        if dask == LOCAL_CLUSTER:
            compile_first(planner, progress=progress)
        with DaskRunner.connect(dask, workers, timeout_s=timeout_s, retries=retries) as runner:
            yield runner
        return
    if workers <= 1:
        yield None
        return
    compile_first(planner, progress=progress)
    with WatchdogPool(workers, timeout_s=timeout_s, retries=retries) as pool:
        yield pool


def parallelism(executor: Runner, workers: int = 1) -> int:
    """How many tasks ``executor`` runs at once: what it says (``max_workers``, a runner's
    ``workers``), else ``workers``."""
    if executor is None:
        return 1
    says = getattr(executor, "workers", None) or getattr(executor, "_max_workers", 0)
    return max(1, int(says or 0), workers)


def batch_size(n_items: int, workers: int) -> int:
    """Items per batch: :data:`BATCHES_PER_WORKER` batches per worker, at least one item."""
    return max(1, math.ceil(n_items / (BATCHES_PER_WORKER * max(1, workers))))


def chunked(items: Sequence[T], size: int) -> list[tuple[T, ...]]:
    """``items`` cut into consecutive tuples of ``size`` (the last one may be shorter)."""
    return [tuple(items[i : i + size]) for i in range(0, len(items), max(1, size))]


def _run_batch_task(task: tuple[Callable[[T], R], Sequence[T]]) -> list[R]:
    return run_batch(*task)


def run_items(
    func: Callable[[T], R],
    items: Sequence[T],
    executor: Runner = None,
    *,
    workers: int = 1,
    on_done: Callable[[int, R | Failed], None] | None = None,
    on_incident: Callable[[Incident], None] | None = None,
) -> list[R | Failed]:
    """``[func(item) for item in items]`` on ``executor``, in batches; results in item order.

    Args:
        func: a module-level function (it is pickled by reference).
        items: picklable items; those of a batch are pickled together, so items that share
            an object (a library's contents) send it once per batch.
        executor: where to run them (see :func:`executor_scope`); ``None`` runs them here.
        workers: how many items the executor runs at once, if it does not say itself.
        on_done: called with (item index, result) as each item (or batch) finishes.
        on_incident: called for every worker that died or hung (runners only).

    Returns:
        The results; with a runner, :class:`~.failures.Failed` for an item whose worker
        died or hung on every attempt.

    Raises:
        Exception: the first item's exception.
    """
    if executor is None:
        results: list[R | Failed] = []
        for index, item in enumerate(items):
            results.append(func(item))
            if on_done is not None:
                on_done(index, results[-1])
        return results
    size = batch_size(len(items), parallelism(executor, workers))
    if isinstance(executor, ItemRunner):
        return executor.run_items(func, items, size, on_done, on_incident)
    starts = range(0, len(items), size)

    def batch_done(batch: int, out: list[R]) -> None:
        for offset, result in enumerate(out):
            on_done(starts[batch] + offset, result)  # type: ignore[misc]

    tasks = [(func, tuple(items[i : i + size])) for i in starts]
    done = run_tasks(_run_batch_task, tasks, executor, batch_done if on_done else None)
    return [result for batch in done for result in batch]


def run_tasks(
    func: Callable[[T], R],
    tasks: Sequence[T],
    executor: Executor | None = None,
    on_done: Callable[[int, R], None] | None = None,
) -> list[R]:
    """``[func(task) for task in tasks]`` on a ``concurrent.futures.Executor`` when given;
    results in task order (no watchdog: use :func:`run_items` with a runner for that).

    Args:
        func: a module-level function (it is pickled by reference).
        tasks: picklable tasks.
        executor: where to run them; ``None`` runs them here, one after another.
        on_done: called with (task index, result) as each task finishes (in finishing order).

    Raises:
        Exception: the first task's failure, after the tasks not started are cancelled.
    """
    if executor is None:
        results = []
        for index, task in enumerate(tasks):
            results.append(func(task))
            if on_done is not None:
                on_done(index, results[-1])
        return results
    futures: dict[Future[R], int] = {executor.submit(func, task): i for i, task in enumerate(tasks)}
    placed: list[R | None] = [None] * len(tasks)
    try:
        for future in as_completed(futures):
            index = futures[future]
            placed[index] = future.result()
            if on_done is not None:
                on_done(index, placed[index])  # type: ignore[arg-type]
    except BaseException:
        for future in futures:
            future.cancel()
        raise
    return placed  # type: ignore[return-value]
