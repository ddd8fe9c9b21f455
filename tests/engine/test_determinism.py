"""Determinism and clone independence, as properties over random button sequences."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mariogen.engine import Game
from mariogen.level import Level

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "levels" / "examples").glob("*.txt"))
LEVELS = [Level.read(p) for p in EXAMPLES]

buttons = st.lists(st.integers(min_value=0, max_value=31), min_size=1, max_size=300)
modes = st.integers(min_value=0, max_value=2)
levels = st.sampled_from(LEVELS)


def run(level: Level, mode: int, actions: list[int]) -> Game:
    game = Game.new(level, mode)
    for a in actions:
        game.step(a)
    return game


@settings(max_examples=40, deadline=None)
@given(levels, modes, buttons)
def test_same_buttons_give_identical_states(level: Level, mode: int, actions: list[int]) -> None:
    first, second = run(level, mode, actions), run(level, mode, actions)
    assert np.array_equal(first.state, second.state)
    assert first.result() == second.result()


@settings(max_examples=40, deadline=None)
@given(levels, modes, buttons, buttons)
def test_stepping_a_clone_never_changes_the_original(
    level: Level, mode: int, before: list[int], after: list[int]
) -> None:
    game = run(level, mode, before)
    snapshot = game.state.copy()
    clone = game.clone()
    for a in after:
        clone.step(a)
    assert np.array_equal(game.state, snapshot)


@settings(max_examples=30, deadline=None)
@given(levels, modes, buttons, buttons)
def test_a_clone_continues_like_the_original(
    level: Level, mode: int, before: list[int], after: list[int]
) -> None:
    """Mario's clone rounding is exact away from the level's top-left corner, so a clone
    stepped with the same buttons ends where the original does (the usual case in play)."""
    game = run(level, mode, before)
    mario = game.mario
    clone = game.clone()
    for a in after:
        game.step(a)
        clone.step(a)
    if mario.x >= 4 and mario.y >= 7.5:
        assert game.mario == clone.mario
        assert game.sprites == clone.sprites
        assert np.array_equal(game.tiles, clone.tiles)
