"""The generator on the executor seam: any executor, any workers, the same files; no paths."""

from __future__ import annotations

import json
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mariogen.evaluation import LibraryContents, PlayJob
from mariogen.generator import Evaluation, GeneratorSettings, RunResult, evaluate, run_generator
from mariogen.generator.fitness import context, fitness_tasks, run_fitness_task
from mariogen.generator.outputs import logbook_csv, population_data
from mariogen.level.library import SegmentLibrary

TINY = {
    "persona": "runner",
    "metrics": (("coins-v0", 1.0),),
    "segments": 4,
    "seed": 3,
    "difficulty": "any",
}


def settings(**kw: object) -> GeneratorSettings:
    return GeneratorSettings(**{**TINY, "population": 6, "generations": 2, **kw})


def written(result: RunResult) -> dict[str, str]:
    """What write_outputs writes for level.txt, logbook.csv and population.json."""
    level = context(result.settings).library.assemble(result.best, name="level.txt")
    return {
        "level.txt": level.to_text(),
        "logbook.csv": logbook_csv(result.logbook),
        "population.json": repr(population_data(result)),
    }


def test_an_executor_passed_in_gives_the_files_of_one_worker(tmp_path: Path) -> None:
    s = settings()
    one = run_generator(s, tmp_path / "one", workers=1, progress=False)
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=spawn) as pool:
        two = run_generator(s, tmp_path / "two", progress=False, executor=pool)
        assert pool.submit(sum, (1, 2)).result() == 3  # not shut down by the run
    assert written(one) == written(two)
    assert (tmp_path / "one" / "checkpoint.json").read_bytes() == (
        tmp_path / "two" / "checkpoint.json"
    ).read_bytes()
    assert {g: e.to_dict() for g, e in one.cache.items()} == {
        g: e.to_dict() for g, e in two.cache.items()
    }


def test_tasks_carry_the_library_contents_not_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "my-own-segment-library"
    SegmentLibrary.load().write(folder)
    s = settings(library=str(folder))
    library = SegmentLibrary.load(folder)
    genomes = [("flat-plain", "coins-row12-n5", "flat-plain", "flat-plain"), ("gap-w3",) * 4]
    (task,) = fitness_tasks(genomes, s, library, size=2)
    level = library.assemble(genomes[0], name="candidate")
    job = PlayJob.of(level, "run-right", seed=0, start_mode=0, time_limit_s=20)
    for payload in (task, job):
        data = pickle.dumps(payload)
        assert str(folder).encode() not in data and b"my-own-segment-library" not in data
    received = pickle.loads(pickle.dumps(task))
    assert received.library.library().digest() == library.digest()
    evaluations = run_fitness_task(received)
    assert evaluations == [evaluate(g, s) for g in genomes]
    for e in evaluations:
        assert Evaluation.from_dict(json.loads(json.dumps(e.to_dict()))) == e
        assert all(isinstance(v, float) for b in e.behaviour.values() for v in b.values())
    assert LibraryContents.of(library) == received.library
