"""Play jobs: one agent on one level, as a picklable record that runs on any machine.

A :class:`PlayJob` holds the level as *text* (plus a name, a label only), the agent's
registered name and the play settings; :func:`run_play` parses the text and plays. A job
never names a local file, so it runs the same in this process, in a local process pool or
on a cluster node. :func:`run_plays` runs many jobs through the executor seam
(:mod:`mariogen.evaluation.parallel`) in batches, results in job order.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass

from tqdm import tqdm

from mariogen.agents import PlayResult, play
from mariogen.evaluation.parallel import (
    batch_size,
    chunked,
    executor_scope,
    parallelism,
    run_tasks,
)
from mariogen.level import Level


@dataclass(frozen=True)
class PlayJob:
    """One play to run.

    Attributes:
        level_text: the level in the text format.
        level_name: the level's label (in the play's result; never read as a path).
        agent: a registered agent name (``"runner"``, ``"run-right"``).
        seed: the seed the agent is made with.
        start_mode: Mario's start mode (0/1/2 or ``"small"``/``"large"``/``"fire"``).
        time_limit_s: the time limit of the play, in seconds of game time.
    """

    level_text: str
    level_name: str
    agent: str
    seed: int
    start_mode: int | str
    time_limit_s: float

    @classmethod
    def of(
        cls, level: Level, agent: str, seed: int, start_mode: int | str, time_limit_s: float
    ) -> PlayJob:
        """The job of ``agent`` playing ``level`` (its text and name are copied)."""
        return cls(level.to_text(), level.name, agent, seed, start_mode, time_limit_s)

    def level(self) -> Level:
        """The level, parsed from the job's text."""
        return Level.from_text(self.level_text, source=self.level_name)


def run_play(job: PlayJob) -> PlayResult:
    """Run one play, recorded (buttons, trajectory and events, as metrics need them)."""
    return play(
        job.agent, job.level(), job.start_mode, job.time_limit_s, record=True, seed=job.seed
    )


def run_play_batch(jobs: Sequence[PlayJob]) -> list[PlayResult]:
    """Run a batch of plays in order (the task a worker receives)."""
    return [run_play(job) for job in jobs]


def run_plays(
    jobs: Sequence[PlayJob],
    workers: int = 1,
    progress: bool | None = None,
    executor: Executor | None = None,
) -> list[PlayResult]:
    """Run the plays; results in job order, the same whatever runs them.

    Args:
        jobs: the plays.
        workers: processes of a spawn pool built here when ``executor`` is ``None`` (1: play
            in this process); with an executor, how many tasks it runs at once if it does
            not say itself.
        progress: show a tqdm progress bar (``None``: only on a terminal).
        executor: any ``concurrent.futures.Executor`` (not shut down here).
    """
    own_pool = executor is None and workers > 1 and len(jobs) > 1
    with (
        tqdm(total=len(jobs), desc="plays", unit="play", disable=progress is False) as bar,
        executor_scope(executor, workers if own_pool else 1) as pool,
    ):
        size = 1 if pool is None else batch_size(len(jobs), parallelism(pool, workers))
        batches = chunked(jobs, size)
        done = run_tasks(run_play_batch, batches, pool, lambda _, out: bar.update(len(out)))
    return [result for batch in done for result in batch]
