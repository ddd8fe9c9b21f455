"""The one home of DEAP's global ``creator`` state: fitness and individual classes.

DEAP's ``creator.create`` adds classes to a module-wide namespace; creating them anywhere else
(or twice) leads to warnings and classes that do not pickle. Every generator module gets its
classes from :func:`individual_class` here. Workers never need them: they receive genomes as
tuples of segment ids and return plain :class:`~mariogen.generator.fitness.Evaluation` s.
"""

from __future__ import annotations

from deap import base, creator


def fitness_class(weights: tuple[float, ...]) -> type[base.Fitness]:
    """The DEAP fitness class with these weights (created on first use).

    Args:
        weights: one weight per objective: ``1.0`` to maximise, ``-1.0`` to minimise.
    """
    name = "Fitness_" + "_".join("max" if w > 0 else "min" for w in weights)
    if not hasattr(creator, name):
        creator.create(name, base.Fitness, weights=tuple(float(w) for w in weights))
    return getattr(creator, name)


def individual_class(weights: tuple[float, ...]) -> type[list]:
    """The DEAP individual class (a list of segment ids) whose fitness has these weights."""
    fitness = fitness_class(weights)
    name = "Individual_" + fitness.__name__.removeprefix("Fitness_")
    if not hasattr(creator, name):
        creator.create(name, list, fitness=fitness)
    return getattr(creator, name)


def objective_weights(n_objectives: int) -> tuple[float, ...]:
    """Weights of the generator's fitness: maximise the first objective, minimise the rest."""
    return (1.0,) + (-1.0,) * (n_objectives - 1)
