"""Observation grids (ENGINE_SPEC §14) on a small level written out here."""

from __future__ import annotations

import numpy as np

from mariogen.engine import Game
from mariogen.engine.observation import scene_code, sprite_code
from mariogen.level import Level, SpriteType, Tile

ROWS = [
    "--------------------",
    "--------------------",
    "--------------------",
    "--------------------",
    "--------------------",
    "--------------------",
    "--------------------",
    "--------------------",
    "-------S?-----------",
    "--------------------",
    "--------------------",
    "--------------%%%---",
    "--------------------",
    "--M------g--------tt",
    "XXXXXXXXXXXXXXXXXXtt",
    "XXXXXXXXXXXXXXXXXXtt",
]


def test_scene_grid_is_centred_on_mario_and_repeats_edge_rows() -> None:
    game = Game.new(Level.from_text("\n".join(ROWS)), 0)
    scene, enemies = game.observation(scene_detail=1, enemy_detail=0)
    # Mario at (40, 223): centre tile (2, 13) sits at [8][8].
    assert scene[8, 8] == 0
    assert scene[8, 9] == 17  # ground under Mario
    assert scene[8 + 5, 8 - 5] == 22  # brick at (7, 8)
    assert scene[8 + 6, 8 - 5] == 24  # question block at (8, 8)
    # Columns left of the level repeat column 0; rows below repeat row 15.
    assert scene[0, 9] == 17 and scene[8, 15] == 17
    merged = game.merged_observation()
    assert merged[8, 15] == 0  # the merged grid does not repeat rows below the level
    goomba = next(s for s in game.sprites if s.type is SpriteType.GOOMBA)
    assert enemies[int(goomba.x) // 16 - 2 + 8, 13 - 13 + 8] == 2


def test_detail_levels_follow_the_code_tables() -> None:
    assert scene_code(Tile.GROUND, 0) == 17 and scene_code(Tile.PYRAMID, 0) == 18
    assert scene_code(Tile.PLATFORM, 1) == 0 and scene_code(Tile.PLATFORM_MIDDLE, 1) == 59
    assert scene_code(Tile.PIPE_SINGLE_TOP, 1) == 0 and scene_code(Tile.PIPE_SINGLE_TOP, 0) == 68
    assert scene_code(Tile.HIDDEN_COIN, 0) == 0 and scene_code(Tile.COIN, 2) == 100
    assert scene_code(Tile.PLATFORM_BACKGROUND, 0) == 63 and scene_code(Tile.GROUND, 7) == -42
    assert sprite_code(SpriteType.GREEN_KOOPA, 0) == 2  # detail 0 falls through to detail 1
    assert sprite_code(SpriteType.ENEMY_FLOWER, 1) == 8 and sprite_code(SpriteType.SHELL, 2) == 1
    assert sprite_code(SpriteType.MARIO, 2) == 0 and sprite_code(SpriteType.FIREBALL, 5) == -42


def test_enemy_grid_never_writes_column_or_row_zero() -> None:
    game = Game.new(Level.from_text("\n".join(ROWS)), 0)
    _, enemies = game.observation(centre="screen")
    assert not enemies[0, :].any() and not enemies[:, 0].any()
    assert enemies.dtype == np.int32 and enemies.shape == (16, 16)
