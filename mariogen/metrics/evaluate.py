"""Evaluate levels: play each with each agent, compute every metric, return one tidy table.

The table has one row per (level, agent, metric): columns ``level, agent, metric, value``.
Content metrics, and gameplay metrics of named personas (e.g. ``ability-gap-v0``), do not
depend on the evaluated agent; their value is repeated on every agent's row so that the
table always has levels x agents x metrics rows.

Plays run in a process pool (``spawn`` start method, so it is safe on every platform); each
play is seeded with the same seed, and results are placed by job index, so the table is the
same whatever the number of workers.
"""

from __future__ import annotations

import math
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field

import pandas as pd
from tqdm import tqdm

from mariogen.agents import PlayResult, make_agent, play
from mariogen.level import Level
from mariogen.metrics.base import AGENT, Kind, Metric

#: Columns of the tidy table.
COLUMNS = ("level", "agent", "metric", "value")


@dataclass(frozen=True)
class PlayJob:
    """One play to run: a level, an agent name and the play settings."""

    level: Level
    agent: str
    seed: int
    mode: int | str
    time_limit_s: float


def run_play(job: PlayJob) -> PlayResult:
    """Run one play (the worker function; module-level so that it pickles)."""
    return play(job.agent, job.level, job.mode, job.time_limit_s, record=True, seed=job.seed)


@dataclass
class Evaluation:
    """The outcome of :func:`evaluate`.

    Attributes:
        table: the tidy table (``level, agent, metric, value``).
        plays: every play, keyed by (level index, agent name).
        skipped: metric name -> why its values are NaN (a needed agent is unavailable).
    """

    table: pd.DataFrame
    plays: dict[tuple[int, str], PlayResult] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)


def named_needs(metric: Metric) -> tuple[str, ...]:
    """The persona names a metric needs besides the evaluated agent."""
    return tuple(name for name in metric.needs if name != AGENT)


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


def run_plays(
    jobs: Sequence[PlayJob], workers: int = 1, progress: bool | None = None
) -> list[PlayResult]:
    """Run the plays, in a pool of ``workers`` processes when > 1; results in job order."""
    bar = tqdm(total=len(jobs), desc="plays", unit="play", disable=progress is False)
    results: list[PlayResult | None] = [None] * len(jobs)
    try:
        if workers <= 1 or len(jobs) <= 1:
            for i, job in enumerate(jobs):
                results[i] = run_play(job)
                bar.update()
        else:
            context = multiprocessing.get_context("spawn")
            pool = ProcessPoolExecutor(min(workers, len(jobs)), mp_context=context)
            try:
                futures = {pool.submit(run_play, job): i for i, job in enumerate(jobs)}
                for future in as_completed(futures):
                    results[futures[future]] = future.result()
                    bar.update()
            except BaseException:  # Ctrl-C or a failed play: drop the plays not started
                pool.shutdown(wait=False, cancel_futures=True)
                raise
            pool.shutdown()
    finally:
        bar.close()
    return [r for r in results if r is not None]


def evaluate(
    levels: Sequence[Level],
    agents: Sequence[str],
    metrics: Sequence[Metric],
    *,
    seed: int = 0,
    mode: int | str = 0,
    time_limit_s: float = 20,
    workers: int = 1,
    progress: bool | None = None,
    unavailable: Callable[[str, int], str | None] = agent_problem,
) -> Evaluation:
    """Play every level with every agent (and the personas the metrics name) and score it.

    Args:
        levels: the levels.
        agents: the agents (registered names) to evaluate.
        metrics: the metrics to compute.
        seed: the seed every agent is made with.
        mode: Mario's start mode.
        time_limit_s: the time limit of every play.
        workers: processes playing in parallel (1: play in this process).
        progress: show a tqdm progress bar (None: only on a terminal).
        unavailable: tells why a named persona cannot be built (None if it can).

    Returns:
        The tidy table, the plays, and the metrics skipped (NaN) for unavailable personas.
    """
    extra = sorted({n for m in metrics for n in named_needs(m)} - set(agents))
    problems = {name: unavailable(name, seed) for name in extra}
    missing = {name: why for name, why in problems.items() if why}
    skipped = {
        m.name: f"needs {', '.join(n for n in named_needs(m) if n in missing)}: "
        + "; ".join(missing[n] for n in named_needs(m) if n in missing)
        for m in metrics
        if any(n in missing for n in named_needs(m))
    }
    pairs = plan(len(levels), agents, [n for n in extra if n not in missing])
    jobs = [PlayJob(levels[i], name, seed, mode, time_limit_s) for i, name in pairs]
    plays = dict(zip(pairs, run_plays(jobs, workers, progress), strict=True))
    rows = []
    for i, level in enumerate(levels):
        shared = {m.name: _shared_value(m, level, i, plays, skipped) for m in metrics}
        for agent in agents:
            for m in metrics:
                value = shared[m.name]
                if value is None:
                    value = m.compute(level, {AGENT: plays[(i, agent)]})
                rows.append((level.name, agent, m.name, float(value)))
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    return Evaluation(table, plays, skipped)


def _shared_value(
    metric: Metric,
    level: Level,
    index: int,
    plays: dict[tuple[int, str], PlayResult],
    skipped: dict[str, str],
) -> float | None:
    """The value of a metric that does not depend on the evaluated agent, else None."""
    if metric.name in skipped:
        return math.nan
    if metric.kind == Kind.CONTENT:
        return metric.compute(level, {})
    if AGENT in metric.needs:
        return None
    return metric.compute(level, {n: plays[(index, n)] for n in metric.needs})


def wide(table: pd.DataFrame) -> pd.DataFrame:
    """The tidy table pivoted: one row per (level, agent), one column per metric, in order."""
    out = table.pivot(index=["level", "agent"], columns="metric", values="value")
    out = out.reindex(columns=list(dict.fromkeys(table["metric"])))
    order = list(dict.fromkeys(zip(table["level"], table["agent"], strict=True)))
    out = out.reindex(pd.MultiIndex.from_tuples(order, names=["level", "agent"]))
    out.columns.name = None
    return out.reset_index()
