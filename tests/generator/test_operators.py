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

IDS = tuple(f"s{i}" for i in range(20))


def test_random_genome_is_seeded() -> None:
    a = ops.random_genome(np.random.default_rng(3), IDS, 8)
    b = ops.random_genome(np.random.default_rng(3), IDS, 8)
    assert a == b and len(a) == 8 and set(a) <= set(IDS)


def test_replace_changes_at_most_k_positions() -> None:
    rng = np.random.default_rng(0)
    for _ in range(50):
        genome = ["x"] * 8
        ops.mutate_replace(genome, rng, IDS, 2)
        assert 1 <= sum(g != "x" for g in genome) <= 2


def test_swap_exchanges_neighbours() -> None:
    genome = list("abcdef")
    ops.mutate_swap(genome, np.random.default_rng(1))
    assert sorted(genome) == list("abcdef")
    moved = [i for i, (x, y) in enumerate(zip(genome, "abcdef", strict=True)) if x != y]
    assert len(moved) == 2 and moved[1] == moved[0] + 1


def test_crossover_keeps_lengths_and_genes_and_leaves_random_alone() -> None:
    random.seed(42)
    before = random.random()
    random.seed(42)
    a, b = list("aaaaaaaa"), list("bbbbbbbb")
    ops.crossover(a, b, np.random.default_rng(5))
    assert len(a) == len(b) == 8
    assert sorted(a + b) == sorted("a" * 8 + "b" * 8)
    assert a != list("aaaaaaaa")
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
