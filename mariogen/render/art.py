"""mariogen's own art: every tile id, every sprite kind and Mario, drawn with pygame primitives.

This is the one place that knows what things look like; the level images, the Gymnasium
renderer and the replay viewer all draw through it. Sizes are given as the tile size in
pixels (16 at scale 1); each picture is drawn once per size and cached, so the returned
Surfaces are shared and must not be modified.

Positions follow the engine: a tile is placed by its top-left pixel, a sprite by its feet,
the bottom centre of its box (the engine's sprite ``x, y``).

Example:
    >>> surf = pygame.Surface((64, 64))                            # doctest: +SKIP
    >>> draw_tile(surf, Tile.BRICK, 0, 0, size=32)                 # doctest: +SKIP
    >>> draw_sprite(surf, SpriteType.GOOMBA, 48, 64, size=32)      # doctest: +SKIP
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from mariogen.level.tiles import SpriteType
from mariogen.render.headless import import_pygame
from mariogen.render.pen import Pen
from mariogen.render.sprite_art import MARIO_BOX, SPRITE_BOX, SPRITE_DRAWERS
from mariogen.render.sprite_art import draw_mario as _draw_mario_design
from mariogen.render.tile_art import tile_drawer

if TYPE_CHECKING:
    import pygame

#: Tile size in pixels at scale 1.
TILE_PX = 16
#: Mario modes, as in traces: 0 small, 1 large, 2 fire.
MARIO_MODES = (0, 1, 2)


def tile_size(scale: float) -> int:
    """Tile size in pixels at ``scale`` (16 at scale 1).

    Raises:
        ValueError: if the scale gives tiles smaller than one pixel.
    """
    size = round(TILE_PX * scale)
    if size < 1:
        raise ValueError(f"scale {scale} makes tiles smaller than one pixel")
    return size


def _blank(width: int, height: int) -> pygame.Surface:
    pg = import_pygame()
    return pg.Surface((max(1, width), max(1, height)), pg.SRCALPHA)


def _flipped(surface: pygame.Surface, facing: int) -> pygame.Surface:
    return import_pygame().transform.flip(surface, True, False) if facing < 0 else surface


@cache
def tile_surface(tile_id: int, size: int) -> pygame.Surface | None:
    """The picture of one tile id, ``size`` x ``size`` pixels, or ``None`` for empty space.

    Unknown ids give a magenta checkerboard, so that a bad id is visible rather than hidden.

    Args:
        tile_id: a tile id (:class:`~mariogen.level.Tile` value or any int).
        size: tile size in pixels.
    """
    drawer = tile_drawer(int(tile_id))
    if drawer is None:
        return None
    surface = _blank(size, size)
    drawer(Pen(surface, size / TILE_PX))
    return surface


@cache
def sprite_surface(kind: SpriteType, size: int, facing: int = 1) -> pygame.Surface:
    """The picture of one sprite kind (not Mario) at tile size ``size``.

    Args:
        kind: the sprite type, e.g. ``SpriteType.RED_KOOPA_WINGED``.
        size: tile size in pixels.
        facing: +1 faces right, -1 faces left.

    Raises:
        KeyError: for ``MARIO`` (use :func:`mario_surface`) and types without a picture.
    """
    kind = SpriteType(kind)
    if facing < 0:
        return _flipped(sprite_surface(kind, size, 1), -1)
    width, height = SPRITE_BOX[kind]
    unit = size / TILE_PX
    surface = _blank(round(width * unit), round(height * unit))
    SPRITE_DRAWERS[kind](Pen(surface, unit))
    return surface


@cache
def mario_surface(mode: int, size: int, facing: int = 1) -> pygame.Surface:
    """The picture of Mario: small (mode 0), large (1) or fire (2), at tile size ``size``.

    Args:
        mode: 0 small, 1 large, 2 fire.
        size: tile size in pixels.
        facing: +1 faces right, -1 faces left.
    """
    if mode not in MARIO_BOX:
        raise ValueError(f"Mario mode must be 0, 1 or 2, not {mode}")
    if facing < 0:
        return _flipped(mario_surface(mode, size, 1), -1)
    width, height = MARIO_BOX[mode]
    unit = size / TILE_PX
    surface = _blank(round(width * unit), round(height * unit))
    _draw_mario_design(Pen(surface, unit), mode)
    return surface


def draw_tile(surface: pygame.Surface, tile_id: int, x: int, y: int, size: int) -> None:
    """Draw one tile with its top-left corner at pixel ``(x, y)``.

    Args:
        surface: the Surface to draw on.
        tile_id: the tile id; empty space (0) draws nothing.
        x: left pixel.
        y: top pixel.
        size: tile size in pixels.
    """
    picture = tile_surface(int(tile_id), size)
    if picture is not None:
        surface.blit(picture, (x, y))


def _blit_feet(surface: pygame.Surface, picture: pygame.Surface, x: float, y: float) -> None:
    width, height = picture.get_size()
    surface.blit(picture, (round(x - width / 2), round(y - height)))


def draw_sprite(
    surface: pygame.Surface, kind: SpriteType, x: float, y: float, size: int, facing: int = 1
) -> None:
    """Draw one sprite with the bottom centre of its box (its feet) at pixel ``(x, y)``.

    Args:
        surface: the Surface to draw on.
        kind: the sprite type (not Mario; see :func:`draw_mario`).
        x: pixel column of the sprite's centre.
        y: pixel row of the sprite's feet.
        size: tile size in pixels.
        facing: +1 faces right, -1 faces left.
    """
    _blit_feet(surface, sprite_surface(SpriteType(kind), size, 1 if facing >= 0 else -1), x, y)


def draw_mario(
    surface: pygame.Surface, mode: int, x: float, y: float, size: int, facing: int = 1
) -> None:
    """Draw Mario with his feet (bottom centre) at pixel ``(x, y)``.

    Args:
        surface: the Surface to draw on.
        mode: 0 small, 1 large, 2 fire.
        x: pixel column of Mario's centre.
        y: pixel row of Mario's feet.
        size: tile size in pixels.
        facing: +1 faces right, -1 faces left.
    """
    _blit_feet(surface, mario_surface(mode, size, 1 if facing >= 0 else -1), x, y)


def drawable_sprites() -> tuple[SpriteType, ...]:
    """Every sprite kind that has a picture (all but ``NONE``, ``UNDEF`` and ``MARIO``)."""
    return tuple(SPRITE_BOX)
