"""Evaluation: play levels with agents and score them, in this process or on any executor.

This package sits above :mod:`mariogen.metrics` and :mod:`mariogen.agents` and below
:mod:`mariogen.generator` and :mod:`mariogen.cli`; both of those score levels through it.

- :mod:`.jobs`: :class:`PlayJob` (level *text*, agent, seed, start mode, time limit; never
  a path) and :func:`run_play` / :func:`run_plays`;
- :mod:`.scoring`: "play what these metrics need, then score": :func:`metric_values` and
  :func:`score_level`; the placeholder :data:`mariogen.metrics.AGENT` is the tester;
- :mod:`.parallel`: the executor seam: :func:`executor_scope` (``workers=N``, ``dask=ADDRESS``
  or ``"local"``, or any ``concurrent.futures.Executor``) and :func:`run_items`, in
  batches, results by index;
- :mod:`.watchdog`: the local pool whose dead or hung workers are replaced
  (:class:`WatchdogPool`); :mod:`.dask_executor`: the same on a Dask cluster;
  :mod:`.failures`: :class:`Failed` and :class:`Incident`; :mod:`.limits`: the tick limit
  of a play and the wall-clock limit of an evaluation; :mod:`.warmup`: numba warm-up;
- :mod:`.library`: :class:`LibraryContents`, a segment library as picklable text, parsed
  once per process;
- :mod:`.table`: the tidy-table evaluator :func:`evaluate` behind ``mariogen evaluate``.
"""

from mariogen.evaluation.batches import LOCAL_CLUSTER
from mariogen.evaluation.failures import Cause, Failed, Incident
from mariogen.evaluation.jobs import PlayJob, run_play, run_play_batch, run_plays
from mariogen.evaluation.library import LibraryContents
from mariogen.evaluation.limits import DEFAULT_TIMEOUT_S, tick_limit
from mariogen.evaluation.parallel import (
    ItemRunner,
    Runner,
    batch_size,
    chunked,
    executor_scope,
    parallelism,
    process_pool,
    run_items,
    run_tasks,
)
from mariogen.evaluation.scoring import (
    direction_sign,
    metric_value,
    metric_values,
    named_needs,
    personas_needed,
    reads_tester,
    score_level,
    weighted_metrics,
)
from mariogen.evaluation.table import COLUMNS, TableResult, agent_problem, evaluate, plan, wide
from mariogen.evaluation.warmup import compile_first, needs_planner
from mariogen.evaluation.watchdog import WatchdogPool

__all__ = [
    "COLUMNS",
    "DEFAULT_TIMEOUT_S",
    "LOCAL_CLUSTER",
    "Cause",
    "Failed",
    "Incident",
    "ItemRunner",
    "LibraryContents",
    "PlayJob",
    "Runner",
    "TableResult",
    "WatchdogPool",
    "agent_problem",
    "batch_size",
    "chunked",
    "compile_first",
    "direction_sign",
    "evaluate",
    "executor_scope",
    "metric_value",
    "metric_values",
    "named_needs",
    "needs_planner",
    "parallelism",
    "personas_needed",
    "plan",
    "process_pool",
    "reads_tester",
    "run_items",
    "run_play",
    "run_play_batch",
    "run_plays",
    "run_tasks",
    "score_level",
    "tick_limit",
    "weighted_metrics",
    "wide",
]
