"""Classifying plays: replays played again, reference plays per level, notes, mixes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mariogen.agents import play
from mariogen.level import Level
from mariogen.replay import Replay
from mariogen.style import StyleClassifier, mix, replay_play
from mariogen.style.classify import Classification


@pytest.fixture(scope="module")
def classifier() -> StyleClassifier:
    return StyleClassifier()


def test_a_replay_is_played_again_exactly(example_levels: list[Path]) -> None:
    level = Level.read(example_levels[1])
    original = play("killer", level, record=True)
    again = replay_play(Replay.from_play(original, level))
    assert again.agent == "killer" and again.result == original.result
    assert np.array_equal(again.trajectory, original.trajectory)


def test_a_persona_play_is_named(example_levels: list[Path], classifier: StyleClassifier) -> None:
    level = Level.read(example_levels[1])
    found = classifier.classify_play(play("collector", level), level, "c")
    assert found.persona == "collector" and found.source == "c" and found.player == "collector"
    assert set(found.probabilities) == {"runner", "collector", "killer"}
    assert sum(found.probabilities.values()) == pytest.approx(1)
    assert found.ranked()[0] == ("collector", found.probabilities["collector"])


def test_reference_plays_are_made_once_per_level(
    example_levels: list[Path], classifier: StyleClassifier
) -> None:
    level = Level.read(example_levels[2])
    first = classifier.references(level, 0, 20.0)
    assert classifier.references(level, 0, 20.0) is first
    assert classifier.references(level, 1, 20.0) is not first  # another start mode


def test_notes_say_when_a_level_cannot_tell(classifier: StyleClassifier) -> None:
    rows = ["-" * 30] * 13 + ["M" + "-" * 27 + "F-", "X" * 30, "X" * 30]
    bare = Level.from_text("\n".join(rows) + "\n", source="bare.txt")
    found = classifier.classify_play(play("do-nothing", bare, time_limit_s=2), bare)
    assert any("no coins" in note for note in found.notes)
    assert any("no enemies" in note for note in found.notes)
    assert any("covers 2% of the level" in note for note in found.notes)


def test_a_mix_is_the_mean_of_the_plays() -> None:
    a = Classification("a", "human", "x", {"runner": 0.6, "collector": 0.4})
    b = Classification("b", "human", "y", {"runner": 0.2, "collector": 0.8})
    assert mix([a, b]) == pytest.approx({"runner": 0.4, "collector": 0.6})
    with pytest.raises(ValueError):
        mix([])
