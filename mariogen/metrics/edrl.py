"""EDRL's fun and historical deviation over consecutive level segments, and behaviour fun.

EDRL (Shu, Liu & Yannakakis 2021) scores a level made of consecutive segments by how much
each segment diverges from the ones before it. Fun follows Koster's theory: a divergence
inside a band [lower, upper] is fun (0), outside it is penalised quadratically. Here the
level is cut into consecutive segments of ``segment_width`` columns (a last, narrower piece
is dropped) and the divergence of two segments is the tile-pattern KL divergence of
:mod:`mariogen.metrics.divergence`. Behaviour fun applies the same band to the agent's
button histograms in consecutive segments (Jensen-Shannon divergence).

The default bands were calibrated on the 15 original levels of the Mario AI Framework
(``shared/levels/original``, not shipped): lower, upper = mean -/+ one standard deviation
of the per-segment mean divergence, computed by :func:`calibrate_band` with the default
parameters (83 segments); for behaviour fun, over the plays of the runner, collector and
killer personas (seed 0, small Mario, 20 s) of those levels (209 segments).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from mariogen.level import Level
from mariogen.metrics import grid
from mariogen.metrics.base import AGENT, BaseMetric, Direction, Kind
from mariogen.metrics.divergence import (
    DEFAULT_EPSILON,
    js_divergence,
    kl_divergence,
    pattern_counts,
)
from mariogen.metrics.registry import register_metric

if TYPE_CHECKING:
    from mariogen.agents import PlayResult

SHU_2021 = (
    "Shu, Liu & Yannakakis 2021, Experience-driven PCG via reinforcement learning: a Super "
    "Mario Bros study (CoG)"
)
ZHANG_2022 = (
    "Zhang, Bai & Liu 2022, Generating game levels of diverse behaviour engagement (CoG); "
    "fun band after Shu, Liu & Yannakakis 2021"
)
#: Pixels per tile.
TILE_PX = 16
#: Distinct button combinations (5 buttons).
BUTTON_COMBOS = 32
#: Calibrated default bands (see the module docstring).
CONTENT_BAND = (0.52, 1.90)
BEHAVIOUR_BAND = (0.02, 0.19)


def koster(d: float, lower: float, upper: float) -> float:
    """Koster's fun of a divergence: 0 inside [lower, upper], minus the squared distance
    to the band outside it."""
    if d > upper:
        return -((d - upper) ** 2)
    if d < lower:
        return -((lower - d) ** 2)
    return 0.0


def segment_rows(level: Level, width: int) -> list[list[str]]:
    """The level's consecutive full segments of ``width`` columns (canonical text rows)."""
    rows = grid.canonical_rows(level)
    return [[r[s : s + width] for r in rows] for s in range(0, level.width - width + 1, width)]


def divergence_matrix(level: Level, width: int, size: int, epsilon: float) -> np.ndarray:
    """``D[t, i] = KL(segment t || segment i)`` of the tile-pattern counts."""
    counts = [pattern_counts(seg, size) for seg in segment_rows(level, width)]
    n = len(counts)
    out = np.zeros((n, n))
    for t in range(n):
        for i in range(t):
            out[t, i] = kl_divergence(counts[t], counts[i], epsilon)
    return out


def mean_recent(d: np.ndarray, t: int, window: int) -> float:
    """Mean of ``d[t, t-1] ... d[t, t-window]`` (as many as exist)."""
    return float(np.mean([d[t, t - i] for i in range(1, min(window, t) + 1)]))


class SegmentMetric(BaseMetric):
    """Shared parameters and checks of the segment metrics."""

    kind = Kind.CONTENT
    PARAMS: ClassVar[dict[str, Any]] = {"segment_width": 28, "size": 2, "epsilon": DEFAULT_EPSILON}

    def check_params(self) -> None:
        for key in ("segment_width", "size", "window", "history", "nearest"):
            if key in self.params:
                value = self.params[key]
                if not isinstance(value, int) or value < 1:
                    raise ValueError(f"{key} must be an integer >= 1, got {value!r}")
        band = (self.params.get("lower", 0.0), self.params.get("upper", 0.0))
        if band[0] > band[1]:
            raise ValueError(f"lower must not exceed upper, got {band}")

    def matrix(self, level: Level) -> np.ndarray:
        """Segment divergences of ``level`` with this metric's parameters."""
        p = self.params
        return divergence_matrix(level, p["segment_width"], p["size"], float(p["epsilon"]))


