"""Variation and selection operators driven by one ``numpy.random.Generator``.

Every variation keeps a genome *legal* (:mod:`mariogen.level.joins`): each segment's exit
height fits the next one's entry, and no segment is used more than ``max_repeats`` times.

DEAP's operators (``tools.selTournament``, ``tools.selNSGA2``) draw from Python's global
``random`` module, whose state the generator cannot serialise as plain data. So each call
runs inside :func:`deap_random`, which seeds ``random`` from the run's numpy generator and
restores it afterwards: every random choice of a run follows from the numpy generator's state,
which the checkpoint stores.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from deap import tools

from mariogen.level import joins
from mariogen.level.library import SegmentLibrary


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


def random_genome(
    library: SegmentLibrary, rng: np.random.Generator, length: int, max_repeats: int
) -> list[str]:
    """A random legal genome of ``length`` segments (:func:`mariogen.level.joins.random_genome`:
    every join fits, no segment more than ``max_repeats`` times)."""
    return joins.random_genome(library, rng, length, max_repeats)


def mutate_replace(
    genome: list[str],
    rng: np.random.Generator,
    library: SegmentLibrary,
    max_k: int,
    max_repeats: int,
) -> list[str]:
    """Replace-k mutation: 1..max_k distinct positions each get a segment that fits between
    its neighbours and is not used up (a position with no such segment is left; in place)."""
    k = int(rng.integers(1, min(max_k, len(genome)) + 1))
    for pos in sorted(int(p) for p in rng.choice(len(genome), size=k, replace=False)):
        options = joins.replacements(library, genome, pos, max_repeats)
        if options:
            genome[pos] = options[int(rng.integers(len(options)))]
    return genome


def mutate_swap(genome: list[str], rng: np.random.Generator, library: SegmentLibrary) -> list[str]:
    """Adjacent-swap mutation: two neighbouring segments whose swap keeps every join legal
    trade places (nothing happens when no pair can; in place)."""
    points = joins.swap_points(library, genome)
    if points:
        i = points[int(rng.integers(len(points)))]
        genome[i], genome[i + 1] = genome[i + 1], genome[i]
    return genome


def crossover(
    a: list[str],
    b: list[str],
    rng: np.random.Generator,
    library: SegmentLibrary,
    max_repeats: int,
) -> None:
    """Two-point crossover at cuts where both parents have the same ground height, so the
    children stay legal (:func:`mariogen.level.joins.crossover`; in place)."""
    child_a, child_b = joins.crossover(library, a, b, rng, max_repeats)
    a[:], b[:] = child_a, child_b


def tournament(population: list, k: int, size: int, rng: np.random.Generator) -> list:
    """DEAP's tournament selection of ``k`` individuals (tournaments of ``size``)."""
    with deap_random(rng):
        return tools.selTournament(population, k, tournsize=size)
