"""Frames of a running game: size, camera, cached tiles that follow the game, the HUD."""

from __future__ import annotations

import os

import numpy as np
import pytest

from mariogen.agents import play
from mariogen.engine import Button, Game
from mariogen.render.frame import FrameRenderer, Hud, hud_for
from tests.envs.levels import COIN_LEVEL

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")


@pytest.mark.parametrize(("scale", "side"), [(1, 256), (2, 512), (0.5, 128)])
def test_frame_size(scale: float, side: int) -> None:
    frame = FrameRenderer(COIN_LEVEL, scale).array(Game.new(COIN_LEVEL))
    assert frame.shape == (side, side, 3) and frame.dtype == np.uint8


def test_cached_tiles_follow_the_game() -> None:
    """A renderer that drew earlier frames draws what a fresh one draws, after tiles change."""
    game = Game.new(COIN_LEVEL, time_limit_s=5)
    cached = FrameRenderer(COIN_LEVEL)
    buttons = play("run-right", COIN_LEVEL, time_limit_s=5).buttons
    before = cached.array(game)
    for pressed in buttons.tolist():
        game.step(pressed)
        cached.array(game)
    assert (game.tiles != COIN_LEVEL.tiles).any()  # a coin taken, a block used
    np.testing.assert_array_equal(cached.array(game), FrameRenderer(COIN_LEVEL).array(game))
    assert not np.array_equal(before, cached.array(game))


def test_camera_follows_mario() -> None:
    game = Game.new(COIN_LEVEL)
    renderer = FrameRenderer(COIN_LEVEL)
    for _ in range(40):
        game.step(Button.RIGHT | Button.SPEED)
    assert renderer.camera_px(game) == round(game.camera_x) > 0
    x, _ = renderer.to_screen(renderer.camera_px(game), game.mario.x, game.mario.y)
    assert 100 < x < 156  # Mario near the middle of the screen


def test_hud_text() -> None:
    game = Game.new(COIN_LEVEL, mode="fire")
    hud = hud_for(game, "collector", "1/10")
    assert hud == Hud("collector", 20, 0, 0, 2, "1/10")
    assert hud.lines() == ["COLLECTOR  TIME  20  COINS 0  KILLS 0  FIRE", "1/10"]
    renderer = FrameRenderer(COIN_LEVEL)
    with_hud, without = renderer.array(game, hud), renderer.array(game)
    assert not np.array_equal(with_hud[:20], without[:20])
    np.testing.assert_array_equal(with_hud[40:], without[40:])
