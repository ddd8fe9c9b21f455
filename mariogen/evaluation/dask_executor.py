"""Evaluations on a ``dask.distributed`` cluster: :class:`DaskRunner`.

``mariogen ... --dask tcp://HOST:8786`` joins a running scheduler (started with
``dask scheduler``, workers with ``dask worker tcp://HOST:8786`` on each machine);
``--dask local`` starts a ``LocalCluster`` of worker processes, one thread each, on the
loopback interface. Either way:

- items are sent in batches (one task per batch, :func:`~.parallel.batch_size`), and only
  as many tasks are in flight as the cluster has threads, so a task starts when it is sent
  and its wall-clock deadline (``timeout_s`` per item) is measured from then;
- results are placed by item index, so they do not depend on which worker ran what;
- every worker warms numba once when it joins (:class:`WarmUp`, a worker plugin);
- tasks carry level text and library contents, never local paths: a worker needs mariogen
  installed, not this machine's files.

Worker failures: a task whose worker dies is rescheduled by the scheduler itself, up to its
``distributed.scheduler.allowed-failures`` (``--dask local`` sets 0, so that every death is
seen here); after that, and for a task past its deadline (its worker is restarted through
its nanny), a batch is split into single items, and a single item is run again up to
``retries`` times, then recorded as :class:`~.failures.Failed`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from mariogen.errors import InputError
from mariogen.evaluation.batches import LOCAL_CLUSTER, run_batch
from mariogen.evaluation.failures import RETRIES, Cause, Failed, Incident
from mariogen.evaluation.limits import DEFAULT_TIMEOUT_S

try:
    import dask
    from distributed import Client, LocalCluster, WorkerPlugin, wait
    from distributed.scheduler import KilledWorker
except ImportError:  # pragma: no cover - the optional extra is missing
    dask = None
    WorkerPlugin = object

#: Seconds to wait for a scheduler to answer.
CONNECT_TIMEOUT_S = 10.0
#: Longest wait for a task between two checks of the deadlines.
_POLL_S = 1.0
#: Seconds to wait for a restarted worker to come back.
_RESTART_TIMEOUT_S = 120.0

log = logging.getLogger(__name__)


class ClusterError(InputError):
    """``--dask`` names no reachable scheduler, or the ``dask`` extra is not installed."""


class WarmUp(WorkerPlugin):  # type: ignore[misc,valid-type]
    """A worker plugin: warm numba (:func:`~.warmup.warm_up`) once, when a worker joins."""

    name = "mariogen-warm-up"

    async def setup(self, worker: Any) -> None:
        """Warm up in a thread, so that the worker keeps answering the scheduler."""
        from mariogen.evaluation.warmup import warm_up

        await asyncio.to_thread(warm_up)


@dataclass
class _Task:
    """A batch in flight: its item indices and when it was sent."""

    indices: tuple[int, ...]
    sent: float


class DaskRunner:
    """Runs items on a ``dask.distributed`` cluster (see the module).

    Args:
        client: a connected client.
        cluster: the ``LocalCluster`` it runs on when this runner started it (closed with
            the runner), else ``None``.
        timeout_s: wall-clock seconds one item may take.
        retries: times a single item whose worker died or hung is run again.
    """

    def __init__(
        self,
        client: Any,
        cluster: Any = None,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        retries: int = RETRIES,
    ) -> None:
        self.client = client
        self.cluster = cluster
        self.timeout_s = float(timeout_s)
        self.retries = retries
        client.register_plugin(WarmUp())

    @classmethod
    def connect(
        cls,
        address: str,
        workers: int = 1,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        retries: int = RETRIES,
    ) -> DaskRunner:
        """A runner on the scheduler at ``address``, or on a new LocalCluster of ``workers``
        processes for ``"local"``.

        Raises:
            ClusterError: when dask is not installed or no scheduler answers.
        """
        if dask is None:
            raise ClusterError(
                "--dask needs dask.distributed: pip install 'mariogen[dask]' "
                "(or pip install 'dask[distributed]')"
            )
        if address == LOCAL_CLUSTER:
            with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
                cluster = LocalCluster(
                    n_workers=max(1, workers),
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address="127.0.0.1:0",
                    silence_logs=logging.ERROR,
                )
            return cls(Client(cluster), cluster, timeout_s, retries)
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(
                f"--dask {address}: no dask scheduler answered ({exc}); start one with "
                "`dask scheduler` and give its address, e.g. tcp://HOST:8786"
            ) from None
        return cls(client, None, timeout_s, retries)

    @property
    def workers(self) -> int:
        """Threads of the cluster's workers now (at least 1)."""
        return max(1, sum(self.client.nthreads().values()))

    def close(self) -> None:
        """Close the client, and the LocalCluster if this runner started it."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def run_items(
        self,
        func: Callable[[Any], Any],
        items: Sequence[Any],
        size: int,
        on_done: Callable[[int, Any], None] | None = None,
        on_incident: Callable[[Incident], None] | None = None,
    ) -> list[Any]:
        """``[func(item) for item in items]`` on the cluster, ``size`` items per task.

        Returns:
            The results in item order; :class:`~.failures.Failed` for an item that failed
            on every attempt.

        Raises:
            Exception: the first item's exception.
        """
        n = len(items)
        results: list[Any] = [None] * n
        attempts = [0] * n
        pending = deque(tuple(range(i, min(n, i + size))) for i in range(0, n, max(1, size)))
        flight: dict[Any, _Task] = {}
        slots = self.workers  # asked again after an incident (a worker may have left)

        def lost(task: _Task, cause: Cause, detail: str) -> None:
            nonlocal slots
            slots = self.workers
            if len(task.indices) > 1:  # which item was it? run each alone
                pending.extendleft((i,) for i in reversed(task.indices))
                retried = True
            else:
                (index,) = task.indices
                attempts[index] += 1
                retried = attempts[index] <= self.retries
                if retried:
                    pending.appendleft(task.indices)
                else:
                    results[index] = Failed(cause, detail, attempts[index])
                    if on_done is not None:
                        on_done(index, results[index])
            if on_incident is not None:
                on_incident(Incident(task.indices, cause, detail, retried))

        try:
            while pending or flight:
                while pending and len(flight) < slots:
                    indices = pending.popleft()
                    batch = [items[i] for i in indices]
                    future = self.client.submit(run_batch, func, batch, pure=False)
                    flight[future] = _Task(indices, time.monotonic())
                for future in self._settled(flight):
                    task = flight.pop(future)
                    if future.status == "finished":
                        for index, result in zip(task.indices, future.result(), strict=True):
                            results[index] = result
                            if on_done is not None:
                                on_done(index, result)
                        continue
                    exc = future.exception()
                    if not isinstance(exc, KilledWorker):
                        raise exc
                    lost(task, Cause.DIED, "its worker died")
                for future, task in list(flight.items()):
                    allowed = self.timeout_s * len(task.indices)
                    if time.monotonic() - task.sent > allowed:
                        del flight[future]
                        self._stop(future)
                        lost(task, Cause.HUNG, f"no result in {allowed:g} s")
        except BaseException:
            self.client.cancel(list(flight))
            raise
        return results

    def _settled(self, flight: dict[Any, _Task]) -> list[Any]:
        """The tasks finished or failed, after waiting up to the nearest deadline."""
        if not flight:
            return []
        nearest = min(t.sent + self.timeout_s * len(t.indices) for t in flight.values())
        timeout = max(0.05, min(_POLL_S, nearest - time.monotonic()))
        with contextlib.suppress(TimeoutError):
            wait(list(flight), timeout=timeout, return_when="FIRST_COMPLETED")
        return [f for f in flight if f.status in ("finished", "error")]

    def _stop(self, future: Any) -> None:
        """Cancel a hung task and restart the worker running it (through its nanny)."""
        where = [w for w, keys in self.client.processing().items() if future.key in keys]
        self.client.cancel([future])
        if not where:
            return
        try:
            self.client.restart_workers(where, timeout=_RESTART_TIMEOUT_S)
        except Exception as exc:  # a worker without a nanny cannot be restarted
            log.warning("could not restart hung dask worker %s: %s", where, exc)
