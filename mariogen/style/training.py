"""Training the play-style model: the core personas play seeded levels, a logistic regression
learns to tell them apart from their style features.

The training levels are assembled from the shipped segment library, one random legal
genome per seed (:func:`seeded_levels`), so training needs nothing but the package and is
reproducible: the same :class:`TrainingSettings` give the same model file, byte for byte,
whatever the number of workers (the personas are deterministic and the solver is
L-BFGS). Only levels that offer something to tell the personas apart are used: at least
``min_coins`` coins and ``min_enemies`` enemies. Seeds from :data:`HELD_OUT_SEED` up are
never trained on; tests and ``bench/style.py`` measure the model on those levels.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace

import numpy as np

from mariogen.agents.personas import core_personas
from mariogen.agents.play import PlayResult, play
from mariogen.level import Level
from mariogen.level.joins import random_genome
from mariogen.level.library import SegmentLibrary
from mariogen.replay import DEFAULT_TIME_LIMIT_S
from mariogen.style.features import STYLE_FEATURES, offer, play_features, style_features
from mariogen.style.model import StyleModel

#: Levels of seeds from here up are held out: never trained on, used to measure the model.
HELD_OUT_SEED = 1_000_000


@dataclass(frozen=True)
class TrainingSettings:
    """How the model is trained; the model file records them.

    Attributes:
        levels: training levels (seeds that give a level offering too little are skipped).
        first_seed: the seed of the first level tried.
        segments: segments per level (the generator's default).
        min_coins: the fewest coins a training level offers.
        min_enemies: the fewest enemies a training level offers.
        regularisation: the inverse regularisation strength ``C`` of the regression.
        start_mode: Mario's start mode in the plays.
        time_limit_s: the time limit of the plays.
    """

    levels: int = 300
    first_seed: int = 0
    segments: int = 8
    min_coins: int = 5
    min_enemies: int = 3
    regularisation: float = 0.1
    start_mode: int = 0
    time_limit_s: float = DEFAULT_TIME_LIMIT_S

    def __post_init__(self) -> None:
        if self.levels < 2:
            raise ValueError(f"training needs at least 2 levels, got {self.levels}")
        if not 0 <= self.first_seed < HELD_OUT_SEED:
            raise ValueError(
                f"first_seed must be in [0, {HELD_OUT_SEED}): seeds above are held out"
            )
        if not self.regularisation > 0:
            raise ValueError("regularisation must be above 0")


def offers_enough(level: Level, min_coins: int, min_enemies: int) -> bool:
    """Whether ``level`` offers at least ``min_coins`` coins and ``min_enemies`` enemies."""
    offers = offer(level)
    return offers.coins >= min_coins and offers.enemies >= min_enemies


def seeded_levels(
    first_seed: int,
    count: int,
    segments: int = 8,
    min_coins: int = 0,
    min_enemies: int = 0,
    library: SegmentLibrary | None = None,
) -> Iterator[tuple[int, Level]]:
    """``count`` levels of the segment library, from seeds ``first_seed``, ``first_seed + 1``
    ... (seeds whose level offers too little are skipped); yields ``(seed, level)``.

    A seed's level is the random legal genome of ``segments`` segments that
    ``numpy.random.default_rng(seed)`` draws, named ``style-SEED``.
    """
    library = library if library is not None else SegmentLibrary.load()
    seed, found = first_seed, 0
    while found < count:
        genome = random_genome(library, np.random.default_rng(seed), segments)
        level = library.assemble(genome, name=f"style-{seed}")
        if offers_enough(level, min_coins, min_enemies):
            found += 1
            yield seed, level
        seed += 1


def persona_plays(
    level: Level,
    personas: Sequence[str],
    start_mode: int = 0,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
) -> list[PlayResult]:
    """Each persona's play of ``level`` (recorded, seed 0)."""
    return [play(p, level, start_mode, time_limit_s, record=True) for p in personas]


def _level_features(task: tuple[str, str, tuple[str, ...], int, float]) -> np.ndarray:
    """The personas' play features on one level (a worker's task: level text, not a Level)."""
    text, name, personas, start_mode, time_limit_s = task
    level = Level.from_text(text, source=name)
    offers = offer(level)
    plays = persona_plays(level, personas, start_mode, time_limit_s)
    return np.stack([play_features(p, offers) for p in plays])


def play_feature_table(
    levels: Sequence[Level],
    personas: Sequence[str],
    start_mode: int = 0,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    workers: int = 1,
    on_level: Callable[[], None] | None = None,
) -> np.ndarray:
    """The play features of every persona on every level, shape ``(levels, personas, n)``.

    Args:
        workers: processes that play (1: this process); the result does not depend on it.
        on_level: called once per level done (a progress bar's update).
    """
    tasks = [(lv.to_text(), lv.name, tuple(personas), start_mode, time_limit_s) for lv in levels]
    out = []
    if workers <= 1:
        for task in tasks:
            out.append(_level_features(task))
            if on_level is not None:
                on_level()
    else:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            for table in pool.map(_level_features, tasks, chunksize=4):
                out.append(table)
                if on_level is not None:
                    on_level()
    return np.stack(out)


def style_table(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Style features and labels of a :func:`play_feature_table` (label: the persona index)."""
    n_levels, n_personas, _ = features.shape
    x = np.array([style_features(row, table) for table in features for row in table])
    y = np.tile(np.arange(n_personas), n_levels)
    return x, y


def fit_model(
    features: np.ndarray, personas: Sequence[str], settings: TrainingSettings, **notes: object
) -> StyleModel:
    """Fit the model on a :func:`play_feature_table`; ``notes`` go into ``training``."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    x, y = style_table(features)
    scaler = StandardScaler().fit(x)
    regression = LogisticRegression(C=settings.regularisation, max_iter=10_000)
    regression.fit(scaler.transform(x), y)
    coef, intercept = regression.coef_, regression.intercept_
    if len(personas) == 2:  # one row for two classes: the same softmax with two rows
        coef = np.vstack([-coef / 2, coef / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    model = StyleModel(
        personas=tuple(personas),
        features=STYLE_FEATURES,
        mean=scaler.mean_,
        scale=scaler.scale_,
        coef=coef,
        intercept=intercept,
    )
    accuracy = float(np.mean(model.probabilities(x).argmax(axis=1) == y))
    training = {**asdict(settings), "plays": len(y), "training_accuracy": accuracy, **notes}
    return replace(model, training=training)


def train(
    settings: TrainingSettings | None = None,
    workers: int = 1,
    on_level: Callable[[], None] | None = None,
) -> StyleModel:
    """Play the core personas on the training levels and fit the model.

    Raises:
        ValueError: when the training seeds reach :data:`HELD_OUT_SEED`.
    """
    settings = settings or TrainingSettings()
    found = list(
        seeded_levels(
            settings.first_seed,
            settings.levels,
            settings.segments,
            settings.min_coins,
            settings.min_enemies,
        )
    )
    last_seed = found[-1][0]
    if last_seed >= HELD_OUT_SEED:
        raise ValueError(f"the training seeds reach {last_seed}, which is held out")
    personas = core_personas()
    table = play_feature_table(
        [level for _, level in found],
        personas,
        settings.start_mode,
        settings.time_limit_s,
        workers,
        on_level,
    )
    return fit_model(table, personas, settings, last_seed=last_seed)
