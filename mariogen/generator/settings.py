"""The generator's settings: every parameter of a run, as one frozen, JSON-friendly record."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields
from enum import Enum
from typing import Any

from mariogen.agents.personas import (
    PersonaCard,
    PersonaCardError,
    card_index,
    core_personas,
    strong_form,
    weak_variant,
)
from mariogen.metric_spec import MetricSpec, format_metric_spec, parse_metric_spec
from mariogen.replay import DEFAULT_TIME_LIMIT_S, MAX_TIME_LIMIT_S

__all__ = [
    "DIFFICULTY_BANDS",
    "FALLBACK_METRIC",
    "Difficulty",
    "GeneratorSettings",
    "Mode",
    "default_metrics",
    "default_others",
    "default_self_weight",
    "format_metric_spec",
    "parse_metric_spec",
]


class Mode(str, Enum):
    """What the generator optimises.

    - ``single``: the metric for the tester persona;
    - ``contrast``: the tester's metric minus the best of the other personas' (a level *for*
      that persona, not just any level where the metric is high), plus ``self_weight`` times
      the tester's own metric (a lead alone is also found on levels that are bad for
      everyone: with a time metric, on obstacle courses that slow the runner least);
    - ``nsga2``: the tester's metric and each other persona's as separate objectives (maximise
      the tester's, minimise the others'); the result is a Pareto front.
    """

    SINGLE = "single"
    CONTRAST = "contrast"
    NSGA2 = "nsga2"

    def __str__(self) -> str:
        return self.value


class Difficulty(str, Enum):
    """How hard a level should be *for the tester*, measured through its weak variant.

    The challenge of a level is ``c = max(loss, HURT_CHALLENGE if hurt)``: ``loss`` is the
    completion the tester's weak variant (its card's ``variant_of`` form) loses against the
    tester when it plays for at most 1.5 times the tester's iterations (and stops once it
    has made no progress for 90), ``hurt`` whether the weak variant was hurt. Each
    difficulty is a band of ``c`` (:data:`DIFFICULTY_BANDS`); a level outside the band ranks
    below every level inside it
    (ordered by its distance to the band), and above every level the tester cannot finish.

    - ``easy``: the weak variant finishes about as well (c <= 0.05, not hurt);
    - ``medium``: it loses at least 10% of the level, or is hurt (0.1 <= c <= 0.6);
    - ``hard``: it loses at least half of the level (c >= 0.5);
    - ``any``: no difficulty target (the default for a tester without a weak variant).
    """

    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"
    ANY = "any"

    def __str__(self) -> str:
        return self.value


#: The challenge a hurt of the weak variant counts as (see :class:`Difficulty`).
HURT_CHALLENGE = 0.1
#: The band ``(low, high)`` of the challenge of each difficulty.
DIFFICULTY_BANDS: dict[str, tuple[float, float]] = {
    Difficulty.EASY.value: (0.0, 0.05),
    Difficulty.MEDIUM.value: (0.1, 0.6),
    Difficulty.HARD.value: (0.5, 1.0),
    Difficulty.ANY.value: (0.0, float("inf")),
}


#: The metric of personas whose card (and strong form's card) names none, and of agents
#: without a card.
FALLBACK_METRIC: MetricSpec = (("completion-v0", 1.0),)
#: The contrast-mode self-weight of personas whose cards set none.
FALLBACK_SELF_WEIGHT = 1.0
#: The novelty weight of personas whose cards set none (in units of the metric).
FALLBACK_NOVELTY_WEIGHT = 0.5

#: The largest values of the settings that size a run (checked before any work starts).
LIMITS: dict[str, int] = {
    "segments": 4096,  # and the level they make at most MAX_WIDTH wide (fitness.context)
    "population": 10_000,
    "generations": 100_000,
    "tournament": 10_000,
    "hall_of_fame": 10_000,
    "max_replace": 4096,
    "max_repeats": 4096,
}

#: Version of the checkpoint and config layout (bump when either changes).
SETTINGS_VERSION = 2


def _card_or_none(persona: str) -> PersonaCard | None:
    """The persona's card; ``None`` for an agent without one (``run-right``).

    Raises:
        PersonaCardError: when the persona's card exists but is broken.
    """
    index = card_index()
    if persona in index.problems:
        raise index.problems[persona]
    return index.cards.get(persona)


def _card_default(persona: str, attribute: str, fallback: Any) -> Any:
    """A ``[generator]`` default from the persona's card, else its strong form's card."""
    card = _card_or_none(persona)
    strong = strong_form(card) if card is not None else None
    for source in (card, strong):
        value = getattr(source, attribute) if source is not None else None
        if value not in (None, ()):
            return value
    return fallback


def default_metrics(persona: str) -> MetricSpec:
    """The default metric of ``persona``: its card's ``[generator] metric``, its strong form's
    (``collector-weak`` takes ``collector``'s), or :data:`FALLBACK_METRIC`."""
    return _card_default(persona, "metrics", FALLBACK_METRIC)


def default_self_weight(persona: str) -> float:
    """The default ``self_weight`` of ``persona``: its card's ``[generator] self_weight``,
    its strong form's, or :data:`FALLBACK_SELF_WEIGHT`."""
    return float(_card_default(persona, "self_weight", FALLBACK_SELF_WEIGHT))


def default_novelty_weight(persona: str) -> float:
    """The default ``novelty_weight`` of ``persona``: its card's ``[generator]
    novelty_weight``, its strong form's, or :data:`FALLBACK_NOVELTY_WEIGHT`."""
    return float(_card_default(persona, "novelty_weight", FALLBACK_NOVELTY_WEIGHT))


def default_difficulty(persona: str) -> str:
    """``medium`` for a tester with a weak variant, else ``any``."""
    try:
        weak_variant(persona)
    except PersonaCardError:
        return Difficulty.ANY.value
    return Difficulty.MEDIUM.value


def default_others(persona: str) -> tuple[str, ...]:
    """The personas a level for ``persona`` is contrasted with: the core personas but it."""
    return tuple(name for name in core_personas() if name != persona)


@dataclass(frozen=True)
class GeneratorSettings:
    """Every parameter of a generator run; the run is a pure function of these and the seed.

    Attributes:
        persona: the tester: any registered agent name (persona card, baseline or policy).
        metrics: the fitness metrics and their weights, ``((name, weight), ...)``.
        mode: ``single``, ``contrast`` or ``nsga2`` (see :class:`Mode`).
        segments: segments per level.
        population: individuals per generation.
        generations: generations after the initial population.
        seed: seed of the run's ``numpy.random.Generator`` and of every agent.
        library: folder of the segment library (``""``: the shipped one).
        playable_by: personas that must also finish every accepted level.
        others: the personas the tester is contrasted with (``contrast`` / ``nsga2``).
        self_weight: in ``contrast`` mode, the weight of the tester's own metric added to its
            lead over the best other persona (0: the lead alone; default:
            :func:`default_self_weight`).
        tournament: tournament size of the selection.
        crossover_prob: probability that a pair of offspring is recombined (two-point).
        mutation_prob: probability that an offspring is mutated.
        swap_prob: share of mutations that swap two adjacent segments (else replace-k).
        max_replace: at most this many segments are replaced by one mutation.
        elite: best individuals (hall of fame) copied unchanged into each generation.
        hall_of_fame: size of the hall of fame.
        start_mode: Mario's start mode in every play (0 small, 1 large, 2 fire).
        time_limit_s: the time limit of every play, in seconds of game time.
        max_repeats: the most times one segment may appear in a level.
        difficulty: ``easy``, ``medium``, ``hard`` or ``any`` (see :class:`Difficulty`;
            default: :func:`default_difficulty`).
        weak: the tester's weak variant, which measures the difficulty (default: the card
            whose ``variant_of`` is the tester; ``""`` with difficulty ``any``).
        novelty_weight: weight of the neighbour-novelty term (EDRL's fun of the level's
            segments, <= 0) added to every fitness, in units of the metric (default:
            :func:`default_novelty_weight`).
    """

    persona: str = "collector"
    metrics: tuple[tuple[str, float], ...] = ()
    mode: str = Mode.SINGLE.value
    segments: int = 8
    population: int = 24
    generations: int = 20
    seed: int = 0
    library: str = ""
    playable_by: tuple[str, ...] = ()
    others: tuple[str, ...] = field(default=())
    self_weight: float | None = None
    tournament: int = 3
    crossover_prob: float = 0.7
    mutation_prob: float = 0.5
    swap_prob: float = 0.3
    max_replace: int = 2
    elite: int = 2
    hall_of_fame: int = 10
    start_mode: int = 0
    time_limit_s: float = DEFAULT_TIME_LIMIT_S
    max_repeats: int = 1
    difficulty: str = ""
    weak: str = ""
    novelty_weight: float | None = None

    def __post_init__(self) -> None:
        if not self.metrics:
            object.__setattr__(self, "metrics", default_metrics(self.persona))
        if self.self_weight is None:
            object.__setattr__(self, "self_weight", default_self_weight(self.persona))
        if not self.others:
            object.__setattr__(self, "others", default_others(self.persona))
        if self.novelty_weight is None:
            object.__setattr__(self, "novelty_weight", default_novelty_weight(self.persona))
        if not self.difficulty:
            object.__setattr__(self, "difficulty", default_difficulty(self.persona))
        object.__setattr__(self, "mode", Mode(self.mode).value)
        object.__setattr__(self, "difficulty", _difficulty(self.difficulty))
        if not self.weak and self.difficulty != Difficulty.ANY.value:
            try:
                object.__setattr__(self, "weak", weak_variant(self.persona))
            except PersonaCardError as exc:
                raise ValueError(
                    f"difficulty {self.difficulty}: {exc}; use difficulty any"
                ) from None
        self.check()

    def check(self) -> None:
        """Raise ``ValueError`` with a clear message for a value of the wrong type or range."""
        _check_types(self)
        minimum = {"segments": 1, "population": 2, "generations": 0, "tournament": 1, "elite": 0}
        for name, low in minimum.items():
            if getattr(self, name) < low:
                raise ValueError(f"{name} must be at least {low}, got {getattr(self, name)}")
        for name, high in LIMITS.items():
            if getattr(self, name) > high:
                raise ValueError(f"{name} must be at most {high}, got {getattr(self, name)}")
        if not 0 <= self.seed < 2**64:
            raise ValueError(f"seed must be a whole number from 0 to 2**64 - 1, got {self.seed}")
        if self.elite >= self.population:
            raise ValueError(f"elite ({self.elite}) must be smaller than population")
        if self.hall_of_fame < max(1, self.elite):
            raise ValueError("hall_of_fame must be at least 1 and at least elite")
        for name in ("crossover_prob", "mutation_prob", "swap_prob"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {getattr(self, name)}")
        if not (0.0 <= float(self.self_weight) < float("inf")):
            raise ValueError(f"self_weight must be a finite number >= 0, got {self.self_weight}")
        if self.max_replace < 1:
            raise ValueError("max_replace must be at least 1")
        if self.start_mode not in (0, 1, 2):
            raise ValueError("start_mode must be 0 (small), 1 (large) or 2 (fire)")
        if not 0 < self.time_limit_s <= MAX_TIME_LIMIT_S:
            raise ValueError(f"time_limit_s must be more than 0 and at most {MAX_TIME_LIMIT_S:g}")
        if self.mode != Mode.SINGLE.value and not self.others:
            raise ValueError(f"mode {self.mode} needs at least one other persona to contrast with")
        if self.max_repeats < 1:
            raise ValueError(f"max_repeats must be at least 1, got {self.max_repeats}")
        if not (0.0 <= float(self.novelty_weight) < float("inf")):
            raise ValueError(
                f"novelty_weight must be a finite number >= 0, got {self.novelty_weight}"
            )

    @property
    def players(self) -> tuple[str, ...]:
        """Personas that must finish a level for it to count as playable."""
        return (self.persona, *(p for p in self.playable_by if p != self.persona))

    @property
    def band(self) -> tuple[float, float]:
        """The challenge band of :attr:`difficulty`."""
        return DIFFICULTY_BANDS[self.difficulty]

    @property
    def n_objectives(self) -> int:
        """Number of fitness values: one, or one per persona in ``nsga2`` mode."""
        return 1 + len(self.others) if self.mode == Mode.NSGA2.value else 1

    def to_dict(self) -> dict[str, Any]:
        """The settings as plain JSON data (tuples become lists)."""
        data = asdict(self)
        data["metrics"] = [[name, weight] for name, weight in self.metrics]
        data["playable_by"] = list(self.playable_by)
        data["others"] = list(self.others)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GeneratorSettings:
        """Settings from :meth:`to_dict` output (unknown keys are an error).

        Raises:
            ValueError: for unknown keys or bad values.
        """
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise ValueError(f"unknown settings {', '.join(unknown)}")
        values = dict(data)
        if "metrics" in values:
            values["metrics"] = tuple((str(n), float(w)) for n, w in values["metrics"])
        for key in ("playable_by", "others"):
            if key in values:
                values[key] = tuple(str(p) for p in values[key])
        return cls(**values)


_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "int": (int,),
    "float": (int, float),
    "float | None": (int, float),
    "str": (str,),
}


def _check_types(settings: GeneratorSettings) -> None:
    """Refuse values of the wrong type (settings read from a file can hold anything)."""
    for f in fields(settings):
        value = getattr(settings, f.name)
        kinds = _FIELD_TYPES.get(str(f.type))
        if kinds is not None:
            if isinstance(value, bool) or not isinstance(value, kinds):
                raise ValueError(f"{f.name} must be {_KIND_NAMES[kinds]}, not {value!r:.40}")
            if float in kinds and not _finite(value):
                raise ValueError(f"{f.name} must be a finite number, not {value!r:.40}")
        elif f.name == "metrics":
            for name, weight in value:
                if not isinstance(name, str) or not _finite(weight):
                    raise ValueError(f"metric {name!r:.40}: the weight must be finite")
        elif not all(isinstance(v, str) for v in value):
            raise ValueError(f"{f.name} must be a list of names, not {value!r:.40}")


_KIND_NAMES = {(int,): "a whole number", (int, float): "a number", (str,): "a string"}


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value)
    except (OverflowError, TypeError):  # an integer too large for a float; not a number
        return False


def _difficulty(value: str) -> str:
    try:
        return Difficulty(value).value
    except ValueError:
        known = ", ".join(d.value for d in Difficulty)
        raise ValueError(f"difficulty must be one of {known}, not {value!r}") from None
