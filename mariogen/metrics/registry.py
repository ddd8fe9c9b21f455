"""Metrics by versioned name: ``register_metric``, ``make_metric``, ``list_metrics``.

Built-in metrics register themselves when :mod:`mariogen.metrics` is imported. Third-party
packages add metrics through the entry-point group ``mariogen.metrics``; each entry point
names a metric class (or a factory ``(**params) -> Metric``) and is registered under the
entry point's name the first time a metric is looked up::

    [options.entry_points]
    mariogen.metrics =
        my-metric-v0 = my_package.metrics:MyMetric
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from mariogen.metrics.base import FunctionMetric, Kind, Metric
from mariogen.registry import Registry

#: The entry-point group scanned for third-party metrics.
ENTRY_POINT_GROUP = "mariogen.metrics"

F = TypeVar("F", bound=Callable[..., Any])


def _adapt(name: str, factory: object) -> Callable[..., Metric]:
    if not callable(factory):
        raise TypeError(f"metric {name!r} must be a metric class or factory, not {factory!r}")
    return factory  # type: ignore[return-value]


#: Metric factories (classes or ``(**params) -> Metric``) by name; plug-ins: the entry-point
#: group ``mariogen.metrics``.
METRICS: Registry[Callable[..., Metric]] = Registry("metric", ENTRY_POINT_GROUP, _adapt)


def register_metric(factory: F, name: str | None = None) -> F:
    """Register a metric class (or factory ``(**params) -> Metric``) under its name.

    Usable as a class decorator. A later registration under the same name replaces it.

    Args:
        factory: the metric class or factory.
        name: the name to register; default ``factory.name``.

    Returns:
        ``factory``, unchanged.

    Raises:
        ValueError: when no name is given and the factory has none.
    """
    key = name or getattr(factory, "name", "")
    if not isinstance(key, str) or not key:
        raise ValueError(f"cannot register {factory!r}: it has no name; pass name=...")
    METRICS.register(key, factory)
    return factory


def metric_names() -> list[str]:
    """Every registered metric name, sorted."""
    return METRICS.names()


def make_metric(metric: str | Metric | Callable[..., Any], **params: Any) -> Metric:
    """A metric from a registered name, a metric instance, a metric class or a function.

    Args:
        metric: a registered name (``"coin-rate-v0"``); a metric instance (returned as is);
            a metric class (built with ``params``); or a plain function
            ``f(level, plays) -> float``, wrapped with the metadata in ``params``
            (``name``, ``kind``, ``needs``, ``description``, ``source``, ``range``,
            ``direction``).
        **params: the metric's parameters (window sizes, a reference corpus ...).

    Raises:
        KeyError: for an unknown name; the message lists the known ones.
        TypeError: for a parameter the metric does not take.
        ValueError: for a parameter value the metric cannot use.
    """
    if isinstance(metric, str):
        return METRICS.get(metric)(**params)
    if inspect.isclass(metric):
        return metric(**params)
    if isinstance(metric, Metric):
        if params:
            raise TypeError(f"{metric!r} is already built; pass parameters with its name")
        return metric
    if callable(metric):
        return FunctionMetric(metric, **params)
    raise TypeError(f"expected a metric name, class, instance or function, got {metric!r}")


def list_metrics(kind: str | None = None) -> list[Metric]:
    """Every registered metric with default parameters (optionally of one kind), by name."""
    out = [make_metric(name) for name in metric_names()]
    return [m for m in out if kind is None or m.kind == Kind(kind)]


def describe(metric: Metric) -> dict[str, Any]:
    """A metric's metadata as a JSON-friendly dict (``mariogen metrics list --json``)."""
    lo, hi = metric.range
    return {
        "name": metric.name,
        "kind": str(metric.kind),
        "needs": list(metric.needs),
        "range": [lo, hi],
        "direction": str(metric.direction),
        "description": metric.description,
        "source": metric.source,
        "formula": getattr(metric, "formula", ""),
        "params": dict(getattr(metric, "params", {})),
    }
