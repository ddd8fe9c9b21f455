"""Generator comparison: which generator gives each persona the most of its behaviour?

The corpora are other generators' level folders (the shared Mario AI Framework generators,
``shared``, or any folder) beside mariogen's own per-persona levels: for each persona,
``levels`` levels generated with it as tester and its card's default metric. Every persona
plays every level. The behaviour compared is the persona's own (its card's first metric:
coins, kills, speed) as a rate that does not grow with the level's length: coins and kills
per second of play, and speed as it is. The report card ranks the generators per persona.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from mariogen.experiment.behaviour import LevelPlays, finite_or_nan, own_behaviour
from mariogen.experiment.config import ExperimentConfig
from mariogen.experiment.corpus import resolve
from mariogen.experiment.tables import latex, markdown, number
from mariogen.fileio import atomic_write
from mariogen.generator import GeneratorSettings, run_generator
from mariogen.generator.fitness import context
from mariogen.level import Level
from mariogen.metrics.gameplay import game_seconds

COLUMNS = ("generator", "level", "player", "statistic", "value")
#: Levels per cell of a folder corpus.
BATCH = 6
#: The statistics of every play: each persona's own behaviour, and seconds of play.
SECONDS = "seconds"
RATE = "rate"


@dataclass(frozen=True)
class FolderCell:
    """A batch of a generator's levels (or one level for mariogen to generate first).

    Attributes:
        generator: the generator's name in tables.
        index: the batch's index.
        levels: ``(name, text)`` pairs; empty for a mariogen cell.
        players: the personas that play.
        seed: every agent's seed (and the generator's, for a mariogen cell).
        persona: for a mariogen cell, the tester ("" otherwise).
        generator_settings: the ``[generator]`` settings of a mariogen cell.
    """

    generator: str
    index: int
    levels: tuple[tuple[str, str], ...]
    players: tuple[str, ...]
    seed: int
    persona: str = ""
    generator_settings: tuple[tuple[str, Any], ...] = ()

    @property
    def cell_id(self) -> str:
        """The cell's file name."""
        return f"{self.generator.replace(':', '_')}--{self.index}"


def cells(config: ExperimentConfig) -> list[FolderCell]:
    """mariogen's cells (persona x seed), then each folder corpus in batches."""
    opts = config.options
    personas = tuple(opts["personas"])
    settings = tuple(sorted(config.generator.items()))
    out = [
        FolderCell(f"mariogen:{p}", k, (), personas, config.seed + k, p, settings)
        for p in personas
        for k in range(int(opts["levels"]))
    ]
    for corpus in resolve(list(opts["folders"]), config.seed, int(opts["max_levels"]), 0, 0):
        for index in range(0, len(corpus.levels), BATCH):
            batch = corpus.levels[index : index + BATCH]
            out.append(FolderCell(corpus.name, index // BATCH, batch, personas, config.seed))
    return out


def _generated(cell: FolderCell) -> tuple[tuple[str, str], ...]:
    settings = GeneratorSettings(
        persona=cell.persona, mode="single", seed=cell.seed, **dict(cell.generator_settings)
    )
    result = run_generator(settings, workers=1, progress=False)
    name = f"{cell.persona}-{cell.seed}"
    return ((name, context(settings).library.assemble(result.best, name=name).to_text()),)


def run_cell(cell: FolderCell) -> dict[str, Any]:
    """Play (after generating, for a mariogen cell) and measure (runs in a worker)."""
    levels = cell.levels or _generated(cell)
    time_limit = float(dict(cell.generator_settings).get("time_limit_s", 20.0))
    rows = []
    for name, text in levels:
        plays = LevelPlays(Level.from_text(text, source=name), cell.seed, 0, time_limit)
        for player in cell.players:
            behaviour = own_behaviour(player)
            value = plays.values(player, (behaviour,))[behaviour]
            seconds = game_seconds(plays.get(player))
            rate = value if behaviour == "speed-v0" else value / max(seconds, 1e-9)
            for statistic, v in ((behaviour, value), (SECONDS, seconds), (RATE, rate)):
                rows.append([cell.generator, name, player, statistic, finite_or_nan(v)])
    return {
        "cell": {**asdict(cell), "levels": [n for n, _ in levels]},
        "rows": rows,
        "generated": [t for _, t in levels] if not cell.levels else [],
    }


def report_card(table: pd.DataFrame) -> pd.DataFrame:
    """Mean own-behaviour rate of each persona (columns) on each generator's levels (rows);
    ``*`` marks the best generator per persona."""
    rates = table[table["statistic"] == RATE]
    mean = rates.pivot_table(
        index="generator", columns="player", values="value", sort=False, dropna=False
    )
    std = rates.pivot_table(
        index="generator", columns="player", values="value", aggfunc="std", sort=False, dropna=False
    )
    card = mean.copy().astype(object)
    for player in mean.columns:
        best = mean[player].idxmax()
        for gen in mean.index:
            mark = " *" if gen == best else ""
            card.loc[gen, player] = (
                f"{number(mean.loc[gen, player])} ± {number(std.loc[gen, player])}{mark}"
            )
    return card


def write_report(folder: Path, table: pd.DataFrame, config: ExperimentConfig) -> list[Path]:
    """The report card (Markdown, LaTeX) and each persona's best generator."""
    out = Path(folder) / "report"
    card = report_card(table)
    rates = table[table["statistic"] == RATE]
    mean = rates.pivot_table(index="generator", columns="player", values="value", sort=False)
    lines = [f"- {player}: {mean[player].idxmax()}" for player in mean.columns]
    what = {p: own_behaviour(p) for p in card.columns}
    legend = ", ".join(
        f"{p}: {b}" + ("" if b == "speed-v0" else " per second") for p, b in what.items()
    )
    md = (
        f"# Report card\n\nMean ± std of each persona's own behaviour ({legend}); * marks the "
        f"best generator for the persona.\n\n"
        + markdown(card, "generator")
        + "\nBest generator per persona:\n\n"
        + "\n".join(lines)
        + "\n"
    )
    written = []
    for name, text in (
        ("report_card.md", md),
        ("report_card.tex", latex(card, "generator", caption="Report card")),
    ):
        atomic_write(out / name, lambda tmp, t=text: tmp.write_text(t, encoding="utf-8"))
        written.append(out / name)
    return written
