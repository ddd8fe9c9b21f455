"""Fitness: play a genome's level with the personas and score it with the chosen metrics.

:func:`evaluate` is a pure function of ``(genome, settings)`` (the seed is in the settings).
Plays and scores go through :mod:`mariogen.evaluation` (:func:`~mariogen.evaluation.score_level`,
metrics from :func:`mariogen.metrics.make_metric` by name), the same path as
``mariogen evaluate``. :func:`evaluate_genomes` evaluates many genomes on any
``concurrent.futures.Executor``: each task (:class:`FitnessTask`) carries a batch of genomes,
the segment library's *contents* and path-free settings, so it runs on any machine; results
are placed by index, so they do not depend on the executor.

Besides the fitness, an :class:`Evaluation` keeps the *behaviour* of every persona played:
its statistics in the one vocabulary (:data:`mariogen.engine.stats.STAT_NAMES`), the
measures a MAP-Elites archive bins levels by.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

from mariogen.agents import PlayResult, play
from mariogen.evaluation import (
    LibraryContents,
    batch_size,
    chunked,
    parallelism,
    run_tasks,
    score_level,
    weighted_metrics,
)
from mariogen.generator.settings import GeneratorSettings, Mode
from mariogen.level import Level
from mariogen.level.segments import SegmentLibrary
from mariogen.metrics import Metric

#: Fitness of an unplayable level: below every playable one, ordered by completion.
PENALTY = 1.0e6

Genome = tuple[str, ...]


@dataclass(frozen=True)
class Evaluation:
    """What the generator keeps of one evaluated genome.

    Attributes:
        playable: whether every persona of ``settings.players`` finished the level.
        completion: the smallest completion among those personas (orders unplayable levels).
        scores: each scored persona's weighted metric sum (empty when not playable).
        fitness: the fitness values (one, or one per objective in ``nsga2`` mode).
        behaviour: per persona played, its play's statistics by name, as floats
            (:attr:`mariogen.agents.PlayResult.stats`: every name of
            :data:`~mariogen.engine.stats.STAT_NAMES`): the behaviour measures.
    """

    playable: bool
    completion: float
    scores: dict[str, float]
    fitness: tuple[float, ...]
    behaviour: dict[str, dict[str, float]]

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
            "behaviour": {k: dict(v) for k, v in self.behaviour.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Evaluation:
        """The inverse of :meth:`to_dict`."""
        return cls(
            playable=bool(data["playable"]),
            completion=float(data["completion"]),
            scores={str(k): float(v) for k, v in data["scores"].items()},
            fitness=tuple(float(v) for v in data["fitness"]),
            behaviour={
                str(k): {str(a): float(b) for a, b in v.items()}
                for k, v in data["behaviour"].items()
            },
        )


class _Context:
    """What a run's main process shares: the library read from ``settings.library``."""

    def __init__(self, settings: GeneratorSettings) -> None:
        self.settings = settings
        self.library = SegmentLibrary.load(settings.library or None)


_CONTEXTS: dict[GeneratorSettings, _Context] = {}


def context(settings: GeneratorSettings) -> _Context:
    """The shared context of ``settings`` (built once per process; reads the library folder).

    Raises:
        SegmentError: for a missing or malformed library.
    """
    if settings not in _CONTEXTS:
        _CONTEXTS.clear()
        _CONTEXTS[settings] = _Context(settings)
    return _CONTEXTS[settings]


def scored_personas(settings: GeneratorSettings) -> list[str]:
    """The personas scored on a playable level: the tester, and the others unless ``single``."""
    scored = [settings.persona]
    if settings.mode != Mode.SINGLE.value:
        scored += [p for p in settings.others if p != settings.persona]
    return scored


def evaluate(
    genome: Sequence[str], settings: GeneratorSettings, library: SegmentLibrary | None = None
) -> Evaluation:
    """Assemble, play and score one genome; the same inputs always give the same result.

    Args:
        genome: segment ids, left to right.
        settings: the run's settings (personas, metrics, mode, seed ...).
        library: the segment library (default: the one ``settings.library`` names).
    """
    library = library if library is not None else context(settings).library
    level = library.assemble(tuple(genome), name="candidate")
    return evaluate_level(level, settings)


def evaluate_level(level: Level, settings: GeneratorSettings) -> Evaluation:
    """Play ``level`` with the personas it needs and score it (see :func:`evaluate`).

    The players of ``settings.players`` play first (playable? how far?); only a playable
    level is scored, and only then are the other personas the metrics read played.
    """
    metrics: Sequence[tuple[Metric, float]] = weighted_metrics(settings.metrics)
    plays: dict[str, PlayResult] = {}

    def get_play(persona: str) -> PlayResult:
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

    completion = min(get_play(p).result.completion for p in settings.players)
    playable = all(get_play(p).win for p in settings.players)
    scores: dict[str, float] = {}
    if playable:
        for persona in scored_personas(settings):
            scores[persona] = score_level(level, persona, metrics, get_play)
    fitness = _fitness(settings, playable, completion, scores)
    behaviour = {name: behaviour_of(p) for name, p in sorted(plays.items())}
    return Evaluation(playable, float(completion), scores, fitness, behaviour)


def behaviour_of(p: PlayResult) -> dict[str, float]:
    """A play's behaviour measures: its statistics by name, every value a float (so that an
    evaluation read back from JSON is the same as the one computed)."""
    return {name: float(value) for name, value in p.stats.items()}


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


# -- on an executor ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FitnessTask:
    """A batch of genomes to evaluate, with everything a worker on any machine needs.

    Attributes:
        settings: the run's settings without the library's folder (``library=""``).
        library: the segment library's contents (parsed once per worker process).
        genomes: the genomes, evaluated in order.
    """

    settings: GeneratorSettings
    library: LibraryContents
    genomes: tuple[Genome, ...]


def portable_settings(settings: GeneratorSettings) -> GeneratorSettings:
    """``settings`` without the library's folder, which means nothing on another machine."""
    return dataclasses.replace(settings, library="") if settings.library else settings


def fitness_tasks(
    genomes: Sequence[Genome], settings: GeneratorSettings, library: SegmentLibrary, size: int
) -> list[FitnessTask]:
    """The genomes cut into :class:`FitnessTask` s of ``size`` genomes."""
    contents = LibraryContents.of(library)
    portable = portable_settings(settings)
    return [FitnessTask(portable, contents, batch) for batch in chunked(genomes, size)]


def run_fitness_task(task: FitnessTask) -> list[Evaluation]:
    """Evaluate a task's genomes in order (the function a worker runs)."""
    library = task.library.library()
    return [evaluate(genome, task.settings, library) for genome in task.genomes]


def evaluate_genomes(
    genomes: Sequence[Genome],
    settings: GeneratorSettings,
    library: SegmentLibrary | None = None,
    executor: Executor | None = None,
    workers: int = 1,
) -> list[Evaluation]:
    """Evaluate every genome, on ``executor`` when given; results in genome order.

    Args:
        genomes: the genomes.
        settings: the run's settings.
        library: the segment library (default: the one ``settings.library`` names).
        executor: any ``concurrent.futures.Executor``; ``None`` evaluates here.
        workers: how many tasks the executor runs at once, if it does not say itself.
    """
    library = library if library is not None else context(settings).library
    if executor is None or not genomes:
        return [evaluate(genome, settings, library) for genome in genomes]
    size = batch_size(len(genomes), parallelism(executor, workers))
    done = run_tasks(run_fitness_task, fitness_tasks(genomes, settings, library, size), executor)
    return [evaluation for batch in done for evaluation in batch]
