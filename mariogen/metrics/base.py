"""The ``Metric`` protocol and ``BaseMetric``, the base class of every built-in metric.

A metric turns a level, and the plays of named agents on it, into one float::

    metric = make_metric("coin-rate-v0")
    metric.kind                       # "gameplay"
    metric.needs                      # ("agent",): the play of the agent being evaluated
    metric.compute(level, {"agent": play})

Content metrics read the level only (``needs == ()``); gameplay metrics read
:class:`~mariogen.agents.PlayResult`\\ s, keyed by agent (persona) name. The placeholder name
``"agent"`` means "the agent being evaluated": the evaluator passes ``{"agent": play}``.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from mariogen.level import Level

if TYPE_CHECKING:
    from mariogen.agents import PlayResult

#: The persona-name placeholder for "the agent being evaluated".
AGENT = "agent"
#: The persona-name placeholder for "the weak variant of the agent being evaluated" (the card
#: whose ``variant_of`` is the agent).
AGENT_WEAK = "agent-weak"


class Kind(str, Enum):
    """What a metric reads: the level only, or plays of it."""

    CONTENT = "content"
    GAMEPLAY = "gameplay"

    def __str__(self) -> str:
        return self.value


class Direction(str, Enum):
    """Which way is better, as the metric's source uses it (``NONE``: descriptive only)."""

    MAXIMISE = "maximise"
    MINIMISE = "minimise"
    NONE = "none"

    def __str__(self) -> str:
        return self.value


#: A metric's range: ``(lo, hi)``, ``None`` for an unbounded side.
Range = tuple[float | None, float | None]


@runtime_checkable
class Metric(Protocol):
    """What the generator and ``mariogen evaluate`` need from a metric.

    Attributes:
        name: the versioned name (``"leniency-v0"``); a new definition gets a new version.
        kind: ``"content"`` or ``"gameplay"``.
        description: one line.
        source: the publication (or "mariogen") the definition follows.
        range: ``(lo, hi)``, ``None`` for an unbounded side.
        direction: ``"maximise"``, ``"minimise"`` or ``"none"``.
        needs: the agent (persona) names whose plays ``compute`` reads; ``()`` for content
            metrics, ``("agent",)`` for the agent being evaluated.
    """

    name: str
    kind: str
    description: str
    source: str
    range: Range
    direction: str

    @property
    def needs(self) -> tuple[str, ...]:
        """Agent names whose plays :meth:`compute` reads."""
        ...

    def compute(self, level: Level, plays: Mapping[str, PlayResult] | None = None) -> float:
        """The metric's value for ``level`` and the plays of :attr:`needs`."""
        ...


class BaseMetric:
    """Base class of the built-in metrics: class-level metadata plus validated parameters.

    Subclasses set the class attributes and implement :meth:`value`; parameters are declared
    in ``PARAMS`` (name -> default) and reach the instance as ``self.params``.

    Raises:
        TypeError: from the constructor for a parameter the metric does not take.
    """

    name: ClassVar[str] = ""
    kind: ClassVar[str] = Kind.CONTENT
    description: ClassVar[str] = ""
    source: ClassVar[str] = ""
    range: ClassVar[Range] = (None, None)
    direction: ClassVar[str] = Direction.NONE
    #: The persona names read by a gameplay metric without persona parameters.
    NEEDS: ClassVar[tuple[str, ...]] = ()
    #: Parameter names and their defaults.
    PARAMS: ClassVar[dict[str, Any]] = {}

    def __init__(self, **params: Any) -> None:
        unknown = sorted(set(params) - set(self.PARAMS))
        if unknown:
            accepted = ", ".join(sorted(self.PARAMS)) or "none"
            raise TypeError(
                f"metric {self.name!r} takes no parameter {', '.join(map(repr, unknown))} "
                f"(accepted: {accepted})"
            )
        self.params: dict[str, Any] = {**self.PARAMS, **params}
        self.check_params()

    def check_params(self) -> None:
        """Validate ``self.params``; raise ``ValueError`` with a clear message if wrong."""

    @property
    def needs(self) -> tuple[str, ...]:
        """Agent names whose plays :meth:`compute` reads."""
        return self.NEEDS

    @property
    def formula(self) -> str:
        """The formula: the paragraph of the class docstring that starts with ``Formula:``."""
        for block in inspect.cleandoc(type(self).__doc__ or "").split("\n\n"):
            if block.startswith("Formula:"):
                return " ".join(block[len("Formula:") :].split())
        return ""

    def compute(self, level: Level, plays: Mapping[str, PlayResult] | None = None) -> float:
        """The metric's value (checks that the needed plays are there).

        Raises:
            KeyError: when a play named in :attr:`needs` is missing.
        """
        plays = plays or {}
        missing = [name for name in self.needs if name not in plays]
        if missing:
            raise KeyError(
                f"metric {self.name!r} needs the plays of {', '.join(map(repr, missing))}; "
                f"got {', '.join(map(repr, plays)) or 'none'}"
            )
        return float(self.value(level, plays))

    def value(self, level: Level, plays: Mapping[str, PlayResult]) -> float:
        """Compute the value; ``plays`` holds every name of :attr:`needs`."""
        raise NotImplementedError

    def __repr__(self) -> str:
        changed = {k: v for k, v in self.params.items() if self.PARAMS.get(k) != v}
        args = ", ".join(f"{k}={v!r}" for k, v in changed.items())
        return f"make_metric({self.name!r}{', ' if args else ''}{args})"


class FunctionMetric(BaseMetric):
    """A metric made from a plain function ``f(level, plays) -> float`` (see ``make_metric``).

    Args:
        func: the function.
        name: the metric's name (default: the function's name).
        kind: ``"content"`` or ``"gameplay"`` (default: gameplay when ``needs`` is given).
        needs: agent names the function reads.
        description: one line (default: the first line of the function's docstring).
        source: what the definition follows.
        range: ``(lo, hi)``.
        direction: ``"maximise"``, ``"minimise"`` or ``"none"``.
    """

    def __init__(
        self,
        func: Any,
        name: str | None = None,
        kind: str | None = None,
        needs: tuple[str, ...] = (),
        description: str | None = None,
        source: str = "user-defined",
        range: Range = (None, None),
        direction: str = Direction.NONE,
    ) -> None:
        super().__init__()
        self._func = func
        self.name = name or getattr(func, "__name__", "metric")  # type: ignore[misc]
        self.kind = Kind(kind or (Kind.GAMEPLAY if needs else Kind.CONTENT))  # type: ignore[misc]
        self.NEEDS = tuple(needs)  # type: ignore[misc]
        doc = inspect.getdoc(func) or ""
        self.description = description or (doc.splitlines()[0] if doc else "")  # type: ignore[misc]
        self.source = source  # type: ignore[misc]
        self.range = range  # type: ignore[misc]
        self.direction = Direction(direction)  # type: ignore[misc]

    def value(self, level: Level, plays: Mapping[str, PlayResult]) -> float:
        """Call the function."""
        return float(self._func(level, plays))


def ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``, and 0.0 when the denominator is 0 (nothing available)."""
    return float(numerator) / float(denominator) if denominator else 0.0
