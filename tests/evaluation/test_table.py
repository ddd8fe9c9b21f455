"""The tidy-table evaluator with real plays: any executor gives the same table."""

from __future__ import annotations

import math
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pandas as pd

from mariogen.evaluation import COLUMNS, evaluate, wide
from mariogen.level import Level
from mariogen.metrics import make_metric

FAST = {"seed": 7, "time_limit_s": 3, "progress": False}
METRICS = ("completion-v0", "jumps-v0", "leniency-v0", "air-time-v0")


def _levels(paths: list[Path]) -> list[Level]:
    return [Level.read(p) for p in paths]


def test_an_executor_gives_the_table_of_one_process(example_levels: list[Path]) -> None:
    levels = _levels(example_levels)
    agents = ["run-right", "random"]
    metrics = [make_metric(name) for name in METRICS]
    here = evaluate(levels, agents, metrics, **FAST)
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=spawn) as pool:
        there = evaluate(levels, agents, metrics, executor=pool, **FAST)
    with ThreadPoolExecutor(3) as threads:
        threaded = evaluate(levels, agents, metrics, executor=threads, **FAST)
    pd.testing.assert_frame_equal(here.table, there.table)
    pd.testing.assert_frame_equal(here.table, threaded.table)
    assert list(here.table.columns) == list(COLUMNS)
    assert len(here.table) == len(levels) * len(agents) * len(metrics)
    assert set(here.plays) == set(there.plays)
    for key, play in here.plays.items():
        assert (play.buttons == there.plays[key].buttons).all()
        assert play.stats == there.plays[key].stats


def test_shared_values_repeat_and_missing_personas_are_nan(example_levels: list[Path]) -> None:
    levels = _levels(example_levels[:1])
    ghostly = make_metric("behaviour-divergence-v0", first="ghost", second="run-right")
    metrics = [make_metric("leniency-v0"), ghostly]
    result = evaluate(levels, ["run-right", "do-nothing"], metrics, **FAST)
    table = wide(result.table)
    assert table["leniency-v0"].nunique() == 1
    assert all(math.isnan(v) for v in table["behaviour-divergence-v0"])
    assert "ghost" in result.skipped["behaviour-divergence-v0"]
    assert set(result.plays) == {(0, "run-right"), (0, "do-nothing")}
