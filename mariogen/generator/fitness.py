"""Fitness: play a genome's level with the personas and score it with the chosen metrics.

:func:`evaluate` is a pure function of ``(genome, settings)`` (the seed is in the settings).
Plays and scores go through :mod:`mariogen.evaluation` (:func:`~mariogen.evaluation.score_level`,
metrics from :func:`mariogen.metrics.make_metric` by name), the same path as
``mariogen evaluate``. :func:`evaluate_genomes` evaluates many genomes on any executor or
runner of the executor seam: each task (:class:`FitnessTask`) carries genomes,
the segment library's *contents* and path-free settings, so it runs on any machine; results
are placed by index, so they do not depend on the executor. Every play stops at its tick
limit (:func:`~mariogen.evaluation.tick_limit`); a genome whose worker died or hung on every
attempt gets :func:`failed_evaluation`: the worst fitness, and the reason in ``failed``.

Besides the fitness, an :class:`Evaluation` keeps the *behaviour* of every persona played:
its statistics in the one vocabulary (:data:`mariogen.engine.stats.STAT_NAMES`), the
measures a MAP-Elites archive bins levels by.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mariogen.agents import PlayResult, play
from mariogen.agents.play import Stalled
from mariogen.evaluation import (
    Failed,
    Incident,
    LibraryContents,
    Runner,
    chunked,
    run_items,
    score_level,
    tick_limit,
    weighted_metrics,
)
from mariogen.generator.settings import HURT_CHALLENGE, GeneratorSettings, Mode
from mariogen.level import MAX_WIDTH, Level
from mariogen.level.library import SegmentLibrary
from mariogen.level.segments import END_PAD, START_PAD, SegmentError
from mariogen.metrics import Metric, make_metric

#: Fitness of an unplayable level: below every playable one, ordered by completion.
PENALTY = 1.0e6
#: Fitness of a genome whose evaluation failed (its worker died or hung): below every other.
FAILED_PENALTY = 2.0e6
#: Fitness of a playable level outside the difficulty band: below every level inside it,
#: above every unplayable one, ordered by the distance of its challenge to the band.
BAND_PENALTY = 1.0e5
#: The weak variant plays for at most this many times the tester's iterations: how far it
#: gets in (about) the time the tester needs is the challenge, and a weak play that would
#: wander until the time limit costs no more than that.
WEAK_TIME_FACTOR = 1.5
#: ... and stops once it has made no progress for this many iterations (it is stuck).
STALL_TICKS = 90
#: The novelty term: EDRL's fun (Koster's band of the tile-pattern divergence of each segment
#: from the 3 before it) over the level's segments, with the band [mean - std, mean + std] of
#: the 161 16-column segments of the 15 original levels (``calibrate_band``: 0.58, 2.64).
NOVELTY_METRIC = "edrl-fun-v0"
NOVELTY_PARAMS: dict[str, float] = {"segment_width": 16, "lower": 0.58, "upper": 2.64}

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
        challenge: the level's challenge for the tester, measured through its weak variant
            (:class:`~mariogen.generator.settings.Difficulty`; 0 when not measured).
        in_band: whether the challenge is inside the difficulty band.
        novelty: the novelty term before its weight (EDRL fun of the segments, <= 0).
        failed: why the evaluation failed (its worker died or hung on every attempt;
            the fitness is then the worst), or ``""``.
    """

    playable: bool
    completion: float
    scores: dict[str, float]
    fitness: tuple[float, ...]
    behaviour: dict[str, dict[str, float]]
    challenge: float = 0.0
    in_band: bool = True
    novelty: float = 0.0
    failed: str = ""

    @property
    def feasible(self) -> bool:
        """Playable and inside the difficulty band: a level the run may return."""
        return self.playable and self.in_band

    @property
    def objective(self) -> float:
        """The primary objective: the fitness, or the tester's score in ``nsga2`` mode."""
        return self.fitness[0]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data (``failed`` only when it failed)."""
        data = {
            "playable": self.playable,
            "completion": self.completion,
            "scores": dict(self.scores),
            "fitness": list(self.fitness),
            "behaviour": {k: dict(v) for k, v in self.behaviour.items()},
            "challenge": self.challenge,
            "in_band": self.in_band,
            "novelty": self.novelty,
        }
        return {**data, "failed": self.failed} if self.failed else data

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
            challenge=float(data["challenge"]),
            in_band=bool(data["in_band"]),
            novelty=float(data["novelty"]),
            failed=str(data.get("failed", "")),
        )


class _Context:
    """What a run's main process shares: the library read from ``settings.library``."""

    def __init__(self, settings: GeneratorSettings) -> None:
        self.settings = settings
        self.library = SegmentLibrary.load(settings.library or None)
        check_level_width(settings.segments, self.library)


