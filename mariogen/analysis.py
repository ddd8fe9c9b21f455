"""Statistics for persona experiments: one-sided Mann-Whitney U, Holm's correction,
Vargha-Delaney A12 with a bootstrap confidence interval, and a diagonal-dominance index.

The persona-matrix question is one-sided: "do levels generated with persona P as tester
elicit *more* P-behaviour from P than levels generated with the other testers?". So
:func:`mann_whitney_greater` tests ``x > y`` (scipy's ``mannwhitneyu``, two-sided ties
corrected, exact where scipy chooses it), :func:`holm` controls the family-wise error over
every test of an experiment, and :func:`a12` says how large the effect is: the probability
that a value drawn from ``x`` exceeds one drawn from ``y``, ties counting half (0.5: no
effect; Vargha & Delaney 2000 call 0.56, 0.64 and 0.71 small, medium and large).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

#: Bootstrap resamples of :func:`a12_interval`.
BOOTSTRAP_RESAMPLES = 2000


@dataclass(frozen=True)
class Comparison:
    """A one-sided comparison of two samples (``x`` greater than ``y``?).

    Attributes:
        u: the Mann-Whitney U statistic of ``x``.
        p: the one-sided p-value (before any correction).
        a12: Vargha-Delaney A12 of ``x`` over ``y``.
        low, high: the bootstrap confidence interval of ``a12``.
    """

    u: float
    p: float
    a12: float
    low: float
    high: float


def mann_whitney_greater(x: Sequence[float], y: Sequence[float]) -> tuple[float, float]:
    """U of ``x`` and the one-sided p-value of "``x`` tends to be greater than ``y``".

    Raises:
        ValueError: for an empty sample.
    """
    if len(x) == 0 or len(y) == 0:
        raise ValueError("both samples need at least one value")
    result = stats.mannwhitneyu(np.asarray(x, float), np.asarray(y, float), alternative="greater")
    return float(result.statistic), float(result.pvalue)


def a12(x: Sequence[float], y: Sequence[float]) -> float:
    """Vargha-Delaney A12: P(X > Y) + 0.5 P(X = Y) over all pairs.

    Raises:
        ValueError: for an empty sample.
    """
    if len(x) == 0 or len(y) == 0:
        raise ValueError("both samples need at least one value")
    xs, ys = np.asarray(x, float)[:, None], np.asarray(y, float)[None, :]
    return float((np.sum(xs > ys) + 0.5 * np.sum(xs == ys)) / (xs.size * ys.size))


def a12_interval(
    x: Sequence[float],
    y: Sequence[float],
    rng: np.random.Generator,
    level: float = 0.95,
    resamples: int = BOOTSTRAP_RESAMPLES,
) -> tuple[float, float]:
    """A percentile bootstrap confidence interval of :func:`a12` (each sample resampled
    with replacement; every draw from ``rng``, so a seed gives the same interval)."""
    xs, ys = np.asarray(x, float), np.asarray(y, float)
    values = np.empty(resamples)
    for i in range(resamples):
        values[i] = a12(rng.choice(xs, xs.size), rng.choice(ys, ys.size))
    tail = (1.0 - level) / 2.0
    return float(np.quantile(values, tail)), float(np.quantile(values, 1.0 - tail))


def compare(x: Sequence[float], y: Sequence[float], rng: np.random.Generator) -> Comparison:
    """The one-sided test, A12 and its 95% interval of ``x`` over ``y``."""
    u, p = mann_whitney_greater(x, y)
    low, high = a12_interval(x, y, rng)
    return Comparison(u, p, a12(x, y), low, high)


def holm(pvalues: Sequence[float]) -> list[float]:
    """Holm's step-down adjusted p-values, in the input order (each at most 1).

    The i-th smallest p-value is multiplied by ``m - i`` (i from 0), and the adjusted values
    are made non-decreasing in that order; reject where the adjusted value is below alpha.
    """
    p = np.asarray(pvalues, float)
    order = np.argsort(p, kind="stable")
    m = p.size
    adjusted = np.empty(m)
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[index]))
        adjusted[index] = running
    return adjusted.tolist()


def diagonal_dominance(matrix: Sequence[Sequence[float]]) -> float:
    """The share of columns whose diagonal entry is strictly the largest of the column.

    For a tester x player matrix of a behaviour, column j is player j: 1.0 means every
    persona shows the most of the behaviour on levels generated with itself as tester.

    Raises:
        ValueError: for a matrix that is not square.
    """
    m = np.asarray(matrix, float)
    if m.ndim != 2 or m.shape[0] != m.shape[1] or m.size == 0:
        raise ValueError(f"a diagonal-dominance index needs a square matrix, not {m.shape}")
    wins = [
        m[j, j] > np.delete(m[:, j], j).max() if m.shape[0] > 1 else True for j in range(len(m))
    ]
    return float(np.mean(wins))
