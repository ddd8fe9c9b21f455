"""The common base of the population strategies (GA, NSGA-II): DEAP individuals, variation,
fitness bookkeeping and state.

A :class:`PopulationStrategy` keeps its population and hall of fame as DEAP individuals
(lists of segment ids with a fitness; classes from :mod:`.creator`). Each generation,
:meth:`~PopulationStrategy.ask` breeds offspring (subclasses choose the parents and may draw
more from the generator, all of it inside ``ask``) and returns the genomes whose fitness is
unknown: offspring changed by crossover or mutation (copies and elites keep theirs).
:meth:`~PopulationStrategy.tell` takes their evaluations and picks the next population.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import numpy as np
from deap import tools

from mariogen.generator import operators as ops
from mariogen.generator.creator import individual_class, objective_weights
from mariogen.generator.fitness import Evaluation, Genome
from mariogen.generator.settings import GeneratorSettings
from mariogen.level.library import SegmentLibrary


class PopulationStrategy:
    """A generational strategy over a population of DEAP individuals.

    Args:
        settings: the run's settings (population size, variation probabilities ...).
        library: the segment library (what genomes are made of; variation keeps them legal).
    """

    #: The strategy's registered name (see :mod:`.strategy`).
    name: ClassVar[str] = ""

    def __init__(self, settings: GeneratorSettings, library: SegmentLibrary) -> None:
        self.settings = settings
        self.library = library
        self.ind_class = individual_class(objective_weights(settings.n_objectives))
        self._population: list[Any] = []
        self._hof: tools.HallOfFame = self._new_hall_of_fame()
        self._offspring: list[Any] = []
        self._asked: list[Any] = []

    # -- to override ---------------------------------------------------------------------------

    def _new_hall_of_fame(self) -> tools.HallOfFame:
        """The hall of fame: the best individuals seen (subclasses: a Pareto front ...)."""
        return tools.HallOfFame(self.settings.hall_of_fame)

    def _breed(self, rng: np.random.Generator) -> list[Any]:
        """The offspring of the current population (every draw it needs from ``rng``)."""
        raise NotImplementedError

    def _survivors(self, offspring: list[Any]) -> list[Any]:
        """The next population, once every offspring has a fitness."""
        raise NotImplementedError

    # -- the Strategy protocol -----------------------------------------------------------------

    @property
    def population(self) -> list[Genome]:
        """The current population's genomes, in order."""
        return [tuple(ind) for ind in self._population]

    @property
    def hall_of_fame(self) -> list[Genome]:
        """The best genomes, best first."""
        return [tuple(ind) for ind in self._hof]

    @property
    def best(self) -> Genome:
        """The best genome (first of the hall of fame)."""
        return tuple(self._hof[0])

    def ask(self, rng: np.random.Generator) -> list[Genome]:
        """Breed the next generation; the genomes to evaluate (repeats included), in order."""
        if self._asked:
            raise RuntimeError("ask() again before tell() of the previous generation")
        if self._population:
            self._offspring = self._breed(rng)
        else:
            s = self.settings
            self._offspring = [
                self.ind_class(ops.random_genome(self.library, rng, s.segments, s.max_repeats))
                for _ in range(s.population)
            ]
        self._asked = [ind for ind in self._offspring if not ind.fitness.valid]
        return [tuple(ind) for ind in self._asked]

    def tell(self, genomes: Sequence[Genome], evaluations: Sequence[Evaluation]) -> None:
        """The evaluations of the genomes of the last :meth:`ask`; selects the survivors.

        Raises:
            ValueError: when ``genomes`` are not those of the last :meth:`ask`.
        """
        asked = [tuple(ind) for ind in self._asked]
        if [tuple(g) for g in genomes] != asked or len(evaluations) != len(asked):
            raise ValueError("tell() takes the genomes of the last ask() and their evaluations")
        for ind, evaluation in zip(self._asked, evaluations, strict=True):
            ind.fitness.values = evaluation.fitness
        self._population = self._survivors(self._offspring)
        self._hof.update(self._population)
        self._offspring, self._asked = [], []

    def state(self) -> dict[str, Any]:
        """The population and the hall of fame, with fitnesses, as plain JSON data.

        Raises:
            RuntimeError: between :meth:`ask` and :meth:`tell`.
        """
        if self._asked:
            raise RuntimeError("state() between ask() and tell()")
        return {
            "population": [_entry(ind) for ind in self._population],
            "hall_of_fame": [_entry(ind) for ind in self._hof],
        }

    def restore(self, state: Mapping[str, Any]) -> None:
        """Continue from :meth:`state` output.

        Raises:
            KeyError, TypeError, ValueError: for malformed state.
        """
        self._population = [self._individual(entry) for entry in state["population"]]
        hall = [self._individual(entry) for entry in state["hall_of_fame"]]
        self._hof = self._new_hall_of_fame()
        self._hof.items = hall
        self._hof.keys = [ind.fitness for ind in reversed(hall)]
        self._offspring, self._asked = [], []

    # -- helpers -------------------------------------------------------------------------------

    def _individual(self, entry: Mapping[str, Any]) -> Any:
        genome = entry["genome"]
        if not isinstance(genome, list) or not all(isinstance(g, str) for g in genome):
            raise ValueError("a genome must be a list of segment ids")
        ind = self.ind_class(genome)
        fitness = tuple(float(v) for v in entry["fitness"])
        if len(fitness) != len(ind.fitness.weights):
            raise ValueError(f"a fitness must hold {len(ind.fitness.weights)} values")
        ind.fitness.values = fitness
        return ind

    def _copy(self, ind: Any) -> Any:
        """A new individual with ``ind``'s genome and fitness."""
        copy = self.ind_class(ind)
        if ind.fitness.valid:
            copy.fitness.values = ind.fitness.values
        return copy

    def _vary(self, parents: Sequence[Any], rng: np.random.Generator) -> list[Any]:
        """Copies of ``parents``, paired for two-point crossover, then mutated (replace-k or
        adjacent swap), every genome kept legal; a changed child loses its fitness."""
        s, lib = self.settings, self.library
        children = [self._copy(p) for p in parents]
        for i in range(1, len(children), 2):
            if rng.random() < s.crossover_prob:
                before = (list(children[i - 1]), list(children[i]))
                ops.crossover(children[i - 1], children[i], rng, lib, s.max_repeats)
                for child, old in zip(children[i - 1 : i + 1], before, strict=True):
                    if list(child) != old:
                        del child.fitness.values
        for child in children:
            if rng.random() < s.mutation_prob:
                before = list(child)
                if rng.random() < s.swap_prob:
                    ops.mutate_swap(child, rng, lib)
                else:
                    ops.mutate_replace(child, rng, lib, s.max_replace, s.max_repeats)
                if list(child) != before:
                    del child.fitness.values
        return children


def _entry(ind: Any) -> dict[str, Any]:
    return {"genome": list(ind), "fitness": list(ind.fitness.values)}
