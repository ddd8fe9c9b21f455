"""Fitness: play a genome's level with the personas and score it with the chosen metrics.

:func:`evaluate` is a pure function of ``(genome, settings)`` (the seed is in the settings):
it reads nothing but the segment library the settings name, so it runs the same in any
process. Metrics come from :mod:`mariogen.metrics` by name; a few simple ones computed from a
:class:`~mariogen.agents.PlayResult` are built in here (``coins-v0``, ``kills-v0``,
``time-taken-v0``, ``completion-v0``) and stand in when the registry lacks them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mariogen.agents import PlayResult, play
from mariogen.generator.settings import GeneratorSettings, Mode
from mariogen.level import Level
from mariogen.level.segments import SegmentLibrary

#: Fitness of an unplayable level: below every playable one, ordered by completion.
PENALTY = 1.0e6
#: The placeholder persona name of the agent being evaluated (as in mariogen.metrics).
AGENT = "agent"


@dataclass(frozen=True)
class BuiltinMetric:
    """A metric read straight off the evaluated agent's play (``needs == ("agent",)``)."""

    name: str
    description: str
    direction: str
    func: Callable[[Level, PlayResult], float] = field(repr=False)
    kind: str = "gameplay"
    range: tuple[float | None, float | None] = (0.0, None)
    source: str = "mariogen"

    @property
    def needs(self) -> tuple[str, ...]:
        """The evaluated agent's play."""
        return (AGENT,)

    def compute(self, level: Level, plays: Mapping[str, PlayResult] | None = None) -> float:
        """The value for the play of ``plays["agent"]``."""
        if not plays or AGENT not in plays:
            raise KeyError(f"metric {self.name!r} needs the play of 'agent'")
        return float(self.func(level, plays[AGENT]))


def _time_taken(level: Level, p: PlayResult) -> float:
    """Share of the time limit used (game time, as ``time-taken-v0`` defines it)."""
    used = p.time_limit_s - p.result.remaining_time_ms / 1000.0
    return max(0.0, used) / p.time_limit_s


#: Stand-ins for registry metrics, used only when :mod:`mariogen.metrics` lacks the name.
BUILTIN_METRICS: dict[str, BuiltinMetric] = {
    m.name: m
    for m in (
        BuiltinMetric("coins-v0", "coins collected", "none", lambda lv, p: p.result.coins),
        BuiltinMetric(
            "kills-v0", "enemies killed, any cause", "none", lambda lv, p: p.result.kills_total
        ),
        BuiltinMetric(
            "completion-v0",
            "share of the level's length covered",
            "maximise",
            lambda lv, p: p.result.completion,
        ),
        BuiltinMetric("time-taken-v0", "share of the time limit used", "none", _time_taken),
    )
}


def resolve_metric(name: str) -> Any:
    """A metric object by name: the registry's (:mod:`mariogen.metrics`) first, then built-ins.

    Raises:
        KeyError: for a name neither knows; the message lists the known names.
    """
    try:
        from mariogen.metrics import make_metric
    except ImportError:
        make_metric = None
    if make_metric is not None:
        try:
            return make_metric(name)
        except KeyError:
            pass
    if name in BUILTIN_METRICS:
        return BUILTIN_METRICS[name]
    raise KeyError(f"unknown metric {name!r}; known metrics: {', '.join(known_metrics())}")


def known_metrics() -> list[str]:
    """Every metric name :func:`resolve_metric` accepts."""
    names = set(BUILTIN_METRICS)
    try:
        from mariogen.metrics import list_metrics

        names.update(getattr(m, "name", str(m)) for m in list_metrics())
    except ImportError:
        pass
    return sorted(names)


