"""Pictures of whole levels: tiles, enemy templates and Mario's start, as a Surface, array or PNG.

Example:
    >>> level = Level.read("levels/examples/first-steps.txt")          # doctest: +SKIP
    >>> render_level_png(level, "out/first-steps.png", scale=2)         # doctest: +SKIP
    (1536, 512)
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from mariogen.fileio import atomic_write
from mariogen.level import Level
from mariogen.level.tiles import SpriteType
from mariogen.render.art import draw_mario, draw_sprite, draw_tile, tile_size
from mariogen.render.headless import import_pygame
from mariogen.render.pen import SKY

if TYPE_CHECKING:
    import pygame

#: Largest picture drawn, in pixels (width x height); about 256 MB as a Surface.
MAX_IMAGE_PIXELS = 1 << 26
#: Largest picture side, in pixels.
MAX_IMAGE_SIDE = 1 << 18
#: Background colour.
BACKGROUND = SKY


@dataclass(frozen=True)
class ImagePlan:
    """What part of a level a picture shows and how big it is.

    Attributes:
        col_from: first column drawn.
        col_to: one past the last column drawn.
        tile_px: tile size in pixels.
        width: picture width in pixels.
        height: picture height in pixels.
    """

    col_from: int
    col_to: int
    tile_px: int
    width: int
    height: int


def plan_image(
    level: Level, scale: float = 1.0, col_from: int | None = None, col_to: int | None = None
) -> ImagePlan:
    """Check a picture request and work out its size.

    Args:
        level: the level to draw.
        scale: 1 draws 16 px tiles, 2 draws 32 px tiles, 0.5 draws 8 px tiles.
        col_from: first column to draw (0-based); ``None`` for the first column.
        col_to: column after the last one to draw, like a Python slice; ``None`` for the end.

    Raises:
        ValueError: with a message for the user, for a bad scale or column range or a picture
            larger than :data:`MAX_IMAGE_PIXELS`.
    """
    first = 0 if col_from is None else col_from
    end = level.width if col_to is None else col_to
    if not 0 <= first < level.width:
        raise ValueError(f"--from {first} is outside the level's columns 0..{level.width - 1}")
    if not first < end <= level.width:
        raise ValueError(
            f"--to {end} must be greater than --from {first} and at most the level width "
            f"{level.width} (--to is exclusive, like a Python slice)"
        )
    if not scale > 0:
        raise ValueError(f"--scale must be positive, not {scale}")
    px = tile_size(scale)
    width, height = (end - first) * px, level.height * px
    if width * height > MAX_IMAGE_PIXELS or max(width, height) > MAX_IMAGE_SIDE:
        raise ValueError(
            f"a {width} x {height} px picture is too large (limit {MAX_IMAGE_PIXELS} pixels); "
            "use a smaller --scale or draw part of the level with --from/--to"
        )
    return ImagePlan(first, end, px, width, height)


def draw_tile_grid(
    surface: pygame.Surface,
    tiles: np.ndarray,
    size: int,
    col_from: int = 0,
    col_to: int | None = None,
    origin: tuple[int, int] = (0, 0),
) -> None:
    """Draw the columns ``col_from:col_to`` of a tile grid; column ``col_from`` lands at ``origin``.

    Args:
        surface: the Surface to draw on.
        tiles: tile ids indexed ``[row, column]``.
        size: tile size in pixels.
        col_from: first column drawn.
        col_to: one past the last column drawn (``None``: to the end).
        origin: pixel position of the top-left corner of cell ``(col_from, 0)``.
    """
    end = tiles.shape[1] if col_to is None else col_to
    ox, oy = origin
    rows, cols = np.nonzero(tiles[:, col_from:end])
    for row, col in zip(rows.tolist(), cols.tolist(), strict=True):
        draw_tile(surface, int(tiles[row, col + col_from]), ox + col * size, oy + row * size, size)


def draw_templates(
    surface: pygame.Surface,
    templates: np.ndarray,
    size: int,
    col_from: int = 0,
    col_to: int | None = None,
    origin: tuple[int, int] = (0, 0),
) -> None:
    """Draw the enemy templates of the columns ``col_from:col_to`` where they will appear.

    Walking enemies stand on the bottom of their cell facing left; a piranha flower is drawn
    risen out of its pipe, centred on the pipe.

    Args:
        surface: the Surface to draw on.
        templates: sprite types indexed ``[row, column]`` (0 for none).
        size: tile size in pixels.
        col_from: first column drawn.
        col_to: one past the last column drawn (``None``: to the end).
        origin: pixel position of the top-left corner of cell ``(col_from, 0)``.
    """
    end = templates.shape[1] if col_to is None else col_to
    ox, oy = origin
    rows, cols = np.nonzero(templates[:, col_from:end])
    for row, col in zip(rows.tolist(), cols.tolist(), strict=True):
        kind = SpriteType(int(templates[row, col + col_from]))
        if kind is SpriteType.ENEMY_FLOWER:
            draw_sprite(surface, kind, ox + (col + 1) * size, oy + row * size, size)
        else:
            x, y = ox + (col + 0.5) * size, oy + (row + 1) * size
            draw_sprite(surface, kind, x, y, size, facing=-1)


def render_level(
    level: Level,
    scale: float = 1.0,
    col_from: int | None = None,
    col_to: int | None = None,
    *,
    sprites: bool = True,
) -> pygame.Surface:
    """Draw a level (or the columns ``col_from:col_to`` of it) onto a new Surface.

    Args:
        level: the level.
        scale: 1 draws 16 px tiles.
        col_from: first column drawn (default 0).
        col_to: one past the last column drawn (default: the level width).
        sprites: also draw the enemy templates and Mario at his start.

    Raises:
        ValueError: for a bad scale or column range (see :func:`plan_image`).
    """
    plan = plan_image(level, scale, col_from, col_to)
    pg = import_pygame()
    surface = pg.Surface((plan.width, plan.height))
    surface.fill(BACKGROUND)
    size, first = plan.tile_px, plan.col_from
    draw_tile_grid(surface, level.tiles, size, first, plan.col_to)
    if sprites:
        draw_templates(surface, level.templates, size, first, plan.col_to)
        mx, my = level.mario_start
        if first <= mx < plan.col_to:
            feet = (min(max(my, 0), level.height - 1) + 1) * size
            draw_mario(surface, 0, (mx - first + 0.5) * size, feet, size)
    return surface


def surface_to_array(surface: pygame.Surface) -> np.ndarray:
    """The pixels of a Surface as a ``(height, width, 3)`` uint8 RGB array."""
    pg = import_pygame()
    return np.ascontiguousarray(pg.surfarray.array3d(surface).transpose(1, 0, 2))


def render_level_array(level: Level, scale: float = 1.0, **kwargs: object) -> np.ndarray:
    """Like :func:`render_level`, but returns a ``(height, width, 3)`` uint8 RGB array."""
    return surface_to_array(render_level(level, scale, **kwargs))  # type: ignore[arg-type]


def save_png(surface: pygame.Surface, path: str | os.PathLike[str]) -> None:
    """Save a Surface as PNG atomically: write a temporary file next to ``path``, then rename.

    The parent folder is created if needed. A reader never sees a half-written file.

    Raises:
        OSError: when the file cannot be written; its ``filename`` is ``path``.
    """
    pg = import_pygame()

    def write(tmp: Path) -> None:
        try:
            pg.image.save(surface, str(tmp))
        except pg.error as exc:
            raise OSError(errno.EIO, f"cannot write PNG: {exc}", str(path)) from exc

    atomic_write(path, write, suffix=".png")


def render_level_png(
    level: Level,
    path: str | os.PathLike[str],
    scale: float = 1.0,
    col_from: int | None = None,
    col_to: int | None = None,
    *,
    sprites: bool = True,
) -> tuple[int, int]:
    """Draw a level and save it as a PNG (atomically).

    Args:
        level: the level.
        path: the PNG file to write.
        scale: 1 draws 16 px tiles.
        col_from: first column drawn (default 0).
        col_to: one past the last column drawn (default: the level width).
        sprites: also draw the enemy templates and Mario at his start.

    Returns:
        The picture's ``(width, height)`` in pixels.
    """
    surface = render_level(level, scale, col_from, col_to, sprites=sprites)
    save_png(surface, path)
    return surface.get_size()
