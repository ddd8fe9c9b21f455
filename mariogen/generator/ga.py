"""The genetic algorithm (``single`` and ``contrast`` modes): tournaments and elites.

Each generation: ``population - elite`` parents by tournament (DEAP's ``selTournament``),
two-point crossover and mutation, plus the ``elite`` best of the hall of fame unchanged;
the offspring replace the population.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mariogen.generator import operators as ops
from mariogen.generator.population import PopulationStrategy


class GeneticAlgorithm(PopulationStrategy):
    """A generational GA with tournament selection and elitism (one objective).

    Args:
        settings: the run's settings (``tournament``, ``elite``, ``hall_of_fame`` ...).
        library: the segment library.
    """

    name = "ga"

    def _breed(self, rng: np.random.Generator) -> list[Any]:
        s = self.settings
        n_elite = min(s.elite, len(self._hof))
        parents = ops.tournament(self._population, s.population - n_elite, s.tournament, rng)
        children = self._vary(parents, rng)
        elites = [self._copy(ind) for ind in self._hof[:n_elite]]
        return elites + children

    def _survivors(self, offspring: list[Any]) -> list[Any]:
        return offspring
