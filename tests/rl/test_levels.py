"""Curriculum and seed streams of RL training: held-out levels are never training levels."""

from __future__ import annotations

from mariogen.level.library import SegmentLibrary
from mariogen.rl.levels import (
    FIRST_SEGMENTS,
    curriculum_segments,
    held_out_levels,
    training_level,
    validation_levels,
)


def test_curriculum_grows_from_short_levels_to_the_full_length() -> None:
    steps = [curriculum_segments(share / 20, 8) for share in range(21)]
    assert steps[0] == FIRST_SEGMENTS
    assert steps[-1] == 8 and steps[10] == 8
    assert steps == sorted(steps)
    assert curriculum_segments(0.0, 1) == 1


def test_held_out_levels_are_neither_training_nor_validation_levels() -> None:
    library = SegmentLibrary.load()
    held = held_out_levels(library)
    assert len(held) == 50
    assert all(len(level.to_text().splitlines()[0]) > 8 * 16 for level in held)
    held_texts = {level.to_text() for level in held}
    assert len(held_texts) == 50
    seen = {
        training_level(library, seed, env, episode, 8).to_text()
        for seed in (0, 1)
        for env in range(4)
        for episode in range(25)
    }
    seen |= {level.to_text() for level in validation_levels(library, 10, 8)}
    assert not held_texts & seen


def test_levels_are_the_same_for_the_same_seed() -> None:
    library = SegmentLibrary.load()
    assert training_level(library, 3, 1, 7, 4).to_text() == (
        training_level(library, 3, 1, 7, 4).to_text()
    )
    assert training_level(library, 3, 1, 7, 4).to_text() != (
        training_level(library, 3, 1, 8, 4).to_text()
    )
    assert [lv.to_text() for lv in held_out_levels(library, 3)] == [
        lv.to_text() for lv in held_out_levels(library, 3)
    ]
