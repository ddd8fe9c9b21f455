"""Hostile checkpoints: each is a CheckpointError naming the file, never another exception."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mariogen.generator import Checkpoint, CheckpointError, GeneratorSettings, run_generator
from mariogen.generator.checkpoint import CHECKPOINT_NAME


def _set(path: tuple, value: Any) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


CASES: dict[str, Callable[[dict], None]] = {
    "rng state of the wrong kind": _set(("rng_state", "state", "state"), "x"),
    "rng state of another generator": _set(("rng_state", "bit_generator"), "MT19937"),
    "infinite generation": _set(("generation",), float("inf")),
    "negative generation": _set(("generation",), -3),
    "settings with a float population": _set(("settings", "population"), 6.5),
    "settings with a huge population": _set(("settings", "population"), 10**9),
    "settings with a nan weight": _set(("settings", "metrics"), [["coins-v0", float("nan")]]),
    "a cache entry that is not an object": _set(("cache",), [3]),
    "nested 100000 deep": _set(("logbook",), "DEEP"),
}


@pytest.fixture(scope="module")
def checkpoint_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("run")
    settings = GeneratorSettings(
        persona="run-right",
        metrics=(("coins-v0", 1.0),),
        segments=2,
        population=3,
        generations=0,
        difficulty="any",
    )
    run_generator(settings, out, progress=False)
    return (out / CHECKPOINT_NAME).read_text()


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_checkpoint_is_a_checkpoint_error(
    tmp_path: Path, checkpoint_text: str, case: str
) -> None:
    data = json.loads(checkpoint_text)
    CASES[case](data)
    text = json.dumps(data).replace('"DEEP"', "[" * 100_000 + "]" * 100_000)
    path = tmp_path / CHECKPOINT_NAME
    path.write_text(text)
    with pytest.raises(CheckpointError, match=str(path)):
        Checkpoint.read(path)


def test_a_fitness_of_the_wrong_length_is_a_checkpoint_error_on_resume(
    tmp_path: Path, checkpoint_text: str
) -> None:
    data = json.loads(checkpoint_text)
    data["strategy"]["state"]["population"][0]["fitness"] = [1.0, 2.0]
    (tmp_path / CHECKPOINT_NAME).write_text(json.dumps(data))
    settings = Checkpoint.read(tmp_path / CHECKPOINT_NAME).settings
    with pytest.raises(CheckpointError, match="a fitness must hold 1 values"):
        run_generator(settings, tmp_path, resume=True, progress=False)
