"""What experiments measure of a play: behaviour statistics named by registered metrics.

Every statistic an experiment tabulates is a registered metric's value, so its definition
lives in one place (``mariogen metrics``). A persona's *own* behaviour is the first metric of
its card's ``[generator] metric`` (collector: ``coins-v0``, killer: ``kills-v0``, runner:
``speed-v0``): the thing the persona plays for.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from mariogen.agents import PlayResult, play
from mariogen.evaluation.scoring import metric_values
from mariogen.generator.settings import default_metrics
from mariogen.level import Level
from mariogen.metrics import make_metric

#: The behaviour statistics of every play (metric names).
BEHAVIOURS: tuple[str, ...] = (
    "coins-v0",
    "kills-v0",
    "speed-v0",
    "time-taken-v0",
    "completion-v0",
    "events-per-second-v0",
)


def own_behaviour(persona: str) -> str:
    """The metric a persona plays for: the first metric of its card's ``[generator]``."""
    return default_metrics(persona)[0][0]


def better_sign(metric_name: str) -> float:
    """+1 when a larger value of the metric is better (or it has no direction), -1 when a
    smaller one is."""
    direction = str(getattr(make_metric(metric_name), "direction", "maximise"))
    return -1.0 if direction == "minimise" else 1.0


class LevelPlays:
    """Plays of one level made on first use and kept (a metric may need a persona's weak
    variant besides the player).

    Args:
        level: the level.
        seed: the seed of every agent.
        start_mode: Mario's start mode.
        time_limit_s: the time limit of every play.
    """

    def __init__(self, level: Level, seed: int, start_mode: int, time_limit_s: float) -> None:
        self.level = level
        self.seed = seed
        self.start_mode = start_mode
        self.time_limit_s = time_limit_s
        self.plays: dict[str, PlayResult] = {}

    def get(self, persona: str) -> PlayResult:
        """The play of ``persona`` (played now if not yet)."""
        if persona not in self.plays:
            self.plays[persona] = play(
                persona, self.level, self.start_mode, self.time_limit_s, seed=self.seed
            )
        return self.plays[persona]

    def values(self, player: str, metric_names: Sequence[str]) -> dict[str, float]:
        """Each metric's value for ``player`` (NaN stays NaN)."""
        metrics = [make_metric(name) for name in metric_names]
        values = metric_values(self.level, player, metrics, self.get)
        return {name: float(v) for name, v in zip(metric_names, values, strict=True)}


def finite_or_nan(value: float) -> float:
    """``value`` if finite, else NaN (infinities are not averaged)."""
    return value if math.isfinite(value) else math.nan
