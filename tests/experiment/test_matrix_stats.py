"""The persona matrix's tests on a hand-made table, checked against values worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from mariogen.experiment import matrix_stats
from mariogen.experiment.persona_matrix import COLUMNS, METRIC_STATISTIC


def _table() -> pd.DataFrame:
    # Metric m (no direction) with testers and players collector and killer, 3 levels each.
    # The collector's coins: 3, 4, 5 on its own levels, 1, 2, 2 on the killer's.
    # The killer's kills: 1, 1, 1 on its own levels and 1, 1, 1 on the collector's (all tied).
    rows = []
    coins = {"collector": [3, 4, 5], "killer": [1, 2, 2]}
    for tester in ("collector", "killer"):
        for seed in range(3):
            level = f"{tester}-{seed}"
            for player in ("collector", "killer"):
                stats = {
                    "coins-v0": coins[tester][seed] if player == "collector" else 0,
                    "kills-v0": 1,
                    "speed-v0": 1.0,
                    METRIC_STATISTIC: float(seed) if player == tester else 9.0,
                }
                for statistic, value in stats.items():
                    rows.append(
                        (
                            "events-per-second-v0",
                            tester,
                            seed,
                            level,
                            player,
                            statistic,
                            float(value),
                        )
                    )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def test_the_tests_match_hand_computed_values() -> None:
    tests = matrix_stats.tests(_table(), seed=0).set_index(["persona", "test"])
    coins = tests.loc[("collector", "behaviour")]
    # Every own level beats every other: U = 3 x 3 = 9. With a tie (2, 2) scipy uses the
    # normal approximation: mean 4.5, variance 9/12 x (7 - (2^3 - 2) / (6 x 5)) = 5.1, with
    # the continuity correction z = (9 - 4.5 - 0.5) / sqrt(5.1), p = 1 - Phi(z).
    z = (9 - 4.5 - 0.5) / math.sqrt(5.1)
    p = 0.5 * math.erfc(z / math.sqrt(2))
    assert coins["u"] == 9 and coins["p"] == pytest.approx(p) and coins["a12"] == 1.0
    assert coins["mean_own"] == 4.0 and coins["mean_other"] == pytest.approx(5 / 3)
    kills = tests.loc[("killer", "behaviour")]
    # All nine pairs tied: U = 4.5, A12 = 0.5, p = 1 (no evidence), CI collapsed on 0.5.
    assert kills["u"] == 4.5 and kills["a12"] == 0.5 and kills["p"] == pytest.approx(1.0)
    assert kills["a12_low"] == kills["a12_high"] == 0.5
    metric = tests.loc[("collector", "metric")]
    # The metric played by the collector: 0, 1, 2 on its levels, 9, 9, 9 on the killer's.
    assert metric["u"] == 0 and metric["a12"] == 0.0
    # Holm over the family of 4: the smallest p is multiplied by 4.
    assert coins["p_holm"] == pytest.approx(4 * p)
    assert not tests["significant"].any()


def test_matrices_and_dominance() -> None:
    table = _table()
    mean, std = matrix_stats.matrix(table, "events-per-second-v0", "coins-v0")
    assert mean.loc["collector", "collector"] == 4.0 and mean.loc["killer", "collector"] == 5 / 3
    assert std.loc["collector", "collector"] == pytest.approx(1.0)
    own = matrix_stats.own_matrix(table, "events-per-second-v0")
    assert own.loc["collector", "collector"] == 4.0 and own.loc["collector", "killer"] == 1.0
    dom = matrix_stats.dominance(table, "events-per-second-v0")
    # collector: 4 > 5/3 on its own levels; killer: 1 vs 1, a tie is not dominance.
    assert dom["own behaviour"] == 0.5
    assert dom["metric"] == 0.0  # both players score higher (9) on the other's levels
