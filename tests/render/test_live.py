"""Live views and human play: the keys map to buttons, Esc gives up."""

from __future__ import annotations

import os

import pytest

from mariogen.engine import Button, Game
from mariogen.render.live import HumanAgent, LiveView, PlayStoppedError
from tests.envs.levels import COIN_LEVEL

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")


def test_keys_map_to_buttons(monkeypatch: pytest.MonkeyPatch) -> None:
    view = LiveView(COIN_LEVEL, "you", scale=1, stop_on_close=True, strict=False)
    pg = view.pg
    held = {pg.K_RIGHT, pg.K_s, pg.K_a}

    class Keys:
        def __getitem__(self, key: int) -> bool:
            return key in held

    monkeypatch.setattr(pg.key, "get_pressed", Keys)
    agent = HumanAgent(view)
    game = Game.new(COIN_LEVEL)
    assert agent.act(game) == Button.RIGHT | Button.JUMP | Button.SPEED
    view(game, 0)
    pg.event.post(pg.event.Event(pg.KEYDOWN, key=pg.K_ESCAPE, mod=0))
    with pytest.raises(PlayStoppedError):
        agent.act(game)
    assert view.window.closed


def test_closed_view_lets_the_play_go_on() -> None:
    view = LiveView(COIN_LEVEL, "run-right", scale=1, strict=False)
    game = Game.new(COIN_LEVEL)
    view(game, 0)
    view.close()
    view(game, 0)  # drawing stops quietly
    assert view.window.closed
