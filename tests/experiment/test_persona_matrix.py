"""The persona matrix's quick preset, run for real: the table, the report, resume, refusal."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pandas as pd
import pytest

from mariogen.cli.experiment import shipped_config
from mariogen.cli.main import main
from mariogen.experiment.behaviour import BEHAVIOURS
from mariogen.experiment.config import ExperimentConfigError, load_config
from mariogen.experiment.persona_matrix import COLUMNS, METRIC_STATISTIC, cells
from mariogen.experiment.run import report_experiment, run_experiment
from mariogen.experiment.store import ResultsFolderError
from mariogen.level import Level


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pm") / "quick"
    config = load_config(shipped_config("persona_matrix"), quick=True)
    run_experiment(config, folder, workers=2, progress=False)
    return folder


def test_the_table_is_tidy_complete_and_finite(quick_run: Path) -> None:
    config = load_config(shipped_config("persona_matrix"), quick=True)
    table = pd.read_csv(quick_run / "table.csv")
    assert tuple(table.columns) == COLUMNS
    opts = config.options
    n_cells = len(opts["metrics"]) * len(opts["testers"]) * opts["levels"]
    assert len(cells(config)) == n_cells
    assert len(table) == n_cells * len(opts["players"]) * (len(BEHAVIOURS) + 1)
    assert set(table["statistic"]) == {*BEHAVIOURS, METRIC_STATISTIC}
    assert table["value"].map(math.isfinite).all()
    # every level was played by every player, and the completion is a share
    completion = table[table["statistic"] == "completion-v0"]["value"]
    assert completion.between(0, 1).all()
    for path in (quick_run / "levels").rglob("*.txt"):
        Level.read(path)
    assert len(list((quick_run / "levels").rglob("*.txt"))) == n_cells


def test_the_report_has_every_table_and_plot(quick_run: Path) -> None:
    report = quick_run / "report"
    config = load_config(shipped_config("persona_matrix"), quick=True)
    for metric in config.options["metrics"]:
        for kind in ("heatmap", "boxes"):
            assert (report / f"{kind}-{metric}.png").read_bytes()[:4] == b"\x89PNG"
    tests = pd.read_csv(report / "tests.csv")
    assert len(tests) == len(config.options["metrics"]) * 3 * 2
    assert tests["p_holm"].between(0, 1).all() and (tests["p_holm"] >= tests["p"]).all()
    assert tests["a12"].between(0, 1).all()
    assert (tests["a12_low"] <= tests["a12"]).all() and (tests["a12"] <= tests["a12_high"]).all()
    assert r"\toprule" in (report / "tests.tex").read_text()
    assert "± " in (report / "matrices.md").read_text()
    assert "diagonal dominance" in (report / "verdict.md").read_text()


def test_resume_runs_only_the_missing_cells_and_gives_the_same_table(
    quick_run: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(quick_run, copy)
    lost = sorted((copy / "cells").iterdir())[1]
    lost.unlink()
    (copy / "table.csv").unlink()
    config = load_config(shipped_config("persona_matrix"), quick=True)
    summary = run_experiment(config, copy, resume=True, progress=False)
    assert summary.ran == 1
    assert (copy / "table.csv").read_bytes() == (quick_run / "table.csv").read_bytes()


def test_an_earlier_run_is_not_overwritten_unasked(
    quick_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = load_config(shipped_config("persona_matrix"), quick=True)
    with pytest.raises(ResultsFolderError, match=r"--resume.*--force"):
        run_experiment(config, quick_run, progress=False)
    other = load_config(shipped_config("persona_matrix"), quick=True, seed_offset=1)
    with pytest.raises(ResultsFolderError, match="another config"):
        run_experiment(other, quick_run, resume=True, progress=False)
    assert main(["experiment", "run", "persona_matrix", "--quick", "-o", str(quick_run)]) == 2
    assert "--force" in capsys.readouterr().err


def test_report_redraws_from_the_saved_cells(quick_run: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(quick_run, copy)
    shutil.rmtree(copy / "report")
    (copy / "table.csv").unlink()
    assert main(["experiment", "report", str(copy)]) == 0
    assert (copy / "table.csv").read_bytes() == (quick_run / "table.csv").read_bytes()
    assert (copy / "report" / "tests.csv").read_bytes() == (
        quick_run / "report" / "tests.csv"
    ).read_bytes()
    with pytest.raises(ResultsFolderError, match="not an experiment"):
        report_experiment(tmp_path)


def test_a_local_dask_cluster_gives_the_same_table(quick_run: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    from mariogen.evaluation.parallel import executor_scope

    config = load_config(shipped_config("persona_matrix"), quick=True)
    with executor_scope(workers=2, dask="local") as cluster:
        run_experiment(config, tmp_path / "dask", executor=cluster, progress=False)
    assert (tmp_path / "dask" / "table.csv").read_bytes() == (quick_run / "table.csv").read_bytes()


def test_the_rl_personas_are_testers_and_players(tmp_path: Path) -> None:
    config = load_config(shipped_config("persona_matrix_rl"), quick=True)
    run_experiment(config, tmp_path / "rl", progress=False)
    table = pd.read_csv(tmp_path / "rl" / "table.csv")
    rl = {"rl-runner", "rl-collector", "rl-killer"}
    assert set(table["tester"]) == rl and set(table["player"]) == rl
    assert table["value"].map(math.isfinite).all()
    tests = pd.read_csv(tmp_path / "rl" / "report" / "tests.csv")
    own = tests[tests["test"] == "behaviour"].set_index("persona")["statistic"]
    assert own.groupby(level=0).first().to_dict() == {
        "rl-runner": "speed-v0",
        "rl-collector": "coins-v0",
        "rl-killer": "kills-v0",
    }


def test_a_metric_that_needs_weak_variants_refuses_testers_without_one(tmp_path: Path) -> None:
    text = shipped_config("persona_matrix_rl").read_text()
    path = tmp_path / "gap.toml"
    path.write_text(text.replace('"behaviour-fun-v0"', '"tester-ability-gap-v0"'))
    config = load_config(path)
    with pytest.raises(ExperimentConfigError, match=r"gap.toml: .*rl-runner.*no weak variant"):
        run_experiment(config, tmp_path / "out", progress=False)
    assert not (tmp_path / "out").exists()  # refused before any work


def test_testers_and_players_must_be_registered_agents(tmp_path: Path) -> None:
    text = shipped_config("persona_matrix_rl").read_text()
    path = tmp_path / "players.toml"
    path.write_text(text.replace('players = ["rl-runner",', 'players = ["random", "rl-runner",'))
    assert "random" in cells(load_config(path))[0].players  # a baseline agent, not a card
    path.write_text(text.replace('"rl-killer"]', '"rl-kiler"]'))
    with pytest.raises(ExperimentConfigError, match=r"players.toml: .*unknown persona 'rl-kiler'"):
        cells(load_config(path))
