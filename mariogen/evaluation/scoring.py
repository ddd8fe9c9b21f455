"""Play what the metrics need, then score: the one path of the evaluator and the generator.

A metric's :attr:`~mariogen.metrics.Metric.needs` names the plays it reads. The placeholder
:data:`mariogen.metrics.AGENT` means *the tester*, the agent being evaluated; any other name
is a persona played on its own (``ability-gap-v0`` reads ``runner`` and ``runner-weak``).
:func:`metric_values` resolves those names for one tester and asks ``get_play`` for each
play: the tidy-table evaluator's ``get_play`` looks plays up, the generator's plays them on
first use. :func:`score_level` is the weighted sum the generator's fitness uses.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, MutableMapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from mariogen.agents.personas import weak_variant
from mariogen.level import Level
from mariogen.metrics import AGENT, AGENT_WEAK, Metric, make_metric

if TYPE_CHECKING:
    from mariogen.agents import PlayResult

#: ``get_play(persona)``: the play of ``persona`` on the level being scored.
GetPlay = Callable[[str], "PlayResult"]


#: The placeholders that stand for the tester or a persona derived from it.
TESTER_PLACEHOLDERS = (AGENT, AGENT_WEAK)


def named_needs(metric: Metric) -> tuple[str, ...]:
    """The persona names a metric needs besides the tester (:data:`AGENT`) and its weak
    variant (:data:`AGENT_WEAK`)."""
    return tuple(name for name in metric.needs if name not in TESTER_PLACEHOLDERS)


def reads_tester(metric: Metric) -> bool:
    """Whether the metric's value depends on the tester (it reads :data:`AGENT`'s play or
    :data:`AGENT_WEAK`'s)."""
    return any(name in TESTER_PLACEHOLDERS for name in metric.needs)


def resolve_need(name: str, tester: str) -> str:
    """The persona a metric's need stands for when ``tester`` is evaluated.

    Raises:
        PersonaCardError: for :data:`AGENT_WEAK` when the tester has no weak variant.
    """
    if name == AGENT:
        return tester
    if name == AGENT_WEAK:
        return weak_variant(tester)
    return name


def personas_needed(metrics: Iterable[Metric], tester: str) -> list[str]:
    """Every persona whose play the metrics read for ``tester``, in first-need order."""
    names = (resolve_need(name, tester) for m in metrics for name in m.needs)
    return list(dict.fromkeys(names))


def metric_value(metric: Metric, level: Level, tester: str, get_play: GetPlay) -> float:
    """The metric's value for ``tester`` on ``level``: its plays fetched, then computed.

    Args:
        metric: the metric.
        level: the level.
        tester: the persona :data:`AGENT` stands for.
        get_play: returns the play of a persona on ``level``.
    """
    plays = {name: get_play(resolve_need(name, tester)) for name in metric.needs}
    return float(metric.compute(level, plays))


def metric_values(
    level: Level,
    tester: str,
    metrics: Sequence[Metric],
    get_play: GetPlay,
    shared: MutableMapping[int, float] | None = None,
) -> list[float]:
    """The value of every metric for ``tester`` on ``level``, in order.

    Args:
        level: the level.
        tester: the persona :data:`AGENT` stands for.
        metrics: the metrics.
        get_play: returns the play of a persona on ``level``.
        shared: values by metric index that do not depend on the tester, reused and filled
            (pass one dict for every tester of a level; preset an index to force a value).
    """
    values = []
    for index, metric in enumerate(metrics):
        if shared is not None and index in shared:
            values.append(shared[index])
            continue
        value = metric_value(metric, level, tester, get_play)
        if shared is not None and not reads_tester(metric):
            shared[index] = value
        values.append(value)
    return values


def direction_sign(metric: Metric) -> float:
    """-1 for a metric to minimise, else +1 (so that a weight of 1 always means "better")."""
    return -1.0 if str(getattr(metric, "direction", "maximise")) == "minimise" else 1.0


def score_level(
    level: Level,
    tester: str,
    metrics_and_weights: Sequence[tuple[Metric, float]],
    get_play: GetPlay,
) -> float:
    """The tester's score: sum of weight x direction sign x value (a non-finite value is 0).

    Args:
        level: the level.
        tester: the persona :data:`AGENT` stands for.
        metrics_and_weights: ``((metric, weight), ...)``.
        get_play: returns the play of a persona on ``level``.
    """
    metrics = [metric for metric, _ in metrics_and_weights]
    total = 0.0
    values = metric_values(level, tester, metrics, get_play)
    for (metric, weight), value in zip(metrics_and_weights, values, strict=True):
        total += weight * direction_sign(metric) * (value if math.isfinite(value) else 0.0)
    return total


@lru_cache(maxsize=16)
def weighted_metrics(spec: tuple[tuple[str, float], ...]) -> tuple[tuple[Metric, float], ...]:
    """The registry's metrics for ``((name, weight), ...)``, built once per process.

    Raises:
        KeyError: for an unknown name; the message lists the known ones.
    """
    return tuple((make_metric(name), float(weight)) for name, weight in spec)
