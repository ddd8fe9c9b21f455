"""The tidy table: play each level with each agent, compute every metric, one row per value.

The table has one row per (level, agent, metric): columns ``level, agent, metric, value``.
Content metrics, and gameplay metrics of named personas (e.g. ``ability-gap-v0``), do not
depend on the evaluated agent; their value is computed once per level and repeated on every
agent's row, so that the table always has levels x agents x metrics rows.

Plays run through the executor seam (:func:`~mariogen.evaluation.jobs.run_plays`): in this
process, in a pool of ``workers`` processes, on a Dask cluster or on any executor given.
Each play is seeded with the same seed and results are placed by job index, so the table is
the same whatever runs the plays. Metrics are computed here, with
:func:`~.scoring.metric_values`. A play whose worker died or hung on every attempt is left
out (:attr:`TableResult.failed`), and the metrics that read it are NaN for its level.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from mariogen.agents import PlayResult, make_agent
from mariogen.agents.personas import PersonaCardError, weak_variant
from mariogen.evaluation.failures import Failed
from mariogen.evaluation.jobs import PlayJob, run_plays
from mariogen.evaluation.parallel import Runner
from mariogen.evaluation.scoring import metric_values, named_needs, reads_tester, resolve_need
from mariogen.level import Level
from mariogen.metrics import AGENT_WEAK, Metric
from mariogen.replay import DEFAULT_TIME_LIMIT_S

#: Columns of the tidy table.
COLUMNS = ("level", "agent", "metric", "value")


@dataclass
class TableResult:
    """The outcome of :func:`evaluate`.

    Attributes:
        table: the tidy table (``level, agent, metric, value``).
        plays: every play, keyed by (level index, agent name).
        skipped: metric name -> why its values are NaN (a needed agent is unavailable).
        failed: (level index, agent name) -> why that play failed (its worker died or hung
            on every attempt); the metrics that read it are NaN for that level.
    """

    table: pd.DataFrame
    plays: dict[tuple[int, str], PlayResult] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    failed: dict[tuple[int, str], str] = field(default_factory=dict)


def agent_problem(name: str, seed: int) -> str | None:
    """Why agent ``name`` cannot be built (unknown, or its planner is missing), or None."""
    try:
        make_agent(name, seed=seed)
    except (KeyError, ValueError) as exc:
        return str(exc.args[0] if exc.args else exc)
    return None


def plan(n_levels: int, agents: Sequence[str], extra: Sequence[str]) -> list[tuple[int, str]]:
    """The (level index, agent) pairs to play: every agent, then the extra personas."""
    names = list(dict.fromkeys([*agents, *extra]))
    return [(i, name) for i in range(n_levels) for name in names]


def evaluate(
    levels: Sequence[Level],
    agents: Sequence[str],
    metrics: Sequence[Metric],
    *,
    seed: int = 0,
    mode: int | str = 0,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    workers: int = 1,
    executor: Runner = None,
    progress: bool | None = None,
    unavailable: Callable[[str, int], str | None] = agent_problem,
) -> TableResult:
    """Play every level with every agent (and the personas the metrics name) and score it.

    Args:
        levels: the levels.
        agents: the agents (registered names) to evaluate.
        metrics: the metrics to compute.
        seed: the seed every agent is made with.
        mode: Mario's start mode.
        time_limit_s: the time limit of every play.
        workers: processes playing in parallel when no executor is given (1: play here).
        executor: any executor or runner to play on (:func:`~.parallel.executor_scope`;
            not shut down here).
        progress: show a tqdm progress bar (None: only on a terminal).
        unavailable: tells why a named persona cannot be built (None if it can).

    Returns:
        The tidy table, the plays, the metrics skipped (NaN) for unavailable personas, and
        the plays that failed (their worker died or hung on every attempt).
    """
    weak_of = _weak_variants(agents, metrics)
    named = {n for m in metrics for n in named_needs(m)} | {w for w in weak_of.values() if w}
    extra = sorted(named - set(agents))
    problems = {name: unavailable(name, seed) for name in extra}
    missing = {name: why for name, why in problems.items() if why}
    skipped = _skipped(metrics, missing)
    pairs = plan(len(levels), agents, [n for n in extra if n not in missing])
    jobs = [PlayJob.of(levels[i], name, seed, mode, time_limit_s) for i, name in pairs]
    results = run_plays(jobs, workers=workers, progress=progress, executor=executor)
    failed = {pair: str(r) for pair, r in zip(pairs, results, strict=True) if isinstance(r, Failed)}
    plays = {pair: r for pair, r in zip(pairs, results, strict=True) if pair not in failed}
    rows = []
    for i, level in enumerate(levels):
        shared = {j: math.nan for j, m in enumerate(metrics) if m.name in skipped}

        def get_play(name: str, index: int = i) -> PlayResult:
            return plays[(index, name)]

        for agent in agents:
            own = dict(shared)
            if weak_of and not weak_of.get(agent):  # no weak variant: NaN for those metrics
                own.update({j: math.nan for j, m in enumerate(metrics) if AGENT_WEAK in m.needs})
            own.update(_reading_failed(metrics, agent, {n for k, n in failed if k == i}, own))
            values = metric_values(level, agent, metrics, get_play, own)
            for j, m in enumerate(metrics):
                if j in own and not reads_tester(m):
                    shared.setdefault(j, own[j])
            rows += [(level.name, agent, m.name, v) for m, v in zip(metrics, values, strict=True)]
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    return TableResult(table, plays, skipped, failed)


def _reading_failed(
    metrics: Sequence[Metric], tester: str, failed: set[str], known: dict[int, float]
) -> dict[int, float]:
    """NaN for each metric (by index, not in ``known``) that reads a play that failed."""
    if not failed:
        return {}
    return {
        j: math.nan
        for j, m in enumerate(metrics)
        if j not in known and any(resolve_need(n, tester) in failed for n in m.needs)
    }


def _weak_variants(agents: Sequence[str], metrics: Sequence[Metric]) -> dict[str, str]:
    """Each agent's weak variant ("" for none) when a metric reads it (:data:`AGENT_WEAK`);
    empty when no metric does."""
    if not any(AGENT_WEAK in m.needs for m in metrics):
        return {}
    out = {}
    for agent in agents:
        try:
            out[agent] = weak_variant(agent)
        except PersonaCardError:
            out[agent] = ""
    return out


def _skipped(metrics: Sequence[Metric], missing: dict[str, str]) -> dict[str, str]:
    """Metric name -> why it is NaN, for the metrics that need a missing persona."""
    out = {}
    for m in metrics:
        absent = [n for n in named_needs(m) if n in missing]
        if absent:
            out[m.name] = f"needs {', '.join(absent)}: " + "; ".join(missing[n] for n in absent)
    return out


def wide(table: pd.DataFrame) -> pd.DataFrame:
    """The tidy table pivoted: one row per (level, agent), one column per metric, in order."""
    out = table.pivot(index=["level", "agent"], columns="metric", values="value")
    out = out.reindex(columns=list(dict.fromkeys(table["metric"])))
    order = list(dict.fromkeys(zip(table["level"], table["agent"], strict=True)))
    out = out.reindex(pd.MultiIndex.from_tuples(order, names=["level", "agent"]))
    out.columns.name = None
    return out.reset_index()
