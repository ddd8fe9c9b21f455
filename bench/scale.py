"""How evaluation scales: the local pool against Dask, and an estimate for 10 and 100 workers.

Usage:
    python bench/scale.py [--genomes 24] [--persona collector] [--overhead-tasks 200] [--json]

Evaluates the same ``--genomes`` distinct random 8-segment genomes of the shipped library
(seeded) with the generator's own evaluator, as ``mariogen generate`` does, on four
executors: ``--workers 1`` (this process), ``--workers 2`` (the watchdog pool), and
``--dask local`` with 1 and 2 workers (a LocalCluster on loopback). Start-up (processes,
numba warm-up) is timed apart. Every executor must return the same evaluations.

Then the per-task overhead: ``--overhead-tasks`` tasks that each carry one real
``FitnessTask`` (with the library's contents) and do nothing with it, sent one per task,
on the pool and on the cluster: what a task costs besides its work (pickling, sending,
scheduling, the result's way back). From those:

- Dask overhead per evaluation = its per-task overhead / the evaluations per task (the
  batch size a generation of ``--genomes`` gets on 2 workers), as a share of the pool's
  time per evaluation (the target is at most 10%);
- an estimate of the throughput at 10 and 100 workers: each worker evaluates at the
  1-worker rate, less the per-task overhead spread over its batch, and no more tasks per
  second than the scheduler's measured rate; for ``generate``, at most one population is
  in flight at a time (a generation waits for its slowest evaluation), so the workers beyond
  the population's size stay idle (the estimate says how many are busy).

The machine may be shared: the figures hold for the load it had (``load_average`` says).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from mariogen.evaluation import batch_size, executor_scope, run_items  # noqa: E402
from mariogen.generator import GeneratorSettings  # noqa: E402
from mariogen.generator.fitness import context, evaluate_genomes, fitness_tasks  # noqa: E402

sys.path.insert(0, str(REPO_ROOT / "bench"))
from generate import _genomes  # noqa: E402

#: The executors timed: (label, workers, dask address or None).
EXECUTORS = (
    ("workers 1", 1, None),
    ("workers 2", 2, None),
    ("dask local 1", 1, "local"),
    ("dask local 2", 2, "local"),
)
#: Worker counts of the estimate.
ESTIMATE_WORKERS = (10, 100)
#: generate's default population: the most evaluations one generation has in flight.
POPULATION = 24


def _ratio(a: dict[str, Any], b: dict[str, Any]) -> float:
    return round(a["evaluations_per_second"] / b["evaluations_per_second"], 3)


def _time_executor(
    workers: int, dask: str | None, settings: GeneratorSettings, genomes: list, n_tasks: int
) -> dict[str, Any]:
    library = context(settings).library
    start = time.perf_counter()
    with executor_scope(workers=workers, dask=dask) as executor:
        warm = time.perf_counter()
        if executor is not None:  # one evaluation per worker first: every worker is up
            evaluate_genomes(genomes[:workers], settings, library, executor, workers)
        ready = time.perf_counter()
        results = evaluate_genomes(genomes, settings, library, executor, workers)
        end = time.perf_counter()
        overhead = None if executor is None else _task_seconds(executor, settings, genomes, n_tasks)
    return {
        "startup_seconds": round(ready - start, 3),
        "connect_seconds": round(warm - start, 3),
        "seconds": round(end - ready, 3),
        "evaluations_per_second": round(len(genomes) / (end - ready), 3),
        "seconds_per_evaluation": round((end - ready) / len(genomes), 4),
        # a task's overhead in a worker's time line, and the tasks per second it allows
        "task_overhead_ms": None if overhead is None else round(1000 * overhead * workers, 3),
        "tasks_per_second": None if overhead is None else round(1 / overhead, 1),
        "results": [e.to_dict() for e in results],
    }


def _task_seconds(executor: Any, settings: GeneratorSettings, genomes: list, n: int) -> float:
    """Wall-clock seconds per task of ``n`` tasks that each carry a real FitnessTask (the
    library's contents included) and do nothing with it (``bool``), one item per task."""
    library = context(settings).library
    tasks = [fitness_tasks(genomes[:1], settings, library, size=1)[0]] * n
    run_items(bool, tasks[:4], executor)  # connections up
    start = time.perf_counter()
    run_items(bool, tasks, executor, workers=n)  # n workers: batches of one item
    return (time.perf_counter() - start) / n


def _estimate(
    per_eval_s: float, overhead_s: float, tasks_per_s: float, population: int
) -> dict[str, Any]:
    """Evaluations per second at each of :data:`ESTIMATE_WORKERS` (see the module)."""
    out = {}
    for workers in ESTIMATE_WORKERS:
        entry = {}
        for name, items in (("evaluate", 100 * workers), ("generate", population)):
            busy = min(workers, items)
            per_task = batch_size(items, workers)
            task_s = per_task * per_eval_s + overhead_s
            rate = min(busy * per_task / task_s, tasks_per_s * per_task)
            entry[name] = {
                "busy_workers": busy,
                "evaluations_per_task": per_task,
                "evaluations_per_second": round(rate, 2),
            }
        out[str(workers)] = entry
    return out


def main() -> int:
    """Run the benchmark and print the figures (or ``--json``)."""
    args = _args()
    start = time.perf_counter()
    settings = GeneratorSettings(persona=args.persona, segments=8, seed=args.seed)
    genomes = _genomes(settings, args.genomes)
    figures: dict[str, Any] = {"executors": {}}
    for label, workers, dask in EXECUTORS:
        figures["executors"][label] = _time_executor(
            workers, dask, settings, genomes, args.overhead_tasks
        )
        f = figures["executors"][label]
        if not args.json:
            print(
                f"{label:13s} {f['evaluations_per_second']:6.3f} evaluations/s "
                f"({f['seconds_per_evaluation'] * 1000:7.1f} ms each; start-up "
                f"{f['startup_seconds']:5.1f} s; task overhead {f['task_overhead_ms']} ms)"
            )
    ex = figures["executors"]
    reference = ex["workers 1"].pop("results")
    same = all(e.pop("results") == reference for e in list(ex.values())[1:])
    pool, dask = ex["workers 2"], ex["dask local 2"]
    per_task = batch_size(len(genomes), 2)
    dask_per_eval_s = dask["task_overhead_ms"] / 1000 / per_task  # in a worker's time line
    pool_per_eval_s = 2 * pool["seconds_per_evaluation"]  # likewise: 2 workers in parallel
    figures.update(
        genomes=len(genomes),
        persona=args.persona,
        cpu_count=os.cpu_count(),
        load_average=[round(x, 2) for x in os.getloadavg()],
        identical_results=same,
        evaluations_per_task=per_task,
        dask_overhead_per_evaluation_ms=round(1000 * dask_per_eval_s, 3),
        dask_overhead_share_of_pool_evaluation=round(dask_per_eval_s / pool_per_eval_s, 4),
        speedup_workers_2=_ratio(pool, ex["workers 1"]),
        speedup_dask_2=_ratio(dask, ex["dask local 1"]),
        dask_over_pool_2=_ratio(dask, pool),
        estimate=_estimate(
            ex["dask local 1"]["seconds_per_evaluation"],
            dask["task_overhead_ms"] / 1000,
            dask["tasks_per_second"],
            POPULATION,
        ),
        bench_seconds=round(time.perf_counter() - start, 1),
    )
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"identical evaluations on every executor: {same}")
    print(
        f"dask overhead per evaluation: {figures['dask_overhead_per_evaluation_ms']} ms "
        f"({per_task} evaluations per task) = "
        f"{figures['dask_overhead_share_of_pool_evaluation']:.2%} of the pool's time per "
        "evaluation (target <= 10%)"
    )
    print(
        f"speed-up 1 -> 2 workers: pool {figures['speedup_workers_2']}x, dask "
        f"{figures['speedup_dask_2']}x; dask 2 / pool 2: {figures['dask_over_pool_2']}"
    )
    for workers, entry in figures["estimate"].items():
        parts = [
            f"{name} {e['evaluations_per_second']} evaluations/s ({e['busy_workers']} busy, "
            f"{e['evaluations_per_task']} per task)"
            for name, e in entry.items()
        ]
        print(f"estimate at {workers} workers: " + "; ".join(parts))
    print(
        f"{os.cpu_count()} cores, load average {figures['load_average']}; "
        f"{figures['bench_seconds']} s in all"
    )
    return 0


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--genomes", type=int, default=24, help="genomes evaluated (24)")
    parser.add_argument("--persona", default="collector")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--overhead-tasks", type=int, default=200)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
