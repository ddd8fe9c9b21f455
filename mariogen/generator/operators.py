"""Variation and selection operators driven by one ``numpy.random.Generator``.

DEAP's operators (``tools.cxTwoPoint``, ``tools.selTournament``) draw from Python's global
``random`` module, whose state the generator cannot serialise as plain data. So each call
runs inside :func:`deap_random`, which seeds ``random`` from the run's numpy generator and
restores it afterwards: every random choice of a run follows from the numpy generator's state,
which the checkpoint stores.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np
from deap import tools


def draw_seed(rng: np.random.Generator) -> int:
    """One seed for Python's ``random``, drawn from ``rng`` (one draw)."""
    return int(rng.integers(0, 2**63))


@contextmanager
def seeded_random(seed: int) -> Iterator[None]:
    """Seed Python's ``random`` with ``seed`` for the duration of a DEAP call."""
    saved = random.getstate()
    random.seed(seed)
    try:
        yield
    finally:
        random.setstate(saved)


@contextmanager
def deap_random(rng: np.random.Generator) -> Iterator[None]:
    """Seed Python's ``random`` from ``rng`` (:func:`draw_seed`) for a DEAP call."""
    with seeded_random(draw_seed(rng)):
        yield


def random_genome(rng: np.random.Generator, ids: Sequence[str], length: int) -> list[str]:
    """A genome of ``length`` segment ids drawn uniformly (with replacement)."""
    return [ids[int(i)] for i in rng.integers(0, len(ids), size=length)]


def mutate_replace(
    genome: list[str], rng: np.random.Generator, ids: Sequence[str], max_k: int
) -> list[str]:
    """Replace-k mutation: 1..max_k distinct positions get a random segment each (in place)."""
    k = int(rng.integers(1, min(max_k, len(genome)) + 1))
    for pos in sorted(int(p) for p in rng.choice(len(genome), size=k, replace=False)):
        genome[pos] = ids[int(rng.integers(0, len(ids)))]
    return genome


def mutate_swap(genome: list[str], rng: np.random.Generator) -> list[str]:
    """Adjacent-swap mutation: two neighbouring segments trade places (in place)."""
    if len(genome) > 1:
        i = int(rng.integers(0, len(genome) - 1))
        genome[i], genome[i + 1] = genome[i + 1], genome[i]
    return genome


def crossover(a: list[str], b: list[str], rng: np.random.Generator) -> None:
    """DEAP's two-point crossover of two genomes (in place); a no-op for one-segment genomes."""
    if min(len(a), len(b)) > 1:
        with deap_random(rng):
            tools.cxTwoPoint(a, b)


def tournament(population: list, k: int, size: int, rng: np.random.Generator) -> list:
    """DEAP's tournament selection of ``k`` individuals (tournaments of ``size``)."""
    with deap_random(rng):
        return tools.selTournament(population, k, tournsize=size)
