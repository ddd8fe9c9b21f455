"""Metric comparison: every registered metric on corpora of levels, played by personas.

One cell per corpus and batch of its levels: each level is played by every player and
every metric is computed (:func:`mariogen.evaluation.evaluate`); rows of the tidy table
``corpus, level, player, metric, value``. The report holds the Spearman correlation matrix
of the metrics (a heatmap), expressive-range 2-D histograms of chosen metric pairs, and a
persona x metric summary table.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from mariogen.evaluation import evaluate
from mariogen.experiment.behaviour import finite_or_nan
from mariogen.experiment.config import ExperimentConfig, ExperimentConfigError
from mariogen.experiment.corpus import resolve
from mariogen.experiment.tables import latex, markdown
from mariogen.fileio import atomic_write
from mariogen.level import Level
from mariogen.metrics import make_metric, metric_names

COLUMNS = ("corpus", "level", "player", "metric", "value")
#: Levels per cell.
BATCH = 10


@dataclass(frozen=True)
class CorpusCell:
    """A batch of one corpus's levels to play and measure."""

    corpus: str
    index: int
    levels: tuple[tuple[str, str], ...]
    players: tuple[str, ...]
    metrics: tuple[str, ...]
    seed: int
    time_limit_s: float

    @property
    def cell_id(self) -> str:
        """The cell's file name."""
        return f"{self.corpus.replace(':', '_').replace('/', '_')}--{self.index}"


def metrics_of(config: ExperimentConfig) -> tuple[str, ...]:
    """The config's metrics (every registered metric when it lists none).

    Raises:
        ExperimentConfigError: for an unknown metric.
    """
    names = tuple(config.options["metrics"]) or tuple(metric_names())
    for name in names:
        try:
            make_metric(name)
        except (KeyError, ValueError) as exc:
            raise ExperimentConfigError(
                f"{config.path}: [metric_comparison] metrics: {exc}"
            ) from None
    return names


def cells(config: ExperimentConfig) -> list[CorpusCell]:
    """Every cell: each corpus cut into batches of :data:`BATCH` levels."""
    opts = config.options
    corpora = resolve(
        list(opts["corpora"]),
        config.seed,
        int(opts["max_levels"]),
        int(opts["library_levels"]),
        int(opts["library_segments"]),
    )
    metrics = metrics_of(config)
    time_limit = float(config.generator.get("time_limit_s", 20.0))
    out = []
    for corpus in corpora:
        for index in range(0, len(corpus.levels), BATCH):
            batch = corpus.levels[index : index + BATCH]
            out.append(
                CorpusCell(
                    corpus.name,
                    index // BATCH,
                    batch,
                    tuple(opts["players"]),
                    metrics,
                    config.seed,
                    time_limit,
                )
            )
    return out


def run_cell(cell: CorpusCell) -> dict[str, Any]:
    """Play and measure one batch (runs in a worker)."""
    levels = [Level.from_text(text, source=name) for name, text in cell.levels]
    metrics = [make_metric(name) for name in cell.metrics]
    result = evaluate(
        levels,
        cell.players,
        metrics,
        seed=cell.seed,
        time_limit_s=cell.time_limit_s,
        progress=False,
    )
    names = {level.name: name for level, (name, _) in zip(levels, cell.levels, strict=True)}
    rows = [
        [cell.corpus, names.get(r.level, r.level), r.agent, r.metric, finite_or_nan(r.value)]
        for r in result.table.itertuples()
    ]
    return {"cell": {**asdict(cell), "levels": [n for n, _ in cell.levels]}, "rows": rows}


def _wide(table: pd.DataFrame) -> pd.DataFrame:
    return table.pivot_table(
        index=["corpus", "level", "player"], columns="metric", values="value", sort=False
    )


def correlation(table: pd.DataFrame) -> pd.DataFrame:
    """Spearman correlations between metrics over every (level, player) row."""
    wide = _wide(table)
    varying = [c for c in wide.columns if wide[c].nunique(dropna=True) > 1]
    return wide[varying].corr(method="spearman")


def summary(table: pd.DataFrame) -> pd.DataFrame:
    """Mean of every metric by player (rows: metric, columns: player)."""
    return table.pivot_table(index="metric", columns="player", values="value", sort=False)


def write_report(folder: Path, table: pd.DataFrame, config: ExperimentConfig) -> list[Path]:
    """The correlation heatmap, expressive-range histograms and summary tables."""
    out = Path(folder) / "report"
    written = []
    corr = correlation(table)
    fig, ax = plt.subplots(figsize=(0.28 * len(corr) + 3, 0.28 * len(corr) + 2.5))
    ax.imshow(corr.to_numpy(float), cmap="coolwarm", vmin=-1, vmax=1)
    ax.set_xticks(range(len(corr)), list(corr.columns), rotation=90, fontsize=6)
    ax.set_yticks(range(len(corr)), list(corr.index), fontsize=6)
    ax.set_title("Spearman correlation of metrics", fontsize=9)
    fig.tight_layout()
    written.append(_figure(fig, out / "spearman.png"))
    for pair in config.options["pairs"]:
        written.append(_expressive_range(table, pair, out, config))
    summ = summary(table)
    texts = {
        "summary.md": "# Mean of each metric by player\n\n" + markdown(summ, "metric"),
        "summary.tex": latex(summ, "metric", caption="Mean of each metric by player"),
        "spearman.csv": corr.to_csv(lineterminator="\n"),
    }
    for name, text in texts.items():
        atomic_write(out / name, lambda tmp, t=text: tmp.write_text(t, encoding="utf-8"))
        written.append(out / name)
    return written


def _expressive_range(table: pd.DataFrame, pair: str, out: Path, config: ExperimentConfig) -> Path:
    a, sep, b = pair.partition(":")
    wide = _wide(table)
    if not sep or a not in wide.columns or b not in wide.columns:
        raise ExperimentConfigError(
            f"{config.path}: pair {pair!r}: expected A:B of measured metrics"
        )
    corpora = list(dict.fromkeys(table["corpus"]))
    fig, axes = plt.subplots(1, len(corpora), figsize=(3.2 * len(corpora), 3), squeeze=False)
    data = wide.reset_index()
    for ax, corpus in zip(axes[0], corpora, strict=True):
        rows = data[data["corpus"] == corpus][[a, b]].dropna().to_numpy(float)
        if len(rows):
            ax.hist2d(rows[:, 0], rows[:, 1], bins=12, cmap="magma")
        ax.set_title(corpus, fontsize=8)
        ax.set_xlabel(a, fontsize=7)
    axes[0][0].set_ylabel(b, fontsize=7)
    fig.tight_layout()
    return _figure(fig, out / f"range-{a}-{b}.png")


def _figure(fig: plt.Figure, path: Path) -> Path:
    atomic_write(path, lambda tmp: fig.savefig(tmp, dpi=110, format="png"), suffix=".png")
    plt.close(fig)
    return path


__all__ = ["COLUMNS", "CorpusCell", "cells", "correlation", "run_cell", "summary", "write_report"]
