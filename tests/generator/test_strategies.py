"""Ask/tell strategies (GA, NSGA-II) with real plays: state round trips and the registry."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mariogen.generator import (
    GeneratorSettings,
    Strategy,
    make_strategy,
    register_strategy,
    run_generator,
    strategy_names,
)
from mariogen.generator.fitness import Evaluation, Genome, context, evaluate_genomes
from mariogen.generator.ga import GeneticAlgorithm

TINY = {
    "persona": "runner",
    "metrics": (("coins-v0", 1.0),),
    "segments": 4,
    "seed": 5,
    "difficulty": "any",
}


def settings(**kw: object) -> GeneratorSettings:
    return GeneratorSettings(**{**TINY, "population": 6, "generations": 2, **kw})


def generation(
    strategy: Strategy,
    rng: np.random.Generator,
    s: GeneratorSettings,
    cache: dict[Genome, Evaluation],
) -> list[Genome]:
    genomes = strategy.ask(rng)
    todo = list(dict.fromkeys(g for g in genomes if g not in cache))
    cache.update(zip(todo, evaluate_genomes(todo, s), strict=True))
    strategy.tell(genomes, [cache[g] for g in genomes])
    return genomes


@pytest.mark.parametrize(
    ("name", "extra"), [("ga", {}), ("nsga2", {"mode": "nsga2", "others": ("random",)})]
)
def test_state_round_trip_mid_run_continues_identically(name: str, extra: dict) -> None:
    s = settings(**extra)
    library = context(s).library
    cache: dict[Genome, Evaluation] = {}
    first = make_strategy(name, s, library)
    assert first.name == name
    rng = np.random.default_rng(s.seed)
    for _ in range(2):
        generation(first, rng, s, cache)
    state = json.loads(json.dumps(first.state()))  # plain JSON, through text
    second = make_strategy(name, s, library)
    second.restore(state)
    rng_again = np.random.default_rng()
    rng_again.bit_generator.state = json.loads(json.dumps(rng.bit_generator.state))
    assert second.population == first.population and second.hall_of_fame == first.hall_of_fame
    for _ in range(2):
        assert generation(first, rng, s, cache) == generation(second, rng_again, s, cache)
        assert second.population == first.population
        assert second.hall_of_fame == first.hall_of_fame and second.best == first.best
    assert second.state() == first.state()


def test_tell_takes_the_genomes_of_the_last_ask() -> None:
    s = settings()
    strategy = make_strategy("ga", s, context(s).library)
    rng = np.random.default_rng(0)
    genomes = strategy.ask(rng)
    assert len(genomes) == s.population
    with pytest.raises(RuntimeError, match="before tell"):
        strategy.ask(rng)
    with pytest.raises(RuntimeError, match="between ask"):
        strategy.state()
    evaluations = evaluate_genomes(genomes, s)
    with pytest.raises(ValueError, match="last ask"):
        strategy.tell(genomes[::-1], evaluations[::-1])
    strategy.tell(genomes, evaluations)
    assert len(strategy.population) == s.population


def test_registry_by_name_or_callable() -> None:
    assert {"ga", "nsga2"} <= set(strategy_names())
    s = settings()
    with pytest.raises(KeyError, match="unknown strategy 'nope'; known strategies: ga"):
        make_strategy("nope", s, context(s).library)

    def my_ga(settings: GeneratorSettings, library) -> Strategy:
        return GeneticAlgorithm(settings, library)

    by_name = run_generator(s, progress=False)
    by_callable = run_generator(s, progress=False, strategy=my_ga)
    register_strategy("my-ga", my_ga)
    registered = run_generator(s, progress=False, strategy="my-ga")
    for other in (by_callable, registered):
        assert other.logbook == by_name.logbook and other.hall_of_fame == by_name.hall_of_fame
