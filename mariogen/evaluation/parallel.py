"""The executor seam: run picklable tasks on any ``concurrent.futures.Executor``.

Everything in mariogen that runs in parallel goes through :func:`run_tasks`. It takes any
:class:`concurrent.futures.Executor`: the spawn-context process pool :func:`process_pool`
builds for ``workers=N``, a thread pool, or a ``dask.distributed`` client's
``get_executor()`` for a cluster. Each task is self-contained (it carries level text or a
segment library's contents, never a local path), and results are placed by task index, so
they are the same whatever the executor, the number of workers or the order tasks finish in.

Work is sent in batches (:func:`chunked`, :func:`batch_size`): a few tasks per worker, each
holding many plays or genomes, so the per-task overhead (pickling, scheduling) stays small.
"""

from __future__ import annotations

import math
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Batches per worker: enough to balance uneven plays, few enough to keep overhead small.
BATCHES_PER_WORKER = 4


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes started with ``spawn`` (safe on every platform)."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


@contextmanager
def executor_scope(executor: Executor | None, workers: int) -> Iterator[Executor | None]:
    """The executor to use: ``executor`` (never shut down here), else a pool of ``workers``.

    Args:
        executor: an executor the caller owns, or ``None``.
        workers: processes of the pool built when ``executor`` is ``None``; 1 or fewer
            yields ``None`` (run in this process).

    Yields:
        The executor, or ``None`` for "run in this process". A pool built here is shut down
        on leaving: after its tasks finish, or at once (pending tasks cancelled) on an error.
    """
    if executor is not None:
        yield executor
        return
    if workers <= 1:
        yield None
        return
    pool = process_pool(workers)
    try:
        yield pool
    except BaseException:  # Ctrl-C or a failed task: drop the tasks not started
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def parallelism(executor: Executor | None, workers: int = 1) -> int:
    """How many tasks ``executor`` runs at once: its ``max_workers`` if it says, else ``workers``.

    ``concurrent.futures`` pools say; for others (a dask client's executor) pass ``workers``.
    """
    if executor is None:
        return 1
    return max(1, int(getattr(executor, "_max_workers", 0) or 0), workers)


def batch_size(n_items: int, workers: int) -> int:
    """Items per batch: :data:`BATCHES_PER_WORKER` batches per worker, at least one item."""
    return max(1, math.ceil(n_items / (BATCHES_PER_WORKER * max(1, workers))))


def chunked(items: Sequence[T], size: int) -> list[tuple[T, ...]]:
    """``items`` cut into consecutive tuples of ``size`` (the last one may be shorter)."""
    return [tuple(items[i : i + size]) for i in range(0, len(items), max(1, size))]


def run_tasks(
    func: Callable[[T], R],
    tasks: Sequence[T],
    executor: Executor | None = None,
    on_done: Callable[[int, R], None] | None = None,
) -> list[R]:
    """``[func(task) for task in tasks]``, on ``executor`` when given; results in task order.

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
