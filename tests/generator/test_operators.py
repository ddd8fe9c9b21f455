"""Operators and settings: seeded variation, DEAP crossover under a numpy generator."""

from __future__ import annotations

import random

import numpy as np
import pytest

from mariogen.generator import operators as ops
from mariogen.generator.creator import individual_class, objective_weights
from mariogen.generator.settings import (
    GeneratorSettings,
    default_metrics,
    format_metric_spec,
    parse_metric_spec,
)
from mariogen.level import joins
from mariogen.level.library import SegmentLibrary

LIBRARY = SegmentLibrary.load()


def _legal(genome: list[str], max_repeats: int = 1) -> bool:
    return joins.is_legal(LIBRARY, genome, max_repeats)


def test_random_genome_is_seeded_and_legal() -> None:
    a = ops.random_genome(LIBRARY, np.random.default_rng(3), 8, 1)
    b = ops.random_genome(LIBRARY, np.random.default_rng(3), 8, 1)
    assert a == b and len(a) == 8 and _legal(a)
    assert len(set(a)) == 8  # max_repeats 1: no segment twice


def test_replace_changes_at_most_k_positions_and_stays_legal() -> None:
    rng = np.random.default_rng(0)
    changed = 0
    for _ in range(50):
        genome = ops.random_genome(LIBRARY, rng, 8, 1)
        before = list(genome)
        ops.mutate_replace(genome, rng, LIBRARY, 2, 1)
        diff = sum(x != y for x, y in zip(genome, before, strict=True))
        assert diff <= 2 and _legal(genome)
        changed += diff > 0
    assert changed > 40  # most positions have other segments that fit


def test_swap_exchanges_neighbours_only_where_the_joins_fit() -> None:
    rng = np.random.default_rng(1)
    swapped = 0
    for _ in range(50):
        genome = ops.random_genome(LIBRARY, rng, 8, 1)
        before = list(genome)
        ops.mutate_swap(genome, rng, LIBRARY)
        assert sorted(genome) == sorted(before) and _legal(genome)
        moved = [i for i, (x, y) in enumerate(zip(genome, before, strict=True)) if x != y]
        assert moved == [] or (len(moved) == 2 and moved[1] == moved[0] + 1)
        swapped += bool(moved)
    assert swapped > 10


def test_crossover_keeps_lengths_and_legality_and_leaves_random_alone() -> None:
    random.seed(42)
    before = random.random()
    random.seed(42)
    rng = np.random.default_rng(5)
    crossed = 0
    for _ in range(30):
        a = ops.random_genome(LIBRARY, rng, 8, 1)
        b = ops.random_genome(LIBRARY, rng, 8, 1)
        parents = (list(a), list(b))
        ops.crossover(a, b, rng, LIBRARY, 1)
        assert len(a) == len(b) == 8 and _legal(a) and _legal(b)
        assert sorted(a + b) == sorted(parents[0] + parents[1])
        crossed += a != parents[0]
    assert crossed > 10
    assert random.random() == before


def test_tournament_is_seeded_by_the_numpy_generator() -> None:
    cls = individual_class(objective_weights(1))
    pop = []
    for i in range(10):
        ind = cls([f"s{i}"])
        ind.fitness.values = (float(i),)
        pop.append(ind)
    first = ops.tournament(pop, 6, 3, np.random.default_rng(9))
    second = ops.tournament(pop, 6, 3, np.random.default_rng(9))
    assert [list(i) for i in first] == [list(i) for i in second]


def test_creator_classes_are_made_once() -> None:
    assert individual_class((1.0,)) is individual_class((1.0,))
    assert individual_class((1.0, -1.0)) is not individual_class((1.0,))


def test_metric_specs() -> None:
    assert parse_metric_spec("coins-v0") == (("coins-v0", 1.0),)
    assert parse_metric_spec("a:2, b:-0.5") == (("a", 2.0), ("b", -0.5))
    assert parse_metric_spec(format_metric_spec((("a", 2.0), ("b", -0.5)))) == (
        ("a", 2.0),
        ("b", -0.5),
    )
    for bad in ("", "a:x", ":1", "a:nan"):
        with pytest.raises(ValueError):
            parse_metric_spec(bad)


def test_settings_defaults_and_round_trip() -> None:
    s = GeneratorSettings(persona="killer", mode="contrast")
    assert s.metrics == default_metrics("killer")
    assert s.others == ("collector", "runner")  # the cards tagged core, by name
    assert s.metrics == (("kills-v0", 1.0),)  # agents/killer.toml [generator] metric
    assert default_metrics("collector-weak") == default_metrics("collector")
    assert GeneratorSettings(persona="runner-weak").self_weight == 100.0  # runner's card
    assert GeneratorSettings(persona="run-right").metrics == (("completion-v0", 1.0),)
    assert GeneratorSettings.from_dict(s.to_dict()) == s
    with pytest.raises(ValueError, match="elite"):
        GeneratorSettings(population=2, elite=2)
    with pytest.raises(ValueError, match="unknown settings"):
        GeneratorSettings.from_dict({"colour": "red"})
    with pytest.raises(ValueError):
        GeneratorSettings(mode="sideways")
