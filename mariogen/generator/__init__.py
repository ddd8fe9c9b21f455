"""The evolutionary level generator: genomes of segment ids, persona playtests as fitness.

- :mod:`.settings`: :class:`GeneratorSettings`, every parameter of a run;
- :mod:`.fitness`: :func:`evaluate`, a pure function of (genome, settings);
- :mod:`.creator`: DEAP's global ``creator`` classes (only there);
- :mod:`.operators`: replace-k and adjacent-swap mutations, two-point crossover, tournaments;
- :mod:`.evolution`: the loop, parallel cached evaluation, checkpoints and resume;
- :mod:`.outputs`: the files a run writes (level, picture, replays, logbook, report).
"""

from mariogen.generator.checkpoint import Checkpoint, CheckpointError
from mariogen.generator.evolution import Evolution, RunResult, run_generator
from mariogen.generator.fitness import Evaluation, evaluate, known_metrics, resolve_metric
from mariogen.generator.settings import GeneratorSettings, Mode, default_metrics

__all__ = [
    "Checkpoint",
    "CheckpointError",
    "Evaluation",
    "Evolution",
    "GeneratorSettings",
    "Mode",
    "RunResult",
    "default_metrics",
    "evaluate",
    "known_metrics",
    "resolve_metric",
    "run_generator",
]
