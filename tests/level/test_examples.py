"""The project's own example levels in levels/examples (no reference data needed)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mariogen.level import LEVEL_HEIGHT, Level, SpriteType, Tile


def test_there_are_three_or_four_examples(example_levels: list[Path]) -> None:
    assert 3 <= len(example_levels) <= 4


def test_examples_are_valid_and_complete(example_levels: list[Path]) -> None:
    for path in example_levels:
        level = Level.read(path)
        text = "".join(level.rows)
        assert level.height == LEVEL_HEIGHT
        assert 40 <= level.width <= 80, path
        for char in "MFXo":
            assert char in text, f"{path.name} lacks {char!r}"
        assert level.total_coins > 0
        assert level.enemy_count > 0
        assert level.to_text() == path.read_text(encoding="utf-8")


def test_examples_cover_the_level_elements(example_levels: list[Path]) -> None:
    levels = [Level.read(p) for p in example_levels]
    tiles = set(np.concatenate([lv.tiles.ravel() for lv in levels]).tolist())
    templates = set(np.concatenate([lv.templates.ravel() for lv in levels]).tolist())
    for tile in (Tile.GROUND, Tile.PIPE_TOP_LEFT, Tile.SPECIAL_QUESTION, Tile.COIN_QUESTION):
        assert tile in tiles
    for tile in (Tile.COIN, Tile.PLATFORM_LEFT, Tile.BRICK, Tile.FLAG_TOP, Tile.PYRAMID):
        assert tile in tiles
    assert SpriteType.ENEMY_FLOWER in templates
    assert SpriteType.GOOMBA in templates


def test_examples_are_not_copies_of_shared_levels(
    example_levels: list[Path], shared_levels: list[Path]
) -> None:
    shared = {Level.read(p).rows for p in shared_levels}
    for path in example_levels:
        assert Level.read(path).rows not in shared


def test_mario_starts_on_solid_ground(example_levels: list[Path]) -> None:
    for path in example_levels:
        level = Level.read(path)
        mx, my = level.mario_start
        assert Tile(int(level.tiles[my + 1, mx])).solid, path.name
