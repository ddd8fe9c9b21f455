"""Overlays for the replay viewer: Mario's path, hitboxes and event markers.

Each draws on a frame from :class:`~mariogen.render.frame.FrameRenderer`, in the same
camera (``camera_px``) and scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from mariogen.engine import EventType, Game
from mariogen.render.frame import FrameRenderer
from mariogen.render.headless import import_pygame
from mariogen.render.timeline import Marker

if TYPE_CHECKING:
    import pygame

PATH_COLOR = (255, 255, 255)
MARIO_BOX_COLOR = (255, 60, 200)
SPRITE_BOX_COLOR = (255, 230, 0)
KILL_COLOR = (230, 20, 20)
COIN_COLOR = (255, 200, 0)
JUMP_COLOR = (40, 40, 220)
_KILLS = frozenset(
    (EventType.STOMP_KILL, EventType.FIRE_KILL, EventType.SHELL_KILL, EventType.FALL_KILL)
)
_BUMP_BLOCK = 24  # BUMP param of a block that gave a coin or an item
_COIN_TILE = 15  # COLLECT param of a coin tile


def draw_path(
    surface: pygame.Surface, renderer: FrameRenderer, cam: int, path: np.ndarray, upto: int
) -> None:
    """Mario's path (his feet) from the start up to position ``upto``, where it is in view."""
    if upto < 1:
        return
    pg = import_pygame()
    unit = renderer.tile_px / 16
    margin = 2 * renderer.tile_px
    points = path[: upto + 1] * unit - np.array([cam, 0], dtype=np.float32)
    xs = points[:, 0]
    visible = np.flatnonzero((xs > -margin) & (xs < surface.get_width() + margin))
    width = max(1, round(unit))
    for run in np.split(visible, np.flatnonzero(np.diff(visible) > 1) + 1):
        if len(run) > 1:
            pg.draw.lines(surface, PATH_COLOR, False, points[run].tolist(), width)


def draw_hitboxes(surface: pygame.Surface, renderer: FrameRenderer, cam: int, game: Game) -> None:
    """The tile-collision box of Mario and every sprite: ``x - w .. x + w`` by ``y - h .. y``."""
    pg = import_pygame()
    table = game.sprite_table()
    unit = renderer.tile_px / 16
    for x, y, w, h, is_mario in zip(
        table.x.tolist(),
        table.y.tolist(),
        table.half_width.tolist(),
        table.height.tolist(),
        table.is_mario.tolist(),
        strict=True,
    ):
        left, top = renderer.to_screen(cam, x - w, y - h)
        box = pg.Rect(round(left), round(top), max(1, round(2 * w * unit)), max(1, round(h * unit)))
        color = MARIO_BOX_COLOR if is_mario else SPRITE_BOX_COLOR
        pg.draw.rect(surface, color, box, 1)


def draw_markers(
    surface: pygame.Surface,
    renderer: FrameRenderer,
    cam: int,
    markers: Sequence[Marker],
    upto: int,
) -> None:
    """Markers where events happened up to position ``upto``: kills (a red cross), coins and
    opened blocks (a gold ring), jumps (a blue triangle)."""
    pg = import_pygame()
    r = max(2, renderer.tile_px // 4)
    for marker in markers:
        if marker.position > upto:
            break
        event = marker.event
        x, y = renderer.to_screen(cam, event.x, event.y)
        if not -r <= x <= surface.get_width() + r:
            continue
        cx, cy = round(x), round(y) - renderer.tile_px // 2
        if event.type in _KILLS:
            pg.draw.line(surface, KILL_COLOR, (cx - r, cy - r), (cx + r, cy + r), 2)
            pg.draw.line(surface, KILL_COLOR, (cx - r, cy + r), (cx + r, cy - r), 2)
        elif (event.type is EventType.COLLECT and event.param == _COIN_TILE) or (
            event.type is EventType.BUMP and event.param == _BUMP_BLOCK
        ):
            pg.draw.circle(surface, COIN_COLOR, (cx, cy), r, 2)
        elif event.type is EventType.JUMP:
            cy = round(y)
            pg.draw.polygon(surface, JUMP_COLOR, [(cx - r, cy), (cx + r, cy), (cx, cy - r)])
