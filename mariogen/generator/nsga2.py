"""NSGA-II (``nsga2`` mode): the tester's score against each other persona's, a Pareto front.

Each generation: ``population`` parents drawn uniformly, two-point crossover and mutation;
DEAP's ``selNSGA2`` keeps the best ``population`` of parents and offspring together, and
the hall of fame is the Pareto front of everything kept.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from deap import tools

from mariogen.generator import operators as ops
from mariogen.generator.population import PopulationStrategy


class NSGA2(PopulationStrategy):
    """NSGA-II over segment-id genomes (maximise the first objective, minimise the rest).

    Every draw of a generation happens in :meth:`ask`: the seed of the survivor selection
    is drawn there, after the offspring, and used by :meth:`tell`.

    Args:
        settings: the run's settings.
        library: the segment library.
    """

    name = "nsga2"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._selection_seed: int | None = None

    def _new_hall_of_fame(self) -> tools.HallOfFame:
        return tools.ParetoFront()

    def ask(self, rng: np.random.Generator) -> list[tuple[str, ...]]:
        """Breed the next generation (and draw its selection seed); the genomes to evaluate."""
        genomes = super().ask(rng)
        self._selection_seed = ops.draw_seed(rng)
        return genomes

    def _breed(self, rng: np.random.Generator) -> list[Any]:
        picks = rng.integers(0, len(self._population), size=self.settings.population)
        return self._vary([self._population[int(i)] for i in picks], rng)

    def _survivors(self, offspring: list[Any]) -> list[Any]:
        assert self._selection_seed is not None, "tell() before ask()"
        with ops.seeded_random(self._selection_seed):
            survivors = tools.selNSGA2(self._population + offspring, self.settings.population)
        self._selection_seed = None
        return survivors
