"""The art: every tile id, sprite kind and Mario mode has its own, distinguishable picture."""

from __future__ import annotations

import itertools
import subprocess
import sys

import numpy as np
import pytest

from mariogen.level import SpriteType, Tile
from mariogen.render import art
from mariogen.render.headless import import_pygame
from tests.conftest import REPO_ROOT

pygame = import_pygame()


def _pixels(surface: pygame.Surface) -> np.ndarray:
    rgb = pygame.surfarray.array3d(surface).astype(np.int16)
    alpha = pygame.surfarray.array_alpha(surface).astype(np.int16)
    return np.dstack([rgb, alpha])


def _assert_distinct(pictures: dict[str, pygame.Surface]) -> None:
    for (a, pa), (b, pb) in itertools.combinations(pictures.items(), 2):
        if pa.get_size() != pb.get_size():
            continue
        diff = np.abs(_pixels(pa) - _pixels(pb)).sum(axis=2) > 60
        assert diff.mean() > 0.03, f"{a} and {b} look alike"


@pytest.mark.parametrize("size", [16, 32])
def test_every_tile_kind_is_distinguishable(size: int) -> None:
    pictures = {t.name: art.tile_surface(t, size) for t in Tile if t is not Tile.EMPTY}
    assert all(p is not None and p.get_size() == (size, size) for p in pictures.values())
    pictures["unknown"] = art.tile_surface(99, size)
    _assert_distinct(pictures)  # type: ignore[arg-type]


def test_tiles_are_not_blank() -> None:
    for tile in Tile:
        if tile is not Tile.EMPTY:
            picture = art.tile_surface(tile, 16)
            assert picture is not None
            assert pygame.surfarray.array_alpha(picture).max() > 0, tile.name


def test_empty_tile_has_no_picture() -> None:
    assert art.tile_surface(Tile.EMPTY, 16) is None


@pytest.mark.parametrize("size", [16, 48])
def test_every_sprite_kind_and_mario_mode_is_distinguishable(size: int) -> None:
    pictures = {k.name: art.sprite_surface(k, size) for k in art.drawable_sprites()}
    for mode in art.MARIO_MODES:
        pictures[f"mario-{mode}"] = art.mario_surface(mode, size)
    _assert_distinct(pictures)
    assert art.mario_surface(0, size).get_size() != art.mario_surface(1, size).get_size()


def test_every_sprite_kind_has_a_picture() -> None:
    expected = {k for k in SpriteType if k.value > 0}
    assert set(art.drawable_sprites()) == expected


def test_pictures_are_cached_per_size() -> None:
    assert art.tile_surface(Tile.BRICK, 16) is art.tile_surface(Tile.BRICK, 16)
    assert art.tile_surface(Tile.BRICK, 32).get_size() == (32, 32)  # type: ignore[union-attr]
    assert art.sprite_surface(SpriteType.GOOMBA, 24) is art.sprite_surface(SpriteType.GOOMBA, 24)


def test_facing_left_mirrors_the_picture() -> None:
    right = pygame.surfarray.array3d(art.sprite_surface(SpriteType.RED_KOOPA, 16, 1))
    left = pygame.surfarray.array3d(art.sprite_surface(SpriteType.RED_KOOPA, 16, -1))
    assert np.array_equal(left, right[::-1])


def test_draw_sprite_puts_the_feet_at_the_point() -> None:
    surface = pygame.Surface((64, 64), pygame.SRCALPHA)
    art.draw_sprite(surface, SpriteType.GOOMBA, 32, 40, 16)
    alpha = pygame.surfarray.array_alpha(surface)
    cols, rows = np.nonzero(alpha)
    assert rows.max() == 39 and cols.min() >= 24 and cols.max() < 40


def test_draw_tile_and_mario() -> None:
    surface = pygame.Surface((32, 48))
    surface.fill((0, 0, 0))
    art.draw_tile(surface, Tile.GROUND, 16, 32, 16)
    art.draw_tile(surface, Tile.EMPTY, 0, 0, 16)
    art.draw_mario(surface, 2, 8, 48, 16)
    pixels = pygame.surfarray.array3d(surface)
    assert pixels[16:, 32:].any() and pixels[:16, 16:48].any()


def test_tile_size() -> None:
    assert art.tile_size(1) == 16 and art.tile_size(2.5) == 40
    with pytest.raises(ValueError):
        art.tile_size(0.01)


def test_bad_mario_mode() -> None:
    with pytest.raises(ValueError):
        art.mario_surface(3, 16)


def test_importing_mariogen_render_does_not_start_pygame() -> None:
    code = "import sys, mariogen.render, mariogen.cli.main; print('pygame' in sys.modules)"
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, check=True
    )
    assert proc.stdout.strip() == "False"
