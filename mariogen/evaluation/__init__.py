"""Evaluation: play levels with agents and score them, in this process or on any executor.

This package sits above :mod:`mariogen.metrics` and :mod:`mariogen.agents` and below
:mod:`mariogen.generator` and :mod:`mariogen.cli`; both of those score levels through it.

- :mod:`.jobs`: :class:`PlayJob` (level *text*, agent, seed, start mode, time limit; never
  a path) and :func:`run_play` / :func:`run_plays`;
- :mod:`.scoring`: "play what these metrics need, then score": :func:`metric_values` and
  :func:`score_level`; the placeholder :data:`mariogen.metrics.AGENT` is the tester;
- :mod:`.parallel`: the executor seam: :func:`run_tasks` on any
  ``concurrent.futures.Executor`` (a spawn pool for ``workers=N``, a dask client's
  ``get_executor()``), in batches, results by index;
- :mod:`.library`: :class:`LibraryContents`, a segment library as picklable text, parsed
  once per process;
- :mod:`.table`: the tidy-table evaluator :func:`evaluate` behind ``mariogen evaluate``.
"""

from mariogen.evaluation.jobs import PlayJob, run_play, run_play_batch, run_plays
from mariogen.evaluation.library import LibraryContents
from mariogen.evaluation.parallel import (
    batch_size,
    chunked,
    executor_scope,
    parallelism,
    process_pool,
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

__all__ = [
    "COLUMNS",
    "LibraryContents",
    "PlayJob",
    "TableResult",
    "agent_problem",
    "batch_size",
    "chunked",
    "direction_sign",
    "evaluate",
    "executor_scope",
    "metric_value",
    "metric_values",
    "named_needs",
    "parallelism",
    "personas_needed",
    "plan",
    "process_pool",
    "reads_tester",
    "run_play",
    "run_play_batch",
    "run_plays",
    "run_tasks",
    "score_level",
    "weighted_metrics",
    "wide",
]
