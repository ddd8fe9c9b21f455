"""A generator run in which one evaluation hangs and one worker is killed finishes, with both
in the logbook and the report; every other evaluation is the one an undisturbed run makes.

The tester is the test-only ``chaos`` persona (:mod:`tests.evaluation.chaos_planner`): it
runs right, and hangs or kills its worker process on the levels its card marks.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from mariogen.evaluation import executor_scope
from mariogen.generator import GeneratorSettings, run_generator
from mariogen.generator.fitness import FAILED_PENALTY, context
from mariogen.generator.outputs import write_outputs
from tests.evaluation import chaos_planner

TINY = {
    "persona": chaos_planner.PERSONA,
    "metrics": (("coins-v0", 1.0),),
    "segments": 4,
    "population": 6,
    "seed": 3,
    "difficulty": "any",
    "novelty_weight": 0.0,
}


@pytest.fixture
def chaos_cards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The chaos planner installed for this test; the folder of its card."""
    yield from chaos_planner.installed(tmp_path, monkeypatch)


def test_a_hung_evaluation_and_a_killed_worker_are_logged_and_the_run_goes_on(
    tmp_path: Path, chaos_cards: Path
) -> None:
    settings = GeneratorSettings(**TINY, generations=1)
    first = run_generator(dataclasses.replace(settings, generations=0), progress=False)
    clean = run_generator(settings, progress=False)
    hang, kill = first.population[0], next(g for g in first.population if g != first.population[0])
    library = context(settings).library

    def mark(genome: tuple[str, ...]) -> str:
        return chaos_planner.level_mark(library.assemble(genome, name="candidate"))

    once = tmp_path / "killed-once"
    chaos_planner.write_card(chaos_cards, hang=[mark(hang)], kill=[mark(kill)], kill_once=str(once))
    with executor_scope(workers=2, timeout_s=10.0) as pool:
        run = run_generator(settings, tmp_path / "out", progress=False, executor=pool)
    assert once.exists()  # the worker was killed
    gen0 = run.logbook[0]
    assert (gen0["retried"], gen0["failed"]) == (2, 1)  # hang: retried, failed; kill: retried
    assert [(r["retried"], r["failed"]) for r in run.logbook[1:]] == [(0, 0)]
    failed = run.cache[hang]
    assert failed.failed.startswith("hung (no result in 10 s) on 2 attempt(s)")
    assert failed.fitness == (-FAILED_PENALTY,) and not failed.feasible
    for genome in first.population:
        if genome != hang:  # the killed worker's genome too: retried, the same evaluation
            assert run.cache[genome] == clean.cache[genome]

    outputs = write_outputs(run, tmp_path / "out", replays=False)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "logbook.csv").read_text())))
    assert (rows[0]["retried"], rows[0]["failed"]) == ("2", "1")
    report = (tmp_path / "out" / "report.md").read_text()
    assert "## Failed evaluations" in report and ", ".join(f"`{s}`" for s in hang) in report
    assert any("1 evaluation(s) failed" in note for note in outputs.notes)
