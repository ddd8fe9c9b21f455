"""Search strategies with an ask/tell interface, and a registry of them by name.

A :class:`Strategy` proposes genomes (:meth:`~Strategy.ask`) and learns from their
evaluations (:meth:`~Strategy.tell`); the loop (:mod:`.evolution`) owns everything else:
the evaluation cache, the executor, checkpoints, the logbook and the progress bar. Every
random draw of a strategy comes from the ``numpy.random.Generator`` passed to ``ask``, and
its whole state is plain JSON (:meth:`~Strategy.state` / :meth:`~Strategy.restore`), so a
run can stop after any generation and continue exactly.

Built in: ``ga`` (:class:`~.ga.GeneticAlgorithm`, the ``single`` and ``contrast`` modes) and
``nsga2`` (:class:`~.nsga2.NSGA2`). Another strategy (a MAP-Elites archive binning levels by
:attr:`~.fitness.Evaluation.behaviour`) is one :func:`register_strategy` call away::

    register_strategy("map-elites", MapElites)   # MapElites(settings, library) -> Strategy
    run_generator(settings, strategy="map-elites")
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

import numpy as np

from mariogen.generator.fitness import Evaluation, Genome
from mariogen.generator.ga import GeneticAlgorithm
from mariogen.generator.nsga2 import NSGA2
from mariogen.generator.settings import GeneratorSettings, Mode
from mariogen.level.library import SegmentLibrary


class Strategy(Protocol):
    """What the generator loop needs from a search strategy.

    Attributes:
        name: the name the strategy is registered under (kept in checkpoints).
    """

    name: str

    def ask(self, rng: np.random.Generator) -> list[Genome]:
        """The next genomes to evaluate (every random draw of the generation from ``rng``)."""
        ...

    def tell(self, genomes: Sequence[Genome], evaluations: Sequence[Evaluation]) -> None:
        """The evaluations of the genomes of the last :meth:`ask`, in the same order."""
        ...

    def state(self) -> dict[str, Any]:
        """The strategy's whole state as plain JSON data (between generations)."""
        ...

    def restore(self, state: Mapping[str, Any]) -> None:
        """Continue from :meth:`state` output."""
        ...

    @property
    def population(self) -> list[Genome]:
        """The genomes the logbook summarises (a population, or an archive's elites)."""
        ...

    @property
    def hall_of_fame(self) -> list[Genome]:
        """The best genomes, best first (a Pareto front for several objectives)."""
        ...

    @property
    def best(self) -> Genome:
        """The best genome."""
        ...


#: Builds a strategy: ``factory(settings, library)`` (the segment library genomes use).
StrategyFactory = Callable[[GeneratorSettings, SegmentLibrary], Strategy]

_STRATEGIES: dict[str, StrategyFactory] = {
    GeneticAlgorithm.name: GeneticAlgorithm,
    NSGA2.name: NSGA2,
}


def register_strategy(name: str, factory: StrategyFactory) -> StrategyFactory:
    """Register a strategy factory (a class or ``(settings, library) -> Strategy``) by name.

    Returns:
        ``factory``, unchanged (a later registration under the same name replaces it).
    """
    if not name:
        raise ValueError("a strategy needs a name")
    _STRATEGIES[name] = factory
    return factory


def strategy_names() -> list[str]:
    """Every registered strategy name, sorted."""
    return sorted(_STRATEGIES)


def default_strategy(settings: GeneratorSettings) -> str:
    """The strategy of the settings' mode: ``nsga2`` for ``nsga2``, else ``ga``."""
    return NSGA2.name if settings.mode == Mode.NSGA2.value else GeneticAlgorithm.name


def make_strategy(
    strategy: str | StrategyFactory, settings: GeneratorSettings, library: SegmentLibrary
) -> Strategy:
    """A strategy from a registered name or a factory.

    Args:
        strategy: a name (``"ga"``, ``"nsga2"``) or a factory
            ``(settings, library) -> Strategy``.
        settings: the run's settings.
        library: the segment library.

    Raises:
        KeyError: for an unknown name; the message lists the known ones.
    """
    if isinstance(strategy, str):
        if strategy not in _STRATEGIES:
            known = ", ".join(strategy_names())
            raise KeyError(f"unknown strategy {strategy!r}; known strategies: {known}")
        strategy = _STRATEGIES[strategy]
    return strategy(settings, library)