@dataclass(frozen=True)
class Evaluation:
    """What the generator keeps of one evaluated genome.

    Attributes:
        playable: whether every persona of ``settings.players`` finished the level.
        completion: the smallest completion among those personas (orders unplayable levels).
        scores: each scored persona's weighted metric sum (empty when not playable).
        fitness: the fitness values (one, or one per objective in ``nsga2`` mode).
        stats: per persona played, a few statistics (win, completion, coins, kills, ticks).
    """

    playable: bool
    completion: float
    scores: dict[str, float]
    fitness: tuple[float, ...]
    stats: dict[str, dict[str, float]]

    @property
    def objective(self) -> float:
        """The primary objective: the fitness, or the tester's score in ``nsga2`` mode."""
        return self.fitness[0]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return {
            "playable": self.playable,
            "completion": self.completion,
            "scores": dict(self.scores),
            "fitness": list(self.fitness),
            "stats": {k: dict(v) for k, v in self.stats.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Evaluation:
        """The inverse of :meth:`to_dict`."""
        return cls(
            playable=bool(data["playable"]),
            completion=float(data["completion"]),
            scores={str(k): float(v) for k, v in data["scores"].items()},
            fitness=tuple(float(v) for v in data["fitness"]),
            stats={
                str(k): {str(a): float(b) for a, b in v.items()} for k, v in data["stats"].items()
            },
        )


class _Context:
    """What every evaluation of one run shares: the library and the metric objects."""

    def __init__(self, settings: GeneratorSettings) -> None:
        self.settings = settings
        self.library = SegmentLibrary.load(settings.library or None)
        self.metrics = [(resolve_metric(name), weight) for name, weight in settings.metrics]


_CONTEXTS: dict[GeneratorSettings, _Context] = {}


def context(settings: GeneratorSettings) -> _Context:
    """The shared context of ``settings`` (built once per process)."""
    if settings not in _CONTEXTS:
        _CONTEXTS.clear()
        _CONTEXTS[settings] = _Context(settings)
    return _CONTEXTS[settings]


def _direction_sign(metric: Any) -> float:
    return -1.0 if str(getattr(metric, "direction", "maximise")) == "minimise" else 1.0


def evaluate(genome: tuple[str, ...], settings: GeneratorSettings) -> Evaluation:
    """Assemble, play and score one genome; the same inputs always give the same result.

    Args:
        genome: segment ids, left to right.
        settings: the run's settings (personas, metrics, mode, seed, library ...).
    """
    ctx = context(settings)
    level = ctx.library.assemble(genome, name="candidate")
    plays: dict[str, PlayResult] = {}

    def get(persona: str) -> PlayResult:
        if persona not in plays:
            plays[persona] = play(
                persona,
                level,
                start_mode=settings.start_mode,
                time_limit_s=settings.time_limit_s,
                record=True,
                seed=settings.seed,
            )
        return plays[persona]

    completion = min(get(p).result.completion for p in settings.players)
    playable = all(get(p).win for p in settings.players)
    scores: dict[str, float] = {}
    if playable:
        scored = [settings.persona]
        if settings.mode != Mode.SINGLE.value:
            scored += [p for p in settings.others if p != settings.persona]
        for persona in scored:
            scores[persona] = _score(ctx, level, persona, get)
    fitness = _fitness(settings, playable, completion, scores)
    stats = {name: _play_stats(p) for name, p in sorted(plays.items())}
    return Evaluation(playable, float(completion), scores, fitness, stats)


def _score(ctx: _Context, level: Level, persona: str, get: Callable[[str], PlayResult]) -> float:
    total = 0.0
    for metric, weight in ctx.metrics:
        needs = tuple(getattr(metric, "needs", ()))
        named = {n: get(persona if n == AGENT else n) for n in needs}
        value = float(metric.compute(level, named))
        if not math.isfinite(value):
            value = 0.0
        total += weight * _direction_sign(metric) * value
    return total


def _fitness(
    settings: GeneratorSettings, playable: bool, completion: float, scores: dict[str, float]
) -> tuple[float, ...]:
    mode = settings.mode
    if not playable:
        low = -PENALTY + completion
        if mode == Mode.NSGA2.value:
            return (low, *([PENALTY - completion] * len(settings.others)))
        return (low,)
    mine = scores[settings.persona]
    if mode == Mode.SINGLE.value:
        return (mine,)
    theirs = [scores[p] for p in settings.others if p != settings.persona]
    if mode == Mode.CONTRAST.value:
        return (mine - max(theirs) + settings.self_weight * mine,)
    return (mine, *theirs)


def _play_stats(p: PlayResult) -> dict[str, float]:
    r = p.result
    return {
        "win": float(r.win),
        "completion": float(r.completion),
        "coins": float(r.coins),
        "kills": float(r.kills_total),
        "ticks": float(r.ticks),
    }
