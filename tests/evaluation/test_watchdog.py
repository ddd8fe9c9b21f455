"""The watchdog pool: a worker that hangs or dies is replaced, its play retried once, then
recorded as failed, and the other plays come back as if nothing happened; the tick limit.

The failures are real: the test-only ``chaos`` planner (:mod:`tests.evaluation.chaos_planner`,
registered through the planner registry's entry points) hangs or kills its own worker
process on the levels its card marks.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mariogen.evaluation import (
    Cause,
    Failed,
    Incident,
    PlayJob,
    WatchdogPool,
    run_items,
    run_play,
    run_plays,
    tick_limit,
)
from mariogen.evaluation.watchdog import RemoteTracebackError
from mariogen.level import Level
from tests.evaluation import chaos_planner

#: Seconds a play may take before its worker counts as hung (plays here take well under 1 s).
TIMEOUT_S = 10.0
FLAT = "\n".join(["-" * 12] * 13 + ["-M--------F-", "X" * 12, "X" * 12]) + "\n"


@pytest.fixture
def chaos_cards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The chaos planner installed for this test; the folder of its card."""
    yield from chaos_planner.installed(tmp_path, monkeypatch)


def _jobs(levels: list[Level]) -> list[PlayJob]:
    return [PlayJob.of(lv, a, 0, 0, 5) for lv in levels for a in (chaos_planner.PERSONA, "random")]


def test_hung_and_dead_workers_are_replaced_and_their_plays_failed(
    example_levels: list[Path], chaos_cards: Path
) -> None:
    levels = [Level.read(p) for p in example_levels]
    jobs = _jobs(levels)
    here = run_plays(jobs, progress=False)  # nothing marked yet: every play as it should be
    hang, kill = chaos_planner.level_mark(levels[0]), chaos_planner.level_mark(levels[1])
    chaos_planner.write_card(chaos_cards, hang=[hang], kill=[kill])
    incidents: list[Incident] = []
    with WatchdogPool(2, timeout_s=TIMEOUT_S) as pool:
        there = run_items(run_play, jobs, pool, on_incident=incidents.append)
        again = run_items(run_play, jobs[2:4], pool)  # the replaced workers take work
    hung, died = there[0], there[2]
    assert hung == Failed(Cause.HUNG, f"no result in {TIMEOUT_S:g} s", attempts=2)
    assert isinstance(died, Failed) and died.cause is Cause.DIED and died.attempts == 2
    assert died.detail == "exit code -9"  # SIGKILL
    assert sorted((i.indices, i.cause, i.retried) for i in incidents) == [
        ((0,), Cause.HUNG, False),
        ((0,), Cause.HUNG, True),
        ((2,), Cause.DIED, False),
        ((2,), Cause.DIED, True),
    ]
    for index in (1, 3, 4, 5):  # the others, on the same workers, as if nothing happened
        assert there[index].buttons.tobytes() == here[index].buttons.tobytes()
        assert there[index].stats == here[index].stats
    assert isinstance(again[0], Failed) and again[1].stats == here[3].stats


def test_a_play_that_raises_stops_the_run_and_the_pool_goes_on(example_levels: list[Path]) -> None:
    level = Level.read(example_levels[0])
    good = PlayJob.of(level, "run-right", 0, 0, 2)
    bad = PlayJob.of(level, "no-such-agent", 0, 0, 2)
    with WatchdogPool(1, timeout_s=TIMEOUT_S) as pool:
        with pytest.raises(KeyError, match="no-such-agent") as raised:
            run_items(run_play, [good, bad, good], pool)
        assert isinstance(raised.value.__cause__, RemoteTracebackError)
        (after,) = run_items(run_play, [good], pool)
    assert after.stats == run_play(good).stats


def test_every_play_stops_at_its_tick_limit() -> None:
    level = Level.from_text(FLAT, source="flat")
    unlimited = run_play(PlayJob.of(level, "do-nothing", 0, 0, time_limit_s=0))
    assert unlimited.iterations == tick_limit(0) and unlimited.result.status.name == "RUNNING"
    timed = run_play(PlayJob.of(level, "do-nothing", 0, 0, time_limit_s=2))
    assert timed.result.status.name == "TIME_OUT" and timed.iterations < tick_limit(2)
    assert tick_limit(2) == 2 * 67
