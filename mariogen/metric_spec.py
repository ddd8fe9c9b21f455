"""The metric-spec syntax ``NAME[:WEIGHT],...`` of ``--metric`` and of a card's ``[generator]``."""

from __future__ import annotations

import math

#: A parsed metric spec: ``((name, weight), ...)``.
MetricSpec = tuple[tuple[str, float], ...]


def parse_metric_spec(text: str) -> MetricSpec:
    """Parse ``NAME[:WEIGHT],NAME[:WEIGHT]...`` into ``((name, weight), ...)``.

    Raises:
        ValueError: for an empty name or a weight that is not a finite number.
    """
    out = []
    for part in text.split(","):
        name, _, weight_text = part.strip().partition(":")
        name = name.strip()
        if not name:
            raise ValueError(f"empty metric name in {text!r}; expected NAME[:WEIGHT],...")
        try:
            weight = float(weight_text) if weight_text.strip() else 1.0
        except ValueError:
            raise ValueError(f"metric weight {weight_text!r} of {name} is not a number") from None
        if not math.isfinite(weight):
            raise ValueError(f"metric weight of {name} must be finite")
        out.append((name, weight))
    return tuple(out)


def format_metric_spec(metrics: MetricSpec) -> str:
    """The inverse of :func:`parse_metric_spec`."""
    return ",".join(f"{name}:{weight:g}" for name, weight in metrics)
