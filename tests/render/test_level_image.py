"""Level pictures: size, content, column ranges, arrays and atomic PNG writing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mariogen.level import Level
from mariogen.render import level_image as li
from tests.png import png_size


@pytest.fixture(scope="module")
def level(example_levels: list[Path]) -> Level:
    return Level.read(example_levels[0])


def test_array_shape_and_background(level: Level) -> None:
    pixels = li.render_level_array(level)
    assert pixels.shape == (256, 16 * level.width, 3) and pixels.dtype == np.uint8
    assert tuple(pixels[0, 0]) == li.BACKGROUND


def test_sprites_are_drawn(level: Level) -> None:
    with_sprites = li.render_level_array(level, sprites=True)
    without = li.render_level_array(level, sprites=False)
    assert not np.array_equal(with_sprites, without)
    mx, my = level.mario_start
    cell = (slice(16 * my, 16 * my + 16), slice(16 * mx, 16 * mx + 16))
    assert not np.array_equal(with_sprites[cell], without[cell])


def test_column_range_is_a_slice_of_the_whole(level: Level) -> None:
    whole = li.render_level_array(level, sprites=False)
    part = li.render_level_array(level, col_from=10, col_to=20, sprites=False)
    assert np.array_equal(part, whole[:, 160:320])


def test_scale(level: Level) -> None:
    assert li.render_level(level, 2).get_size() == (32 * level.width, 512)
    assert li.render_level(level, 0.25).get_size() == (4 * level.width, 64)


@pytest.mark.parametrize(
    ("scale", "col_from", "col_to"), [(1, -1, None), (1, 5, 5), (1, 0, 10_000), (0, None, None)]
)
def test_plan_rejects_bad_requests(
    level: Level, scale: float, col_from: int | None, col_to: int | None
) -> None:
    with pytest.raises(ValueError):
        li.plan_image(level, scale, col_from, col_to)


def test_plan_rejects_huge_pictures(level: Level) -> None:
    with pytest.raises(ValueError, match="too large"):
        li.plan_image(level, 200)


def test_png_is_written_atomically(level: Level, tmp_path: Path) -> None:
    out = tmp_path / "deep" / "level.png"
    assert li.render_level_png(level, out, 0.5) == (8 * level.width, 128)
    assert png_size(out) == (8 * level.width, 128)
    li.render_level_png(level, out, 1)
    assert png_size(out) == (16 * level.width, 256)
    assert [p.name for p in out.parent.iterdir()] == ["level.png"]


def test_failed_save_leaves_nothing(level: Level, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OSError):
        li.render_level_png(level, blocker / "x.png")
    assert [p.name for p in tmp_path.iterdir()] == ["blocker"]
