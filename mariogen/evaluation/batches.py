"""What the executors share: the task a worker receives, and the Dask local-cluster name.

A module of its own so that the Dask runner and the executor seam (which builds the runner)
both import it without importing each other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: The ``dask`` value that starts a ``LocalCluster`` instead of joining a scheduler.
LOCAL_CLUSTER = "local"


def run_batch(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``[func(item) for item in items]``: the task a worker receives."""
    return [func(item) for item in items]
