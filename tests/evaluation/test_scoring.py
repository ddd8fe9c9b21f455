"""Needs resolution and scoring with real plays: AGENT is the tester, named personas as named."""

from __future__ import annotations

import math
from pathlib import Path

from mariogen.agents import PlayResult, play
from mariogen.evaluation import (
    metric_values,
    named_needs,
    personas_needed,
    reads_tester,
    score_level,
    weighted_metrics,
)
from mariogen.level import Level
from mariogen.metrics import AGENT, make_metric


def test_agent_is_the_tester_and_named_personas_are_played_as_named(
    example_levels: list[Path],
) -> None:
    level = Level.read(example_levels[0])
    coins = make_metric("coins-v0")
    divergence = make_metric("behaviour-divergence-v0", first="run-right", second="do-nothing")
    content = make_metric("leniency-v0")
    assert coins.needs == (AGENT,) and reads_tester(coins) and named_needs(coins) == ()
    assert not reads_tester(divergence) and named_needs(divergence) == ("run-right", "do-nothing")
    assert personas_needed([coins, divergence, content], "random") == [
        "random",
        "run-right",
        "do-nothing",
    ]
    asked: list[str] = []
    plays: dict[str, PlayResult] = {}

    def get_play(name: str) -> PlayResult:
        asked.append(name)
        if name not in plays:
            plays[name] = play(name, level, time_limit_s=3, seed=0)
        return plays[name]

    shared: dict[int, float] = {}
    metrics = [coins, divergence, content]
    first = metric_values(level, "run-right", metrics, get_play, shared)
    assert asked == ["run-right", "run-right", "do-nothing"]
    assert set(shared) == {1, 2}  # the tester-independent ones
    second = metric_values(level, "do-nothing", metrics, get_play, shared)
    assert asked[3:] == ["do-nothing"]  # only coins-v0 is computed again
    assert first[0] == plays["run-right"].result.coins and second[0] == 0.0
    assert first[1:] == second[1:]


def test_score_is_the_signed_weighted_sum_and_non_finite_counts_zero(
    example_levels: list[Path],
) -> None:
    level = Level.read(example_levels[0])
    runner_play = play("run-right", level, time_limit_s=3, seed=0)
    nan_metric = make_metric(lambda lv, p: math.nan, name="nan-v0", needs=(AGENT,))
    metrics = (
        *weighted_metrics((("coins-v0", 2.0), ("time-taken-v0", 0.5))),
        (nan_metric, 3.0),
    )
    total = score_level(level, "run-right", metrics, lambda name: runner_play)
    coins = runner_play.result.coins
    taken = make_metric("time-taken-v0").compute(level, {AGENT: runner_play})
    assert make_metric("time-taken-v0").direction == "none"
    assert total == 2.0 * coins + 0.5 * taken
    minimise = make_metric(lambda lv, p: 1.0, name="m-v0", needs=(), direction="minimise")
    assert score_level(level, "x", [(minimise, 2.0)], lambda name: runner_play) == -2.0
