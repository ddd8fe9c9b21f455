"""Experience metrics: a registry of cited, versioned metrics of levels and of plays.

    >>> from mariogen.metrics import make_metric, list_metrics
    >>> metric = make_metric("coin-rate-v0")
    >>> metric.kind, metric.needs, metric.range, metric.direction
    >>> metric.compute(level, {"agent": play})

See ``mariogen/metrics/README.md`` for every metric's formula and citation.
"""

from mariogen.metrics import content, divergence, edrl, gameplay, patterns, trajectory
from mariogen.metrics.base import AGENT, AGENT_WEAK, BaseMetric, Direction, Kind, Metric
from mariogen.metrics.registry import (
    ENTRY_POINT_GROUP,
    describe,
    list_metrics,
    make_metric,
    metric_names,
    register_metric,
)

__all__ = [
    "AGENT",
    "AGENT_WEAK",
    "ENTRY_POINT_GROUP",
    "BaseMetric",
    "Direction",
    "Kind",
    "Metric",
    "content",
    "describe",
    "divergence",
    "edrl",
    "gameplay",
    "list_metrics",
    "make_metric",
    "metric_names",
    "patterns",
    "register_metric",
    "trajectory",
]