def check_level_width(segments: int, library: SegmentLibrary) -> None:
    """Refuse, before any work, a level of ``segments`` segments wider than a level may be.

    Raises:
        SegmentError: naming the width and the most segments of ``library`` that fit.
    """
    pads = len(START_PAD[0]) + len(END_PAD[0])
    width = segments * library.width + pads
    if width > MAX_WIDTH:
        most = (MAX_WIDTH - pads) // library.width
        raise SegmentError(
            f"{segments} segments of {library.width} columns make a level {width} columns "
            f"wide; the limit is {MAX_WIDTH} (at most {most} segments of this library)"
        )


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
    return evaluate_level(level, settings, segments_only(library, genome))


def segments_only(library: SegmentLibrary, genome: Sequence[str]) -> Level:
    """The genome's segments joined without the start and end pads (for the novelty term)."""
    rows = ["".join(library[seg_id].rows[y] for seg_id in genome) for y in range(16)]
    return Level.from_text("\n".join(rows) + "\n", source="segments")


def novelty_of(segments: Level) -> float:
    """The novelty term of a level's segments (EDRL fun, <= 0; 0 for a single segment)."""
    value = make_metric(NOVELTY_METRIC, **NOVELTY_PARAMS).compute(segments, {})
    return 0.0 if math.isnan(value) else float(value)


def challenge_of(tester: PlayResult, weak: PlayResult) -> float:
    """The challenge of a level for the tester: the completion its weak variant loses, or
    :data:`~mariogen.generator.settings.HURT_CHALLENGE` if that is more and it was hurt."""
    loss = max(0.0, float(tester.result.completion) - float(weak.result.completion))
    hurt = HURT_CHALLENGE if weak.stats["hurts"] > 0 else 0.0
    return max(loss, hurt)


def band_distance(challenge: float, band: tuple[float, float]) -> float:
    """How far ``challenge`` lies outside ``band`` (0 inside)."""
    low, high = band
    return max(0.0, low - challenge, challenge - high)


def evaluate_level(
    level: Level, settings: GeneratorSettings, segments: Level | None = None
) -> Evaluation:
    """Play ``level`` with the personas it needs and score it (see :func:`evaluate`).

    The players of ``settings.players`` play first (playable? how far?); then the tester's
    weak variant (the difficulty); only a playable level inside the band is scored, and only
    then are the other personas the metrics read played.

    Args:
        level: the level.
        settings: the run's settings.
        segments: the level's segments without the pads, for the novelty term (``None``:
            no novelty term).
    """
    metrics: Sequence[tuple[Metric, float]] = weighted_metrics(settings.metrics)
    plays: dict[str, PlayResult] = {}

    def get_play(persona: str) -> PlayResult:
        if persona not in plays:
            plays[persona] = _play(persona, level, settings)
        return plays[persona]

    completion = min(get_play(p).result.completion for p in settings.players)
    playable = all(get_play(p).win for p in settings.players)
    challenge, distance = 0.0, 0.0
    weak = None
    if playable and settings.weak:
        tester = get_play(settings.persona)
        weak = _play(settings.weak, level, settings, cap=tester.iterations)
        challenge = challenge_of(tester, weak)
        distance = band_distance(challenge, settings.band)
    novelty = novelty_of(segments) if segments is not None and settings.novelty_weight else 0.0
    scores: dict[str, float] = {}
    if playable and distance == 0.0:
        for persona in scored_personas(settings):
            scores[persona] = score_level(level, persona, metrics, get_play)
    fitness = _fitness(settings, playable, completion, distance, scores, novelty)
    if weak is not None and settings.weak not in plays:
        plays[settings.weak] = weak
    behaviour = {name: behaviour_of(p) for name, p in sorted(plays.items())}
    return Evaluation(
        playable, float(completion), scores, fitness, behaviour, challenge, distance == 0.0, novelty
    )


