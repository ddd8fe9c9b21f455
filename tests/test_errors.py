"""Bad-input errors survive the trip back from a worker process unchanged."""

from __future__ import annotations

import pickle

import pytest

from mariogen.agents.personas import PersonaCardError
from mariogen.errors import InputError
from mariogen.evaluation import run_tasks
from mariogen.evaluation.parallel import process_pool
from mariogen.generator.checkpoint import CheckpointError
from mariogen.level import Level, LevelFormatError
from mariogen.level.segments import SegmentError
from mariogen.replay import ReplayError


@pytest.mark.parametrize(
    "error",
    [
        LevelFormatError("a.txt", 3, 7, "unknown tile character 'Z'"),
        PersonaCardError("card.toml:2:1: bad"),
        SegmentError("lib/index.csv:4: bad id"),
        ReplayError("x.replay.json: not JSON"),
        CheckpointError("checkpoint.json: malformed"),
    ],
)
def test_every_input_error_pickles_with_its_message_and_fields(error: InputError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error) and copy.__dict__ == error.__dict__


def test_a_level_error_in_a_worker_process_reaches_the_caller_as_itself() -> None:
    bad = "\n".join(["-" * 5] * 15 + ["--Z--"]) + "\n"
    with process_pool(1) as pool, pytest.raises(LevelFormatError) as caught:
        run_tasks(Level.from_text, [bad], executor=pool)
    assert str(caught.value) == "<text>:16:3: unknown tile character 'Z'; see the format docs"
    assert (caught.value.line, caught.value.column) == (16, 3)
