"""The metric and generator comparisons' quick presets, run for real."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from mariogen.cli.experiment import shipped_config
from mariogen.experiment import generator_comparison, metric_comparison
from mariogen.experiment.config import load_config
from mariogen.experiment.corpus import CorpusError, resolve, shared_levels_folder
from mariogen.experiment.run import run_experiment


def test_metric_comparison_quick(tmp_path: Path) -> None:
    config = load_config(shipped_config("metric_comparison"), quick=True)
    run_experiment(config, tmp_path / "mc", progress=False)
    table = pd.read_csv(tmp_path / "mc" / "table.csv")
    assert tuple(table.columns) == metric_comparison.COLUMNS
    opts = config.options
    assert len(table) == opts["library_levels"] * len(opts["players"]) * len(opts["metrics"])
    assert table["value"].map(math.isfinite).all()
    corr = pd.read_csv(tmp_path / "mc" / "report" / "spearman.csv", index_col=0)
    assert corr.shape[0] == corr.shape[1] >= 2
    assert all(corr.loc[m, m] == pytest.approx(1.0) for m in corr.index)
    assert corr.abs().le(1 + 1e-9).all().all()
    report = tmp_path / "mc" / "report"
    for pair in opts["pairs"]:
        a, b = pair.split(":")
        assert (report / f"range-{a}-{b}.png").read_bytes()[:4] == b"\x89PNG"
    summary = (report / "summary.md").read_text()
    assert all(f"| {m} |" in summary for m in opts["metrics"])


def test_generator_comparison_quick(tmp_path: Path) -> None:
    config = load_config(shipped_config("generator_comparison"), quick=True)
    run_experiment(config, tmp_path / "gc", workers=2, progress=False)
    table = pd.read_csv(tmp_path / "gc" / "table.csv")
    assert tuple(table.columns) == generator_comparison.COLUMNS
    personas = config.options["personas"]
    generators = set(table["generator"])
    assert {f"mariogen:{p}" for p in personas} <= generators
    if shared_levels_folder() is not None:
        assert "notch" in generators
    assert table["value"].map(math.isfinite).all()
    card = (tmp_path / "gc" / "report" / "report_card.md").read_text()
    rows = [line for line in card.splitlines() if line.startswith("| ") and " ± " in line]
    assert sum(line.count(" *") for line in rows) == len(personas)  # one best per persona
    assert (tmp_path / "gc" / "report" / "report_card.tex").exists()
    generated = list((tmp_path / "gc" / "levels").rglob("*.txt"))
    assert len(generated) == len(personas) * config.options["levels"]


def test_a_corpus_name_that_names_nothing_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no such folder"):
        resolve([str(tmp_path / "missing")], 0, 5, 0, 0)
    with pytest.raises(CorpusError, match="holds no level files"):
        resolve([str(tmp_path)], 0, 5, 0, 0)
