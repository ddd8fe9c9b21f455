"""The evolutionary level generator: genomes of segment ids, persona playtests as fitness.

- :mod:`.settings`: :class:`GeneratorSettings`, every parameter of a run;
- :mod:`.fitness`: :func:`evaluate`, a pure function of (genome, settings), on the
  :mod:`mariogen.evaluation` path; :func:`~.fitness.evaluate_genomes` on any executor;
  :class:`Evaluation` keeps each persona's behaviour (its play statistics);
- :mod:`.strategy`: the ask/tell :class:`Strategy` protocol and the registry of strategies
  by name: ``ga`` (:mod:`.ga`, tournaments and elites) and ``nsga2`` (:mod:`.nsga2`), both
  built on :mod:`.population`;
- :mod:`.creator`: DEAP's global ``creator`` classes (only there);
- :mod:`.operators`: replace-k and adjacent-swap mutations, two-point crossover, tournaments;
- :mod:`.evolution`: the loop: evaluation cache, executor, checkpoints, logbook, resume;
- :mod:`.checkpoint`: the JSON checkpoint (:data:`~.checkpoint.CHECKPOINT_VERSION`);
- :mod:`.outputs`: the files a run writes (level, picture, replays, logbook, report).
"""

from mariogen.generator.checkpoint import CHECKPOINT_VERSION, Checkpoint, CheckpointError
from mariogen.generator.evolution import Evolution, RunResult, run_generator
from mariogen.generator.fitness import Evaluation, evaluate, evaluate_genomes
from mariogen.generator.settings import GeneratorSettings, Mode, default_metrics
from mariogen.generator.strategy import (
    Strategy,
    make_strategy,
    register_strategy,
    strategy_names,
)

__all__ = [
    "CHECKPOINT_VERSION",
    "Checkpoint",
    "CheckpointError",
    "Evaluation",
    "Evolution",
    "GeneratorSettings",
    "Mode",
    "RunResult",
    "Strategy",
    "default_metrics",
    "evaluate",
    "evaluate_genomes",
    "make_strategy",
    "register_strategy",
    "run_generator",
    "strategy_names",
]
