"""The persona matrix's statistics: tester x player matrices and the tests of the claim.

For each metric and each persona P that is both a tester and a player, two one-sided
Mann-Whitney U tests (:mod:`mariogen.analysis`), each with Vargha-Delaney A12 and a seeded
bootstrap 95% interval:

- **behaviour**: P's own behaviour (:func:`~mariogen.experiment.behaviour.own_behaviour`:
  coins, kills, speed), played by P, is larger on levels generated with P as tester than
  on levels generated with the other testers;
- **metric**: the metric itself, played by P, is better (its direction) on P's levels.

Holm's correction runs over the whole family (every metric, persona and test); an effect
counts when its corrected p is below :data:`ALPHA`. A diagonal-dominance index summarises
each matrix: the share of players who show the most of the statistic on their own levels.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from mariogen.analysis import compare, diagonal_dominance, holm
from mariogen.experiment.behaviour import better_sign, own_behaviour
from mariogen.experiment.persona_matrix import METRIC_STATISTIC

#: The significance level of the verdicts (Holm-corrected).
ALPHA = 0.01
#: The columns of the tests table.
TEST_COLUMNS = (
    "metric",
    "persona",
    "test",
    "statistic",
    "n_own",
    "n_other",
    "mean_own",
    "mean_other",
    "u",
    "p",
    "p_holm",
    "a12",
    "a12_low",
    "a12_high",
    "significant",
)


#: The columns added after every test has run.
_LATER = ("p_holm", "significant")


def matrix(table: pd.DataFrame, metric: str, statistic: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Mean and standard deviation of ``statistic`` by tester (rows) and player (columns)."""
    rows = table[(table["metric"] == metric) & (table["statistic"] == statistic)]
    grouped = rows.groupby(["tester", "player"], sort=False)["value"]
    testers = list(dict.fromkeys(rows["tester"]))
    players = list(dict.fromkeys(rows["player"]))
    mean = grouped.mean().unstack().reindex(index=testers, columns=players)
    std = grouped.std(ddof=1).unstack().reindex(index=testers, columns=players)
    return mean, std


def own_matrix(table: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Mean of each player's own behaviour by tester: column P holds P's behaviour (coins
    for the collector, ...) on each tester's levels."""
    columns = {}
    for player in dict.fromkeys(table["player"]):
        mean, _ = matrix(table, metric, own_behaviour(player))
        columns[player] = mean[player]
    return pd.DataFrame(columns)


def dominance(table: pd.DataFrame, metric: str) -> dict[str, float]:
    """Diagonal-dominance indices of the metric's own-behaviour and metric matrices (square
    part: personas that are testers and players)."""
    both = [p for p in dict.fromkeys(table["tester"]) if p in set(table["player"])]
    own = own_matrix(table, metric).reindex(index=both, columns=both)
    mean, _ = matrix(table, metric, METRIC_STATISTIC)
    signed = better_sign(metric) * mean.reindex(index=both, columns=both)
    return {
        "own behaviour": diagonal_dominance(own.to_numpy()),
        "metric": diagonal_dominance(signed.to_numpy()),
    }


def _samples(
    table: pd.DataFrame, metric: str, persona: str, statistic: str
) -> tuple[np.ndarray, np.ndarray]:
    rows = table[
        (table["metric"] == metric)
        & (table["player"] == persona)
        & (table["statistic"] == statistic)
    ]
    own = rows[rows["tester"] == persona]["value"].dropna().to_numpy(float)
    other = rows[rows["tester"] != persona]["value"].dropna().to_numpy(float)
    return own, other


def family(table: pd.DataFrame) -> list[tuple[str, str, str, str, float]]:
    """The tests of the family, in the report's order: ``(metric, persona, test, statistic,
    sign)`` for each metric and each persona that is both a tester and a player, where
    ``sign`` turns the statistic's better direction into "larger"."""
    metrics = list(dict.fromkeys(table["metric"]))
    personas = [p for p in dict.fromkeys(table["tester"]) if p in set(table["player"])]
    out = []
    for metric in metrics:
        for persona in personas:
            behaviour = own_behaviour(persona)
            out.append((metric, persona, "behaviour", behaviour, better_sign(behaviour)))
            out.append((metric, persona, "metric", METRIC_STATISTIC, better_sign(metric)))
    return out


def tests(table: pd.DataFrame, seed: int = 0) -> pd.DataFrame:
    """Every test of the family, Holm-corrected (see the module docstring)."""
    rng = np.random.default_rng(seed)
    records = []
    for metric, persona, test, statistic, sign in family(table):
        own, other = _samples(table, metric, persona, statistic)
        records.append(_test(metric, persona, test, statistic, sign, own, other, rng))
    out = pd.DataFrame(records, columns=[c for c in TEST_COLUMNS if c not in _LATER])
    valid = out["p"].notna()
    out["p_holm"] = np.nan
    if valid.any():
        out.loc[valid, "p_holm"] = holm(out.loc[valid, "p"].tolist())
    out["significant"] = out["p_holm"] < ALPHA
    return out[list(TEST_COLUMNS)]


def _test(
    metric: str,
    persona: str,
    test: str,
    statistic: str,
    sign: float,
    own: Sequence[float],
    other: Sequence[float],
    rng: np.random.Generator,
) -> dict[str, object]:
    record: dict[str, object] = {
        "metric": metric,
        "persona": persona,
        "test": test,
        "statistic": statistic,
        "n_own": len(own),
        "n_other": len(other),
        "mean_own": float(np.mean(own)) if len(own) else np.nan,
        "mean_other": float(np.mean(other)) if len(other) else np.nan,
    }
    if len(own) == 0 or len(other) == 0:
        return {
            **record,
            "u": np.nan,
            "p": np.nan,
            "a12": np.nan,
            "a12_low": np.nan,
            "a12_high": np.nan,
        }
    result = compare(sign * np.asarray(own), sign * np.asarray(other), rng)
    return {
        **record,
        "u": result.u,
        "p": result.p,
        "a12": result.a12,
        "a12_low": result.low,
        "a12_high": result.high,
    }
