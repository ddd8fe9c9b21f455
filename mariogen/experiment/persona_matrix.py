"""The persona matrix: one metric, different testers; do the levels differ for the players?

For each metric of the config (the same for every tester), each tester persona and each of
K seeds, the generator makes one level in ``single`` mode with that metric and tester; then
every player persona plays every level (cross-play). Each play gives the behaviour
statistics (:data:`~mariogen.experiment.behaviour.BEHAVIOURS`) and the metric itself, as
rows of the tidy table ``metric, tester, seed, level, player, statistic, value``.

The seed paper's claim (Zhang, Bai & Liu 2022): with the same experience metric, a persona
agent as tester generates levels for that persona. :mod:`~mariogen.experiment.matrix_stats`
tests it on this table.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from mariogen.agents import list_agents
from mariogen.agents.personas import PersonaCardError
from mariogen.evaluation.scoring import personas_needed
from mariogen.experiment.behaviour import BEHAVIOURS, LevelPlays, finite_or_nan
from mariogen.experiment.config import ExperimentConfig, ExperimentConfigError
from mariogen.generator import GeneratorSettings, run_generator
from mariogen.generator.fitness import context
from mariogen.metrics import make_metric

#: The statistic name of the metric's own value in the tidy table.
METRIC_STATISTIC = "metric"
#: The columns of the tidy table.
COLUMNS = ("metric", "tester", "seed", "level", "player", "statistic", "value")


@dataclass(frozen=True)
class MatrixCell:
    """One generated level: its metric, tester and seed, and what the run needs.

    Attributes:
        metric: the generator's metric (its name).
        tester: the tester persona.
        seed: the generator's and every agent's seed.
        players: the personas that play the level.
        generator: the ``[generator]`` settings of the run.
    """

    metric: str
    tester: str
    seed: int
    players: tuple[str, ...]
    generator: tuple[tuple[str, Any], ...]

    @property
    def cell_id(self) -> str:
        """The cell's file name (without ``.json``)."""
        return f"{self.metric}--{self.tester}--{self.seed}"

    def settings(self) -> GeneratorSettings:
        """The generator settings of this cell."""
        return GeneratorSettings(
            persona=self.tester,
            metrics=((self.metric, 1.0),),
            mode="single",
            seed=self.seed,
            **dict(self.generator),
        )


def cells(config: ExperimentConfig) -> list[MatrixCell]:
    """Every cell of the config, in table order (metric, tester, seed).

    Raises:
        ExperimentConfigError: for a tester or player that is no registered agent, or a
            metric that plays the tester's weak variant when a tester has none (before any
            work).
    """
    opts = config.options
    _check_personas(config)
    generator = tuple(sorted(config.generator.items()))
    return [
        MatrixCell(metric, tester, config.seed + k, tuple(opts["players"]), generator)
        for metric in opts["metrics"]
        for tester in opts["testers"]
        for k in range(int(opts["levels"]))
    ]


def _check_personas(config: ExperimentConfig) -> None:
    opts = config.options
    known = {spec.name for spec in list_agents()}
    for persona in dict.fromkeys([*opts["testers"], *opts["players"]]):
        if persona not in known:
            raise ExperimentConfigError(
                f"{config.path}: [persona_matrix] unknown persona {persona!r}; "
                f"known: {', '.join(sorted(known))}"
            )
    for metric in opts["metrics"]:
        needs = [make_metric(metric)]
        for tester in opts["testers"]:
            try:
                personas_needed(needs, tester)
            except PersonaCardError as exc:
                raise ExperimentConfigError(
                    f"{config.path}: [persona_matrix] {metric} plays each tester's weak "
                    f"variant, and {exc}; drop the metric or the tester"
                ) from None


def run_cell(cell: MatrixCell) -> dict[str, Any]:
    """Generate the cell's level and let every player play it (runs in a worker).

    Returns:
        The cell's data: the cell, the level's text, its fitness, and the tidy rows.
    """
    settings = cell.settings()
    result = run_generator(settings, workers=1, progress=False)
    level_name = f"{cell.metric}-{cell.tester}-{cell.seed}"
    level = context(settings).library.assemble(result.best, name=level_name)
    plays = LevelPlays(level, cell.seed, settings.start_mode, settings.time_limit_s)
    rows = []
    for player in cell.players:
        values = plays.values(player, (*BEHAVIOURS, cell.metric))
        stats = {b: values[b] for b in BEHAVIOURS}
        stats[METRIC_STATISTIC] = values[cell.metric]
        for statistic, value in stats.items():
            row = (cell.metric, cell.tester, cell.seed, level_name, player, statistic)
            rows.append([*row, finite_or_nan(value)])
    return {
        "cell": asdict(cell),
        "level": level.to_text(),
        "fitness": float(result.best_evaluation.objective),
        "evaluations": len(result.cache),
        "rows": rows,
    }
