"""Game's cheap accessors and the one event decoder agree with the full views."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from mariogen.engine import Button, Game, UpdateKind
from mariogen.engine.game import EVENT_INTS, decode_events, event_buffer
from mariogen.level import Level, SpriteType

PIPE_GARDEN = Path(__file__).parents[2] / "levels" / "examples" / "pipe-garden.txt"
_PRESSES = [Button.RIGHT | Button.SPEED | (Button.JUMP if i % 24 < 12 else 0) for i in range(300)]


def _games(mode: int = 2) -> Iterator[tuple[Game, UpdateKind]]:
    """The game (one object) after each iteration of a play with jumps, kills and fireballs."""
    game = Game.new(Level.read(PIPE_GARDEN), mode)
    for pressed in _PRESSES:
        if not game.running:
            break
        yield game, game.step(pressed)


@pytest.mark.parametrize("mode", [0, 2])
def test_accessors_agree_with_the_full_views(mode: int) -> None:
    seen_events = seen_sprites = 0
    for game, kind in _games(mode):
        mario, result = game.mario, game.result()
        assert game.mario_xy == (mario.x, mario.y)
        assert game.mario_mode == mario.mode == result.mario_mode
        assert game.kills == result.kills_total
        assert game.has_events == (kind is UpdateKind.UPDATE and bool(game.events))
        seen_events += game.has_events
        table, sprites = game.sprite_table(), game.sprites
        assert table.type.tolist() == [int(s.type) for s in sprites]
        assert table.x.tolist() == [s.x for s in sprites]
        assert table.y.tolist() == [s.y for s in sprites]
        assert table.facing.tolist() == [s.facing for s in sprites]
        assert table.is_mario.tolist() == [s.type is SpriteType.MARIO for s in sprites]
        assert (table.half_width > 0).all() and (table.height > 0).all()
        seen_sprites += len(sprites) > 1
    assert seen_events > 5 and seen_sprites > 5


def test_a_fresh_clone_has_no_events_and_a_settled_position() -> None:
    game = Game.new(Level.read(PIPE_GARDEN))
    for pressed in _PRESSES:
        game.step(pressed)
        if game.has_events:
            break
    assert game.has_events
    clone = game.clone()
    assert not clone.has_events and clone.events == []
    clone_xy = clone.mario_xy
    settled = game.clone()
    assert settled.mario.x == clone_xy[0] and settled.mario.y == clone_xy[1]


def test_decode_events_reads_the_state_and_any_buffer() -> None:
    game = Game.new(Level.read(PIPE_GARDEN), 2)
    buffer, n = event_buffer(len(_PRESSES)), 0
    expected = []
    for pressed in _PRESSES:
        if not game.running:
            break
        game.step(pressed)
        if game.has_events:
            events = game.events
            expected.extend(events)
            words = np.zeros(len(events) * EVENT_INTS, dtype=np.int32)
            for i, e in enumerate(events):  # encode them back, field by field
                row = words[i * EVENT_INTS : (i + 1) * EVENT_INTS]
                row[:] = [e.type, e.param, 0, 0, e.mario_mode, e.tick]
                row[2:4].view(np.float32)[:] = (e.x, e.y)
            buffer[n * EVENT_INTS : n * EVENT_INTS + words.size] = words
            n += len(events)
    assert len(expected) > 5
    assert decode_events(buffer, n) == expected
    assert decode_events(buffer[: n * EVENT_INTS], n + 5) == expected  # n is clamped
    assert decode_events(buffer, 0) == [] and decode_events(buffer[:3], 1) == []


def test_is_state_of_level() -> None:
    game = Game.new(Level.read(PIPE_GARDEN))
    assert game.is_state_of_level(game.state.copy())
    assert not game.is_state_of_level(game.state.astype(np.int64))
    assert not game.is_state_of_level(np.zeros(10, dtype=np.int32))
    other = Game.new(Level.read(PIPE_GARDEN.with_name("first-steps.txt")))
    assert not game.is_state_of_level(other.state)
