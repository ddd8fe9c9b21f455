"""Run an experiment: its cells through the executor seam, saved one by one, then the report.

A run is a pure function of its config: every cell is seeded from it, cells are
independent, and the tidy table is assembled in cell order, so the table is the same
whatever the number of workers, the executor, or how many times the run was interrupted
and resumed.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm import tqdm

from mariogen.evaluation.failures import Failed
from mariogen.evaluation.parallel import ItemRunner, executor_scope, run_tasks
from mariogen.experiment import generator_comparison, metric_comparison, persona_matrix
from mariogen.experiment.config import ExperimentConfig, ExperimentKind, load_config
from mariogen.experiment.matrix_report import write_report as write_matrix_report
from mariogen.experiment.store import (
    CONFIG_COPY,
    RUN_FILE,
    ResultsFolderError,
    ResultStore,
    load_cell,
)
from mariogen.fileio import atomic_write

TABLE = "table.csv"
#: Wall-clock seconds one cell (a whole generator run and its plays) may take in a worker.
CELL_TIMEOUT_S = 3600.0


class CellsFailedError(RuntimeError):
    """Cells whose workers died or hung on every attempt (the others were saved)."""


@dataclass(frozen=True)
class ExperimentType:
    """How one kind of experiment is run.

    Attributes:
        cells: the config's cells (each with a ``cell_id``), in table order.
        run_cell: runs one cell; module-level, so it can be sent to a worker.
        columns: the tidy table's columns.
        report: writes the report from the output folder, the table and the config.
    """

    cells: Callable[[ExperimentConfig], Sequence[Any]]
    run_cell: Callable[[Any], dict[str, Any]]
    columns: tuple[str, ...]
    report: Callable[[Path, pd.DataFrame, ExperimentConfig, list[dict[str, Any]]], list[Path]]


def _matrix_report(
    folder: Path, table: pd.DataFrame, config: ExperimentConfig, data: list[dict[str, Any]]
) -> list[Path]:
    written = []
    for cell in data:
        c = cell["cell"]
        path = folder / "levels" / f"{c['metric']}--{c['tester']}" / f"{c['seed']}.txt"
        atomic_write(path, lambda tmp, t=cell["level"]: tmp.write_text(t, encoding="utf-8"))
        written.append(path)
    return written + write_matrix_report(folder, table, seed=config.seed)


def _metric_report(
    folder: Path, table: pd.DataFrame, config: ExperimentConfig, data: list[dict[str, Any]]
) -> list[Path]:
    return metric_comparison.write_report(folder, table, config)


def _generator_report(
    folder: Path, table: pd.DataFrame, config: ExperimentConfig, data: list[dict[str, Any]]
) -> list[Path]:
    written = []
    for cell in data:
        for name, text in zip(cell["cell"]["levels"], cell.get("generated", []), strict=False):
            path = folder / "levels" / cell["cell"]["generator"].replace(":", "_") / f"{name}.txt"
            atomic_write(path, lambda tmp, t=text: tmp.write_text(t, encoding="utf-8"))
            written.append(path)
    return written + generator_comparison.write_report(folder, table, config)


EXPERIMENTS: dict[ExperimentKind, ExperimentType] = {
    ExperimentKind.PERSONA_MATRIX: ExperimentType(
        persona_matrix.cells, persona_matrix.run_cell, persona_matrix.COLUMNS, _matrix_report
    ),
    ExperimentKind.METRIC_COMPARISON: ExperimentType(
        metric_comparison.cells,
        metric_comparison.run_cell,
        metric_comparison.COLUMNS,
        _metric_report,
    ),
    ExperimentKind.GENERATOR_COMPARISON: ExperimentType(
        generator_comparison.cells,
        generator_comparison.run_cell,
        generator_comparison.COLUMNS,
        _generator_report,
    ),
}


@dataclass(frozen=True)
class RunSummary:
    """What a run did.

    Attributes:
        folder: the output folder.
        cells: cells of the experiment.
        ran: cells run now (the others were done before: a resume).
        seconds: wall time of this call.
        files: the files written (table, levels, report).
    """

    folder: Path
    cells: int
    ran: int
    seconds: float
    files: list[Path]


def run_experiment(
    config: ExperimentConfig,
    folder: Path,
    *,
    workers: int = 1,
    executor: Executor | None = None,
    resume: bool = False,
    force: bool = False,
    progress: bool | None = None,
) -> RunSummary:
    """Run every cell not yet saved, then write the table and the report.

    Args:
        config: the validated config.
        folder: the output folder.
        workers: processes when no executor is given (cells run in parallel).
        executor: any ``concurrent.futures.Executor`` (not shut down here).
        resume: continue the run saved in ``folder``.
        force: replace whatever ``folder`` holds.
        progress: show a progress bar (None: only on a terminal).

    Raises:
        ResultsFolderError: when ``folder`` may not be written (see :class:`ResultStore`).
    """
    start = time.perf_counter()
    kind = EXPERIMENTS[config.kind]
    cells = list(kind.cells(config))
    store = ResultStore(folder, config, resume=resume, force=force)
    todo = [c for c in cells if not store.done(c.cell_id)]
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(
        total=len(cells),
        initial=len(cells) - len(todo),
        unit="cell",
        desc=f"{config.kind.value} {config.name}",
        disable=not show,
    )

    failed: list[str] = []

    def done(index: int, data: Any) -> None:
        if isinstance(data, Failed):
            failed.append(f"{todo[index].cell_id}: {data}")
            return
        store.save(todo[index].cell_id, data)
        bar.update(1)

    try:
        scope = executor_scope(
            executor, workers if todo else 1, timeout_s=CELL_TIMEOUT_S, progress=show
        )
        with scope as pool:
            if isinstance(pool, ItemRunner):
                pool.run_items(kind.run_cell, todo, 1, done)
            else:
                run_tasks(kind.run_cell, todo, pool, on_done=done)
    finally:
        bar.close()
    if failed:
        raise CellsFailedError(
            f"{len(failed)} cells failed (their workers died or hung; the others are saved, "
            f"--resume retries them): " + "; ".join(failed[:3])
        )
    data = [store.load(c.cell_id) for c in cells]
    table = pd.DataFrame([row for cell in data for row in cell["rows"]], columns=list(kind.columns))
    atomic_write(folder / TABLE, lambda tmp: table.to_csv(tmp, index=False, lineterminator="\n"))
    files = [folder / TABLE, *kind.report(folder, table, config, data)]
    return RunSummary(folder, len(cells), len(todo), time.perf_counter() - start, files)


def report_experiment(folder: Path) -> list[Path]:
    """Redraw the tables and plots of a finished run from its saved cells and config copy.

    Raises:
        ResultsFolderError: for a folder that holds no finished run.
    """
    folder = Path(folder)
    if not (folder / RUN_FILE).exists() or not (folder / CONFIG_COPY).exists():
        raise ResultsFolderError(f"{folder}: not an experiment's output folder (no {RUN_FILE})")
    run = json.loads((folder / RUN_FILE).read_text(encoding="utf-8"))
    resolved = run.get("config", {})
    config = load_config(folder / CONFIG_COPY, quick=bool(resolved.get("quick")))
    config = load_config(
        folder / CONFIG_COPY,
        quick=config.quick,
        seed_offset=int(resolved.get("seed", 0)) - config.seed,
    )
    kind = EXPERIMENTS[config.kind]
    cells = list(kind.cells(config))
    missing = [c.cell_id for c in cells if not (folder / "cells" / f"{c.cell_id}.json").exists()]
    if missing:
        raise ResultsFolderError(
            f"{folder}: {len(missing)} of {len(cells)} cells are not finished "
            f"(first: {missing[0]}); finish the run with `mariogen experiment run --resume`"
        )
    data = [load_cell(folder / "cells" / f"{c.cell_id}.json") for c in cells]
    table = pd.DataFrame([row for cell in data for row in cell["rows"]], columns=list(kind.columns))
    atomic_write(folder / TABLE, lambda tmp: table.to_csv(tmp, index=False, lineterminator="\n"))
    return [folder / TABLE, *kind.report(folder, table, config, data)]
