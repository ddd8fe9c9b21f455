"""Levels for training and evaluating RL personas, assembled from the segment library.

Three seed streams, never the same levels (each level's generator is
``numpy.random.default_rng([STREAM, ...])``, distinct entropy for each stream):

- training: ``[Stream.TRAIN, seed, env, episode]`` for run seed ``seed`` (``--seed``);
- validation during training (the CSV log's figures): ``[Stream.VALIDATION, k]``;
- held-out evaluation (``bench/rl.py``, the acceptance figures): ``[Stream.HELD_OUT, k]``,
  ``k = 0 .. 49``, 8 segments;
- the A* demonstrations of a behaviour-cloning warm start (:mod:`mariogen.rl.demos`):
  ``[Stream.DEMOS, seed, k]``.

The curriculum of :func:`curriculum_segments` starts with 2-segment levels and reaches the
full length after :data:`CURRICULUM_FULL_AT` of the run's timesteps.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from mariogen.level import Level
from mariogen.level.joins import random_genome
from mariogen.level.library import SegmentLibrary

#: Segments of the shortest curriculum levels.
FIRST_SEGMENTS = 2
#: Share of the run after which every level has the full number of segments.
CURRICULUM_FULL_AT = 0.5
#: Levels (and segments) of the acceptance evaluation.
HELD_OUT_LEVELS = 50
HELD_OUT_SEGMENTS = 8


class Stream(IntEnum):
    """The first word of a level's seed: which use a level is for."""

    TRAIN = 1013
    VALIDATION = 2013
    HELD_OUT = 3013
    DEMOS = 4013


def curriculum_segments(progress: float, full: int) -> int:
    """Segments of a training level after ``progress`` (0..1) of the run; ``full`` at the end."""
    if full <= FIRST_SEGMENTS:
        return full
    share = min(1.0, max(0.0, progress) / CURRICULUM_FULL_AT)
    return FIRST_SEGMENTS + round(share * (full - FIRST_SEGMENTS))


def assembled_level(library: SegmentLibrary, words: list[int], segments: int, name: str) -> Level:
    """The level of ``segments`` segments drawn from ``default_rng(words)``."""
    rng = np.random.default_rng(words)
    return library.assemble(random_genome(library, rng, segments), name=name)


def training_level(
    library: SegmentLibrary, seed: int, env: int, episode: int, segments: int
) -> Level:
    """Training level ``episode`` of environment ``env`` in a run of seed ``seed``."""
    words = [int(Stream.TRAIN), seed, env, episode]
    return assembled_level(library, words, segments, f"train-{seed}-{env}-{episode}")


def validation_levels(library: SegmentLibrary, n: int, segments: int) -> list[Level]:
    """The levels of the periodic evaluation during training."""
    return [
        assembled_level(library, [int(Stream.VALIDATION), k], segments, f"validation-{k}")
        for k in range(n)
    ]


def held_out_levels(
    library: SegmentLibrary | None = None,
    n: int = HELD_OUT_LEVELS,
    segments: int = HELD_OUT_SEGMENTS,
) -> list[Level]:
    """The held-out levels of the acceptance evaluation (a seed stream training never uses)."""
    library = library or SegmentLibrary.load()
    return [
        assembled_level(library, [int(Stream.HELD_OUT), k], segments, f"held-out-{k}")
        for k in range(n)
    ]
