"""The size limits README.md states are the ones the loaders check (one list, kept true)."""

from __future__ import annotations

import re
from pathlib import Path

from mariogen.agents.astar.agent import (
    MAX_NODE_BUDGET,
    MAX_TICKS_PARAM,
    MAX_TREE_BYTES,
    MAX_TREE_NODES,
)
from mariogen.agents.personas import MAX_CARD_BYTES
from mariogen.agents.policy import MAX_POLICY_BYTES
from mariogen.engine.trace import MAX_TRACE_BYTES, MAX_TRACE_TICKS
from mariogen.experiment.config import MAX_CONFIG_BYTES
from mariogen.generator.checkpoint import MAX_CHECKPOINT_BYTES
from mariogen.generator.settings import LIMITS
from mariogen.level import MAX_FILE_BYTES, MAX_WIDTH
from mariogen.level.library import MAX_INDEX_BYTES, MAX_LIBRARY_BYTES, MAX_SEGMENTS, SegmentLibrary
from mariogen.level.segments import MAX_SEGMENT_WIDTH
from mariogen.replay import MAX_REPLAY_BYTES, MAX_TICKS, MAX_TIME_LIMIT_S

README = Path(__file__).resolve().parents[1] / "README.md"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("### Limits and bad input")
    return text[start : text.index("\n## ", start)]


def test_every_limit_in_the_readme_is_the_checked_one() -> None:
    rows = {
        row.split("|")[1].strip(): row.split("|")[2]
        for row in _section().splitlines()
        if row.startswith("| ") and not row.startswith("| file")
    }
    most_segments = (MAX_WIDTH - 9) // SegmentLibrary.load().width
    expected = {
        "level file": [MAX_FILE_BYTES, MAX_WIDTH],
        "persona card": [MAX_CARD_BYTES, MAX_TICKS_PARAM, MAX_NODE_BUDGET, MAX_TREE_NODES],
        "replay": [MAX_REPLAY_BYTES, MAX_TICKS, int(MAX_TIME_LIMIT_S)],
        "generator checkpoint": [MAX_CHECKPOINT_BYTES],
        "policy file (`.npz`)": [MAX_POLICY_BYTES],
        "segment library": [MAX_INDEX_BYTES, MAX_SEGMENTS, MAX_LIBRARY_BYTES, MAX_SEGMENT_WIDTH],
        "generated level": [MAX_WIDTH, most_segments],
        "generator run": [LIMITS["population"], LIMITS["generations"], int(MAX_TIME_LIMIT_S)],
        "reference trace": [MAX_TRACE_BYTES, MAX_TRACE_TICKS],
        "experiment config": [MAX_CONFIG_BYTES],
    }
    assert set(rows) == set(expected)
    for name, values in expected.items():
        for value in values:
            assert re.search(rf"(?<![\d,]){value:,}(?!\d|,\d)", rows[name]), (name, value)
    assert f"{MAX_TREE_BYTES >> 30} GiB" in rows["persona card"]
