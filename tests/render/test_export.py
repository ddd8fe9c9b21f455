"""Replay export: frame positions, GIF frames and colours, PNG strips."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from mariogen.agents import play
from mariogen.render.export import evenly_spaced, export_gif, export_strip, frame_positions
from mariogen.render.frame import FrameRenderer, hud_for
from mariogen.render.timeline import Timeline
from tests.envs.levels import COIN_LEVEL

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return Timeline(play("random", COIN_LEVEL, time_limit_s=2, seed=2).to_replay(COIN_LEVEL))


def test_frame_positions() -> None:
    assert frame_positions(10, 1) == list(range(1, 11))
    assert frame_positions(10, 4) == [4, 8, 10]
    assert frame_positions(3, 5) == [3]
    assert evenly_spaced(32, 16) == list(range(2, 33, 2))
    assert evenly_spaced(5, 16) == [1, 2, 3, 4, 5]
    with pytest.raises(ValueError, match="--stride must be at least 1"):
        frame_positions(10, 0)


def test_gif_frames_are_the_states(timeline: Timeline, tmp_path: Path) -> None:
    info = export_gif(timeline, tmp_path / "a.gif", stride=3)
    assert info.frames == len(frame_positions(timeline.n, 3))
    renderer = FrameRenderer(timeline.level)
    with Image.open(info.path) as gif:
        assert gif.n_frames == info.frames
        gif.seek(info.frames - 1)
        last = np.asarray(gif.convert("RGB"))
    game = timeline.game_at(timeline.n)
    expected = renderer.array(game, hud_for(game, "random", f"{timeline.n}/{timeline.n}"))
    assert np.mean(np.all(last == expected, axis=2)) > 0.99  # palette: nearly every pixel exact


def test_strip(timeline: Timeline, tmp_path: Path) -> None:
    info = export_strip(timeline, tmp_path / "s.png", stride=20, scale=0.5)
    with Image.open(info.path) as strip:
        assert strip.size == (128 * len(frame_positions(timeline.n, 20)), 128)
    with pytest.raises(ValueError, match="use a larger --stride"):
        export_strip(timeline, tmp_path / "wide.png", stride=1, scale=8)
