"""The replay viewer and its timeline: seeking, controls, overlays, the window loop (headless)."""

from __future__ import annotations

import os

import numpy as np
import pytest

from mariogen.agents import play
from mariogen.render.headless import import_pygame
from mariogen.render.timeline import KEYFRAME_EVERY, Timeline
from mariogen.render.viewer import SPEEDS, ReplayViewer
from mariogen.render.window import GameWindow
from mariogen.replay import Replay
from tests.envs.levels import STOMP_LEVEL

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return Timeline(play("run-right", STOMP_LEVEL, time_limit_s=5).to_replay(STOMP_LEVEL))


def test_timeline_seeks_to_the_same_states(timeline: Timeline) -> None:
    replay: Replay = timeline.replay
    states = []
    replay.simulate(on_step=lambda game, i: states.append(game.state.copy()))
    for position in (timeline.n, 3, KEYFRAME_EVERY + 1, 0, timeline.n - 1, 1):
        game = timeline.game_at(position)
        if position:
            np.testing.assert_array_equal(game.state, states[position - 1])
        assert tuple(timeline.path[position]) == (game.mario.x, game.mario.y)
    kinds = {m.event.type.name for m in timeline.markers}
    assert {"JUMP", "STOMP_KILL", "WIN"} <= kinds


def test_keys(timeline: Timeline) -> None:
    viewer = ReplayViewer(timeline, scale=1)
    assert viewer.playing and viewer.speed == 1.0
    viewer.key("space")
    assert not viewer.playing
    viewer.key("right")
    viewer.key("right")
    viewer.key("left")
    assert viewer.position == 1
    for _ in range(10):
        viewer.key("+")
    assert viewer.speed == SPEEDS[-1]
    for _ in range(10):
        viewer.key("-")
    assert viewer.speed == SPEEDS[0]
    for name in "the":
        viewer.key(name)
    assert viewer.show_path and viewer.show_boxes and viewer.show_events
    viewer.key("r")
    assert viewer.position == 0 and viewer.playing
    assert not viewer.key("q") and not viewer.key("escape")


def test_playback_speed_and_end(timeline: Timeline) -> None:
    viewer = ReplayViewer(timeline, scale=1)
    viewer.advance(1.0)
    assert viewer.position == 30
    viewer.key("+")
    viewer.advance(0.5)
    assert viewer.position == 60
    viewer.advance(100.0)
    assert viewer.position == timeline.n and not viewer.playing
    viewer.key("space")  # at the end, play starts over
    assert viewer.position == 0 and viewer.playing


def test_draw_with_overlays(timeline: Timeline) -> None:
    viewer = ReplayViewer(timeline, scale=1)
    viewer.seek(timeline.n // 2)
    plain = import_pygame().surfarray.array3d(viewer.draw())
    viewer.show_path = viewer.show_boxes = viewer.show_events = True
    annotated = import_pygame().surfarray.array3d(viewer.draw())
    assert viewer.draw().get_size() == viewer.size
    assert not np.array_equal(plain, annotated)


def test_window_loop_scrubs_with_the_mouse_and_quits(timeline: Timeline) -> None:
    viewer = ReplayViewer(timeline, scale=1)
    window = GameWindow("test", viewer.size, strict=False)
    pg = window.pg
    bar = viewer._bar_rect()
    pg.event.post(pg.event.Event(pg.KEYDOWN, key=pg.K_SPACE, mod=0))
    pg.event.post(pg.event.Event(pg.MOUSEBUTTONDOWN, button=1, pos=(bar.centerx, bar.centery)))
    pg.event.post(pg.event.Event(pg.MOUSEBUTTONUP, button=1, pos=(bar.centerx, bar.centery)))
    viewer.run(window, max_frames=2)
    assert not viewer.playing
    assert abs(viewer.position - timeline.n / 2) <= 1
    assert window.closed
