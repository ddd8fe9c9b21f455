"""Play jobs and the executor seam: pickling, batching, results by index."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mariogen.agents import play
from mariogen.evaluation import (
    PlayJob,
    batch_size,
    chunked,
    parallelism,
    run_play,
    run_plays,
    run_tasks,
)
from mariogen.level import Level


def test_a_job_is_level_text_and_plays_like_play(example_levels: list[Path]) -> None:
    level = Level.read(example_levels[1])
    job = PlayJob.of(level, "run-right", seed=2, start_mode="large", time_limit_s=5)
    assert job.level_text == level.to_text() and job.level() == level
    back = pickle.loads(pickle.dumps(job))
    assert back == job
    direct = play("run-right", level, "large", 5, record=True, seed=2)
    result = run_play(back)
    assert (result.buttons == direct.buttons).all() and result.stats == direct.stats


def test_run_plays_on_threads_equals_in_process(example_levels: list[Path]) -> None:
    levels = [Level.read(p) for p in example_levels]
    jobs = [PlayJob.of(lv, agent, 0, 0, 3) for lv in levels for agent in ("random", "run-right")]
    here = run_plays(jobs, progress=False)
    with ThreadPoolExecutor(2) as pool:
        there = run_plays(jobs, progress=False, executor=pool)
    assert [p.buttons.tobytes() for p in here] == [p.buttons.tobytes() for p in there]
    assert [p.agent for p in there] == [j.agent for j in jobs]


def test_batches_and_results_by_index() -> None:
    assert chunked(list(range(7)), 3) == [(0, 1, 2), (3, 4, 5), (6,)]
    assert batch_size(100, 2) == 13 and batch_size(3, 8) == 1
    with ThreadPoolExecutor(3) as pool:
        assert parallelism(pool) == 3 and parallelism(pool, workers=5) == 5
        done: list[int] = []
        out = run_tasks(sorted, [[3, 1], [2], [9, 8, 7]], pool, lambda i, _: done.append(i))
    assert out == [[1, 3], [2], [7, 8, 9]] and sorted(done) == [0, 1, 2]
    assert parallelism(None) == 1
    assert run_tasks(len, ["ab", "c"]) == [2, 1]