def _play(
    persona: str, level: Level, settings: GeneratorSettings, cap: int | None = None
) -> PlayResult:
    """A play of ``level`` with the run's settings; with ``cap`` (the tester's iterations),
    the weak variant's difficulty play: at most :data:`WEAK_TIME_FACTOR` times ``cap``
    iterations, stopped once it stalls (metrics that name the weak variant get a full play).
    Every play stops at the tick limit of the time limit."""
    limit = tick_limit(settings.time_limit_s)
    return play(
        persona,
        level,
        start_mode=settings.start_mode,
        time_limit_s=settings.time_limit_s,
        record=True,
        seed=settings.seed,
        max_iterations=limit if cap is None else min(limit, math.ceil(WEAK_TIME_FACTOR * cap)),
        until=None if cap is None else Stalled(STALL_TICKS),
    )


def behaviour_of(p: PlayResult) -> dict[str, float]:
    """A play's behaviour measures: its statistics by name, every value a float (so that an
    evaluation read back from JSON is the same as the one computed)."""
    return {name: float(value) for name, value in p.stats.items()}


def _fitness(
    settings: GeneratorSettings,
    playable: bool,
    completion: float,
    distance: float,
    scores: dict[str, float],
    novelty: float,
) -> tuple[float, ...]:
    """The fitness: a mode's metric term plus the weighted novelty term, or a penalty below
    every feasible level (unplayable: ordered by completion; out of band: by distance)."""
    mode = settings.mode
    if not playable or distance > 0.0:
        low = -PENALTY + completion if not playable else -BAND_PENALTY - distance
        return _penalty(settings, low)
    quality = float(settings.novelty_weight) * novelty
    mine = scores[settings.persona]
    if mode == Mode.SINGLE.value:
        return (mine + quality,)
    theirs = [scores[p] for p in settings.others if p != settings.persona]
    if mode == Mode.CONTRAST.value:
        return (mine - max(theirs) + settings.self_weight * mine + quality,)
    return (mine + quality, *theirs)


def _penalty(settings: GeneratorSettings, low: float) -> tuple[float, ...]:
    """The fitness ``low`` (in nsga2 mode, ``-low`` for each other persona's objective)."""
    if settings.mode == Mode.NSGA2.value:
        return (low, *([-low] * len(settings.others)))
    return (low,)


def failed_evaluation(settings: GeneratorSettings, failure: Failed) -> Evaluation:
    """The evaluation of a genome whose worker died or hung on every attempt: the worst
    fitness (:data:`FAILED_PENALTY`), nothing played, and why in ``failed``."""
    fitness = _penalty(settings, -FAILED_PENALTY)
    return Evaluation(False, 0.0, {}, fitness, {}, in_band=False, failed=str(failure))


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


def run_fitness_item(task: FitnessTask) -> Evaluation:
    """Evaluate a task of one genome (the item a worker runs; see :func:`evaluate_genomes`)."""
    (evaluation,) = run_fitness_task(task)
    return evaluation


def evaluate_genomes(
    genomes: Sequence[Genome],
    settings: GeneratorSettings,
    library: SegmentLibrary | None = None,
    executor: Runner = None,
    workers: int = 1,
    on_incident: Callable[[Incident], None] | None = None,
) -> list[Evaluation]:
    """Evaluate every genome, on ``executor`` when given; results in genome order.

    Each genome is one item of the executor seam (:func:`~mariogen.evaluation.run_items`):
    a one-genome :class:`FitnessTask`; the tasks share one library contents object, which
    is pickled once per batch.

    Args:
        genomes: the genomes.
        settings: the run's settings.
        library: the segment library (default: the one ``settings.library`` names).
        executor: any executor or runner (:func:`~mariogen.evaluation.executor_scope`);
            ``None`` evaluates here.
        workers: how many tasks the executor runs at once, if it does not say itself.
        on_incident: called for every worker that died or hung while evaluating.

    Returns:
        The evaluations; :func:`failed_evaluation` for a genome whose worker died or hung
        on every attempt.
    """
    library = library if library is not None else context(settings).library
    if executor is None or not genomes:
        return [evaluate(genome, settings, library) for genome in genomes]
    tasks = fitness_tasks(genomes, settings, library, size=1)
    done = run_items(run_fitness_item, tasks, executor, workers=workers, on_incident=on_incident)
    return [failed_evaluation(settings, e) if isinstance(e, Failed) else e for e in done]
