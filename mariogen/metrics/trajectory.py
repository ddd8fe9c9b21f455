"""Behaviour divergence: dynamic time warping between two personas' trajectories."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from mariogen.jit import njit
from mariogen.level import Level
from mariogen.metrics.base import BaseMetric, Kind
from mariogen.metrics.registry import register_metric

if TYPE_CHECKING:
    from mariogen.agents import PlayResult

SAKOE_1978 = (
    "Sakoe & Chiba 1978, Dynamic programming algorithm optimization for spoken word "
    "recognition (IEEE Trans. ASSP): dynamic time warping"
)
#: Pixels per tile.
TILE_PX = 16


@njit(allocates=True)
def dtw(a: np.ndarray, b: np.ndarray) -> tuple[float, int]:
    """Dynamic time warping of two (n, 2) point sequences under the Euclidean distance.

    Returns:
        The cost of the cheapest warping path (sum of the distances of its aligned pairs)
        and that path's length (its number of aligned pairs); ``(0.0, 0)`` if either is empty.
    """
    n, m = a.shape[0], b.shape[0]
    if n == 0 or m == 0:
        return 0.0, 0
    inf = np.inf
    cost_prev = np.full(m + 1, inf)
    len_prev = np.zeros(m + 1, dtype=np.int64)
    cost_prev[0] = 0.0
    cost = np.empty(m + 1)
    length = np.empty(m + 1, dtype=np.int64)
    for i in range(1, n + 1):
        cost[0] = inf
        length[0] = 0
        ax, ay = np.float64(a[i - 1, 0]), np.float64(a[i - 1, 1])
        for j in range(1, m + 1):
            dx, dy = ax - np.float64(b[j - 1, 0]), ay - np.float64(b[j - 1, 1])
            best, steps = cost_prev[j - 1], len_prev[j - 1]  # diagonal first on ties
            if cost_prev[j] < best:
                best, steps = cost_prev[j], len_prev[j]
            if cost[j - 1] < best:
                best, steps = cost[j - 1], length[j - 1]
            cost[j] = best + np.sqrt(dx * dx + dy * dy)
            length[j] = steps + 1
        cost_prev, cost = cost, cost_prev
        len_prev, length = length, len_prev
    return cost_prev[m], len_prev[m]


def trajectory_divergence(a: np.ndarray, b: np.ndarray, level_width_tiles: int) -> float:
    """Mean distance between the DTW-aligned points of two trajectories, over the level width.

    ``DTW(a, b) / L / (16 * W)``: L the warping path's length, W the width in tiles.
    """
    total, steps = dtw(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64))
    if steps == 0:
        return 0.0
    return float(total) / steps / (TILE_PX * level_width_tiles)


@register_metric
class BehaviourDivergence(BaseMetric):
    """How differently two personas move through the level.

    Formula: divergence = DTW(T_a, T_b) / L / (16 W): T_a, T_b the (x, y) trajectories in
    pixels of personas `first` (default "runner") and `second` (default "collector"), one
    point per iteration; DTW the cost of the cheapest warping path under the Euclidean
    distance, L that path's number of aligned pairs (so DTW / L is the mean distance of
    aligned points), W the level width in tiles. 0 for identical trajectories.
    """

    name = "behaviour-divergence-v0"
    kind = Kind.GAMEPLAY
    description = "DTW distance between two personas' trajectories, per aligned point / width"
    source = SAKOE_1978
    range = (0.0, None)
    PARAMS: ClassVar[dict[str, Any]] = {"first": "runner", "second": "collector"}

    def check_params(self) -> None:
        for key in ("first", "second"):
            if not isinstance(self.params[key], str) or not self.params[key]:
                raise ValueError(f"{key} must be a persona name, got {self.params[key]!r}")
        if self.params["first"] == self.params["second"]:
            raise ValueError("first and second must be two different personas")

    @property
    def needs(self) -> tuple[str, ...]:
        return (self.params["first"], self.params["second"])

    def value(self, level: Level, plays: Mapping[str, PlayResult]) -> float:
        first, second = (plays[name] for name in self.needs)
        return trajectory_divergence(first.trajectory, second.trajectory, level.width)