@register_metric
class EdrlFun(SegmentMetric):
    """Koster's fun of the level's segment sequence: divergence neither too low nor too high.

    Formula: cut the level into T segments s_0..s_{T-1} of `segment_width` columns (default
    28); for t = 1..T-1, Dbar_t = mean over i = 1..min(`window`, t) of KL(s_t || s_{t-i})
    (k x k tile patterns, k = `size` = 2, smoothing eps = 1e-6 as in tpkl-v0);
    f_t = -(Dbar_t - u)^2 if Dbar_t > u, -(l - Dbar_t)^2 if Dbar_t < l, else 0; fun = mean_t
    f_t. Band [l, u] = [`lower`, `upper`] (default 0.52, 1.90); `window` defaults to 3.
    NaN for a level shorter than two segments.
    """

    name = "edrl-fun-v0"
    description = "Koster fun of consecutive segments' tile-pattern divergence (0 is best)"
    source = SHU_2021
    range = (None, 0.0)
    direction = Direction.MAXIMISE
    PARAMS: ClassVar[dict[str, Any]] = {
        **SegmentMetric.PARAMS,
        "window": 3,
        "lower": CONTENT_BAND[0],
        "upper": CONTENT_BAND[1],
    }

    def value(self, level: Level, plays: Mapping[str, PlayResult]) -> float:
        d = self.matrix(level)
        if len(d) < 2:
            return math.nan
        lo, hi, n = float(self.params["lower"]), float(self.params["upper"]), self.params["window"]
        return float(np.mean([koster(mean_recent(d, t, n), lo, hi) for t in range(1, len(d))]))


@register_metric
class EdrlHistoricalDeviation(SegmentMetric):
    """How much each segment deviates from the most similar of its predecessors.

    Formula: with segments and KL as in edrl-fun-v0, for t = 1..T-1 take the divergences
    KL(s_t || s_{t-i}) for i = 1..min(`history`, t) (default 10), keep the min(`nearest`, t)
    smallest (default 3) and average them: H_t; deviation = mean_t H_t. NaN for a level
    shorter than two segments.
    """

    name = "edrl-historical-deviation-v0"
    description = "mean divergence of each segment from its nearest predecessors"
    source = SHU_2021
    range = (0.0, None)
    direction = Direction.MAXIMISE
    PARAMS: ClassVar[dict[str, Any]] = {**SegmentMetric.PARAMS, "history": 10, "nearest": 3}

    def value(self, level: Level, plays: Mapping[str, PlayResult]) -> float:
        d = self.matrix(level)
        if len(d) < 2:
            return math.nan
        h, m = self.params["history"], self.params["nearest"]
        values = []
        for t in range(1, len(d)):
            past = np.sort([d[t, t - i] for i in range(1, min(h, t) + 1)])
            values.append(float(np.mean(past[: min(m, len(past))])))
        return float(np.mean(values))


def button_histograms(play: PlayResult, segment_width: int) -> list[np.ndarray]:
    """Histograms of the buttons pressed while Mario was in each visited segment, in order."""
    cols = np.floor(play.trajectory[:, 0].astype(np.float64) / TILE_PX).astype(np.int64)
    seg = np.maximum(cols, 0) // segment_width
    out = []
    for s in np.unique(seg):
        pressed = play.buttons[seg == s].astype(np.int64)
        out.append(np.bincount(pressed, minlength=BUTTON_COMBOS).astype(np.float64))
    return out


@register_metric
class BehaviourFun(SegmentMetric):
    """Koster's fun of the agent's behaviour across consecutive segments.

    Formula: split the agent's iterations by the segment (`segment_width` columns, default
    28) Mario is in; h_s = histogram of the 32 button combinations pressed in segment s, for
    the visited segments in order; for t >= 1, Dbar_t = mean over i = 1..min(`window`, t)
    (default 3) of JS(h_t, h_{t-i}) in bits; f_t as in edrl-fun-v0 with band [`lower`,
    `upper`] (default 0.02, 0.19); fun = mean_t f_t. NaN with fewer than two visited segments.
    """

    name = "behaviour-fun-v0"
    kind = Kind.GAMEPLAY
    NEEDS = (AGENT,)
    description = "Koster fun of the divergence of button use across consecutive segments"
    source = ZHANG_2022
    range = (None, 0.0)
    direction = Direction.MAXIMISE
    PARAMS: ClassVar[dict[str, Any]] = {
        "segment_width": 28,
        "window": 3,
        "lower": BEHAVIOUR_BAND[0],
        "upper": BEHAVIOUR_BAND[1],
    }

    def value(self, level: Level, plays: Mapping[str, PlayResult]) -> float:
        return behaviour_fun(plays[AGENT], **self.params)


def behaviour_divergences(play: PlayResult, segment_width: int, window: int) -> list[float]:
    """Dbar_t of behaviour-fun-v0 for every visited segment after the first."""
    hist = button_histograms(play, segment_width)
    return [
        float(np.mean([js_divergence(hist[t], hist[t - i]) for i in range(1, min(window, t) + 1)]))
        for t in range(1, len(hist))
    ]


def behaviour_fun(
    play: PlayResult, segment_width: int, window: int, lower: float, upper: float
) -> float:
    """behaviour-fun-v0 of one play (NaN with fewer than two visited segments)."""
    d = behaviour_divergences(play, segment_width, window)
    return float(np.mean([koster(x, lower, upper) for x in d])) if d else math.nan


def calibrate_band(values: Sequence[float]) -> tuple[float, float]:
    """A band [mean - std, mean + std] of per-segment divergences, rounded to 2 decimals."""
    arr = np.asarray(values, dtype=np.float64)
    mean, std = float(arr.mean()), float(arr.std())
    return round(max(0.0, mean - std), 2), round(mean + std, 2)
