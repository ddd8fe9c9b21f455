"""The test vectors of ENGINE_SPEC §18, on small levels written out here."""

from __future__ import annotations

import numpy as np

from mariogen.engine import Button, EventType, Game
from mariogen.level import Level, SpriteType

SPEED_RIGHT = Button.RIGHT | Button.SPEED


def flat_level(width: int = 40, extra: dict[tuple[int, int], str] | None = None) -> Level:
    """Ground in rows 14-15, Mario at (2, 13), plus the given cells."""
    rows = [["-"] * width for _ in range(16)]
    for r in (14, 15):
        rows[r] = ["X"] * width
    rows[13][2] = "M"
    for (c, r), char in (extra or {}).items():
        rows[r][c] = char
    return Level.from_text("\n".join("".join(row) for row in rows) + "\n")


def f32(value: float) -> float:
    return float(np.float32(value))


def test_standing_still_keeps_ground_contact_on_a_denormal() -> None:
    game = Game.new(flat_level(), 0, 0)
    assert (game.mario.y, game.mario.ya, game.mario.on_ground) == (223.0, 3.0, False)
    game.step()
    assert game.mario.ya == f32(2.5500002) and game.mario.on_ground
    game.step()
    assert game.mario.ya == f32(2.1675003) and game.mario.may_jump
    for _ in range(700):
        game.step()
    ya_bits = int(np.float32(game.mario.ya).view(np.int32))
    assert ya_bits == 3 and game.mario.on_ground


def test_run_and_jump_trajectory() -> None:
    expected = {
        4: (46.686523, 209.7, 2.8644829, -8.305, 7),
        8: (67.139725, 167.9, 5.41463, -3.46, 3),
        11: (88.34882, 156.5, 6.6816287, 1.385, 0),
        15: (121.73097, 177.18097, 7.809593, 10.282854, 0),
    }
    game = Game.new(flat_level(), 0)
    jumps = 0
    for tick in range(2, 16):
        game.step(SPEED_RIGHT | (Button.JUMP if 4 <= tick <= 13 else Button.NONE))
        jumps += sum(e.type is EventType.JUMP for e in game.events)
        assert game.tick == tick
        if tick in expected:
            x, y, xa, ya, jump_time = expected[tick]
            mario = game.mario
            assert (mario.x, mario.y, mario.xa, mario.ya) == (f32(x), f32(y), f32(xa), f32(ya))
            assert mario.jump_time == jump_time
    assert jumps == 1


def test_take_off_under_a_question_block_bumps_it_without_a_jump_event() -> None:
    game = Game.new(flat_level(extra={(2, 12): "?"}), 0)
    game.step()
    game.step()
    game.step(Button.JUMP)
    kinds = [(e.type, e.param) for e in game.events]
    assert kinds == [(EventType.BUMP, 24)]
    assert game.tiles[12, 2] == 14
    mushroom = [s for s in game.sprites if s.type is SpriteType.MUSHROOM]
    assert len(mushroom) == 1 and (mushroom[0].x, mushroom[0].y) == (41.0, 199.0)
    assert (game.mario.y, game.mario.ya) == (220.0, 3.0)


def test_piranha_flower_cycle_has_period_121() -> None:
    extra = {(10, 12): "T", (11, 12): "T", (10, 13): "T", (11, 13): "T"}
    game = Game.new(flat_level(extra=extra), 0, 0)
    heights = []
    for _ in range(250):
        flowers = [s for s in game.sprites if s.type is SpriteType.ENEMY_FLOWER]
        heights.append(flowers[0].y)
        game.step()
    assert flowers[0].x == 177.0
    assert heights[0] == 210.0 - 1 and min(heights) == 210.0 - 21 and max(heights) == 211.0
    assert heights[:121] == heights[121:242]


def test_cannon_in_column_zero_fires_twice() -> None:
    extra = {(0, 12): "*", (0, 13): "*", (6, 13): "M", (2, 13): "-"}
    game = Game.new(flat_level(extra=extra), 0, 0)
    while game.tick < 100:
        game.step()
    bullets = [s for s in game.sprites if s.type is SpriteType.BULLET_BILL]
    assert [(b.x, b.y, b.facing) for b in bullets] == [(4.0, 207.0, 1), (20.0, 207.0, 1)]
    assert game.sprites[-1].type is SpriteType.MARIO


def test_spawn_at_tick_one() -> None:
    game = Game.new(flat_level(extra={(12, 13): "g", (14, 11): "k"}), 0)
    kinds = [(s.type, s.x, s.y, s.facing) for s in game.sprites]
    assert kinds[0][:3] == (SpriteType.GOOMBA, 198.25, 223.0) and kinds[0][3] == -1
    assert kinds[1][:3] == (SpriteType.GREEN_KOOPA, 230.25, 191.0)
    assert kinds[2][0] is SpriteType.MARIO


def test_stomp_shell_kick_and_shell_kill() -> None:
    text = flat_level(extra={(2, 13): "-", (5, 8): "M", (7, 13): "k", (12, 13): "g"}).to_text()
    game = Game.new(Level.from_text(text), 0)
    log: dict[int, list[tuple[EventType, int]]] = {}
    for tick in range(2, 40):
        game.step(Button.RIGHT if 3 <= tick <= 6 else Button.NONE)
        log[tick] = [(e.type, e.param) for e in game.events]
        if tick == 8:
            shell = game.sprites[0]
            assert (shell.type, shell.x, shell.y, shell.origin) == (
                SpriteType.SHELL,
                106,
                218,
                7013,
            )
            assert (game.mario.y, game.mario.ya) == (211.0, f32(-15.2))
        if tick == 18:
            assert game.sprites[0].facing == 1 and (game.mario.y, game.mario.ya) == (
                217.0,
                f32(-15.2),
            )
    assert log[8] == [(EventType.STOMP_KILL, 6)]
    assert log[18] == []
    assert log[22] == [(EventType.SHELL_KILL, 2)]
    assert all(s.type is not SpriteType.SHELL for s in game.sprites)


def test_clone_rounds_mario_through_his_constructor() -> None:
    game = Game.new(flat_level(), 0)
    f = game.state.view(np.float32)
    from mariogen.engine.layout import K_X, K_Y, MARIO

    f[MARIO + K_X], f[MARIO + K_Y] = np.float32(0.1), np.float32(1.3)
    clone = game.clone()
    assert clone.mario.x == f32(0.099999905) and clone.mario.y == f32(1.3000002)
    assert game.mario.x == f32(0.1)
    assert clone.clone().mario.x == clone.mario.x
