"""Play jobs: one agent on one level, as a picklable record that runs on any machine.

A :class:`PlayJob` holds the level as *text* (plus a name, a label only), the agent's
registered name and the play settings; :func:`run_play` parses the text and plays, for at
most the tick limit of its time limit (:func:`~mariogen.evaluation.limits.tick_limit`). A
job never names a local file, so it runs the same in this process, in a local process pool
or on a cluster node. :func:`run_plays` runs many jobs through the executor seam
(:mod:`mariogen.evaluation.parallel`) in batches, results in job order.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass

from tqdm import tqdm

from mariogen.agents import PlayResult, play
from mariogen.evaluation.failures import Failed
from mariogen.evaluation.limits import tick_limit
from mariogen.evaluation.parallel import ItemRunner, executor_scope, run_items
from mariogen.evaluation.warmup import compile_first, needs_planner
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
    """Run one play, recorded (buttons, trajectory and events, as metrics need them), for
    at most :func:`~mariogen.evaluation.limits.tick_limit` iterations."""
    return play(
        job.agent,
        job.level(),
        job.start_mode,
        job.time_limit_s,
        record=True,
        seed=job.seed,
        max_iterations=tick_limit(job.time_limit_s),
    )


def run_play_batch(jobs: Sequence[PlayJob]) -> list[PlayResult]:
    """Run a batch of plays in order (the task a worker receives)."""
    return [run_play(job) for job in jobs]


def run_plays(
    jobs: Sequence[PlayJob],
    workers: int = 1,
    progress: bool | None = None,
    executor: Executor | ItemRunner | None = None,
) -> list[PlayResult | Failed]:
    """Run the plays; results in job order, the same whatever runs them.

    Args:
        jobs: the plays.
        workers: processes of a pool built here when ``executor`` is ``None`` (1: play in
            this process); with an executor, how many tasks it runs at once if it does not
            say itself.
        progress: show a tqdm progress bar (``None``: only on a terminal).
        executor: any executor or runner (:func:`~.parallel.executor_scope`; not shut down
            here).

    Returns:
        The plays; :class:`~.failures.Failed` for one whose worker died or hung on every
        attempt (only with a pool or a runner, which watch their workers).
    """
    own_pool = executor is None and workers > 1 and len(jobs) > 1
    shown = progress is not False  # the compile line shows only on a terminal anyway
    planner = needs_planner({job.agent for job in jobs})
    if jobs:
        compile_first(planner, progress=shown)  # also when the plays run here
    scope = executor_scope(executor, workers if own_pool else 1, progress=shown, planner=planner)
    with (
        tqdm(total=len(jobs), desc="plays", unit="play", disable=progress is False) as bar,
        scope as pool,
    ):
        return run_items(run_play, jobs, pool, workers=workers, on_done=lambda *_: bar.update())
