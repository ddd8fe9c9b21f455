"""Evaluation on a real Dask ``LocalCluster`` (loopback, 2 worker processes, one thread each).

``--dask local`` and ``--workers 2`` must give the same files for the same seed; the
cluster's workers are warmed by the plug-in; a worker that hangs or dies is handled as in
the local pool (the test-only ``chaos`` planner hangs or kills its worker on marked levels).
Needs the ``dask`` extra (``pip install -e '.[dev,dask]'``, as CI does): skipped without it,
except under ``CI=true``, where its absence fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mariogen.evaluation import (
    Cause,
    Failed,
    Incident,
    PlayJob,
    evaluate,
    executor_scope,
    run_items,
    run_play,
)
from mariogen.generator import GeneratorSettings, run_generator
from mariogen.level import Level
from mariogen.metrics import make_metric
from tests.evaluation import chaos_planner
from tests.generator.test_executor import written

if os.environ.get("CI", "").lower() == "true":
    import distributed  # noqa: F401 (CI installs the dask extra: its absence is a failure)
else:
    pytest.importorskip("distributed", reason="the dask extra is not installed")

from mariogen.evaluation.dask_executor import DaskRunner

#: Seconds a chaos play may take before its worker counts as hung (they take well under 1 s).
HANG_TIMEOUT_S = 10.0
EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "levels" / "examples").glob("*.txt"))


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A LocalCluster of 2 workers whose processes have the chaos planner: on the first
    example level it hangs, on the second it kills its worker."""
    from mariogen.agents.planners import PLANNERS

    levels = [Level.read(p) for p in EXAMPLES]
    with pytest.MonkeyPatch.context() as mp:
        root = tmp_path_factory.mktemp("chaos")
        cards = chaos_planner.install(root, mp.setenv, mp.syspath_prepend)
        marks = [chaos_planner.level_mark(lv) for lv in levels]
        chaos_planner.write_card(cards, hang=[marks[0]], kill=[marks[1]])
        runner = DaskRunner.connect("local", workers=2)
        try:
            yield {"runner": runner, "levels": levels}
        finally:
            runner.close()
    PLANNERS.reload_plugins()


def test_the_cluster_has_warm_single_threaded_workers(cluster: dict[str, Any]) -> None:
    runner: DaskRunner = cluster["runner"]
    assert runner.workers == 2 and set(runner.client.nthreads().values()) == {1}
    plugins = runner.client.run(lambda dask_worker: sorted(dask_worker.plugins))
    assert all("mariogen-warm-up" in names for names in plugins.values())
    addresses = {addr.split("://")[1].split(":")[0] for addr in runner.client.nthreads()}
    assert addresses == {"127.0.0.1"}


def test_dask_local_gives_the_files_of_a_local_pool(
    cluster: dict[str, Any], tmp_path: Path
) -> None:
    s = GeneratorSettings(
        persona="runner",
        metrics=(("coins-v0", 1.0),),
        segments=4,
        seed=3,
        difficulty="any",
        population=6,
        generations=2,
    )
    with executor_scope(workers=2) as pool:
        local = run_generator(s, tmp_path / "pool", progress=False, executor=pool)
    on_dask = run_generator(s, tmp_path / "dask", progress=False, executor=cluster["runner"])
    assert written(local) == written(on_dask)
    assert (tmp_path / "pool" / "checkpoint.json").read_bytes() == (
        tmp_path / "dask" / "checkpoint.json"
    ).read_bytes()


def test_dask_local_gives_the_table_of_a_local_pool(cluster: dict[str, Any]) -> None:
    levels = cluster["levels"][1:]
    metrics = [make_metric(n) for n in ("completion-v0", "coins-v0", "jumps-v0", "leniency-v0")]
    args = {"agents": ["run-right", "random"], "metrics": metrics, "seed": 4, "progress": False}
    local = evaluate(levels, workers=2, **args)
    on_dask = evaluate(levels, executor=cluster["runner"], **args)
    assert local.table.equals(on_dask.table) and not on_dask.failed


def test_a_hung_and_a_killed_worker_on_the_cluster(cluster: dict[str, Any]) -> None:
    runner = DaskRunner(cluster["runner"].client, timeout_s=HANG_TIMEOUT_S)
    levels = cluster["levels"]
    jobs = [PlayJob.of(lv, a, 0, 0, 5) for lv in levels for a in (chaos_planner.PERSONA, "random")]
    incidents: list[Incident] = []
    out = run_items(run_play, jobs, runner, on_incident=incidents.append)
    assert out[0] == Failed(Cause.HUNG, f"no result in {HANG_TIMEOUT_S:g} s", attempts=2)
    assert isinstance(out[2], Failed) and out[2].cause is Cause.DIED and out[2].attempts == 2
    assert [(i.indices, i.retried) for i in incidents if i.cause is Cause.HUNG] == [
        ((0,), True),
        ((0,), False),
    ]
    for index in (1, 3, 4, 5):
        assert out[index].stats == run_play(jobs[index]).stats
    after = run_items(run_play, jobs[4:], runner)  # the restarted workers take work
    assert [p.stats for p in after] == [out[4].stats, out[5].stats]


def _generate(tmp_path: Path, name: str, *executor: str) -> Path:
    out = tmp_path / name
    tiny = ["--persona", "runner", "--segments", "4", "--population", "4", "--generations", "1"]
    args = [*tiny, "--difficulty", "any", "--seed", "5", "--no-replays", "-q", "-o", str(out)]
    done = subprocess.run(
        [sys.executable, "-m", "mariogen", "generate", *args, *executor],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out


def test_generate_with_dask_local_writes_what_workers_2_writes(tmp_path: Path) -> None:
    pool = _generate(tmp_path, "pool", "--workers", "2")
    dask = _generate(tmp_path, "dask", "--dask", "local", "--workers", "2")
    for name in ("level.txt", "logbook.csv", "population.json"):
        assert (pool / name).read_bytes() == (dask / name).read_bytes(), name


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path: Path) -> None:
    args = ["evaluate", str(EXAMPLES[0]), "--agents", "random", "-o", str(tmp_path / "t.csv")]
    done = subprocess.run(
        [sys.executable, "-m", "mariogen", *args, "--dask", "tcp://127.0.0.1:9"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mariogen: error: --dask tcp://127.0.0.1:9: ")
