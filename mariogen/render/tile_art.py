"""Drawings of every tile id, in design units on a 16 x 16 tile (see :mod:`mariogen.render.pen`).

Each drawer paints one tile onto a transparent tile-sized Surface. Tiles that look alike in the
game but behave differently (a brick and a coin brick, a hidden block and empty space) get a
small badge so that a designer can tell them apart.
"""

from __future__ import annotations

from collections.abc import Callable

from mariogen.level.tiles import Tile
from mariogen.render import pen as p
from mariogen.render.pen import Pen

TileDrawer = Callable[[Pen], None]

_QUESTION = (".###.", "#...#", "...#.", "..#..", ".....", "..#..")


def _ground(pen: Pen) -> None:
    pen.rect(p.EARTH, 0, 0, 16, 16)
    pen.rect(p.EARTH_LIGHT, 0, 0, 16, 2)
    for x, y in ((2, 5), (9, 4), (5, 10), (12, 11), (1, 13), (11, 7)):
        pen.rect(p.EARTH_DARK, x, y, 3, 2)
    pen.rect(p.EARTH_DARK, 0, 15, 16, 1)


def _pyramid(pen: Pen) -> None:
    pen.rect(p.STONE, 0, 0, 16, 16)
    pen.poly(p.STONE_LIGHT, [(0, 0), (16, 0), (13, 3), (3, 3), (3, 13), (0, 16)])
    pen.poly(p.STONE_DARK, [(16, 0), (16, 16), (0, 16), (3, 13), (13, 13), (13, 3)])
    pen.rect(p.STONE, 3, 3, 10, 10)


def _cannon_head(pen: Pen) -> None:
    pen.rect(p.IRON, 1, 1, 14, 15)
    pen.rect(p.IRON_LIGHT, 2, 2, 2, 13)
    pen.rect(p.IRON_DARK, 1, 0, 14, 2)
    pen.circle(p.IRON_LIGHT, 8, 8, 4.5)
    pen.circle(p.BLACK, 8, 8, 3)
    pen.rect(p.OUTLINE, 1, 1, 14, 15, width=1)


def _cannon_neck(pen: Pen) -> None:
    pen.rect(p.IRON, 3, 0, 10, 16)
    pen.rect(p.IRON_LIGHT, 4, 0, 2, 16)
    for y in (3, 10):
        pen.rect(p.IRON_DARK, 2, y, 12, 3)
    pen.rect(p.OUTLINE, 3, 0, 10, 16, width=1)


def _cannon_body(pen: Pen) -> None:
    pen.rect(p.IRON_DARK, 0, 0, 16, 16)
    pen.rect(p.IRON, 2, 2, 12, 12)
    for x, y in ((4, 4), (11, 4), (4, 11), (11, 11)):
        pen.circle(p.IRON_LIGHT, x, y, 1.2)


def _brick(pen: Pen) -> None:
    pen.rect(p.BRICK, 0, 0, 16, 16)
    pen.rect(p.BRICK_LIGHT, 0, 0, 16, 1)
    for y in (0, 4, 8, 12):
        pen.rect(p.BRICK_DARK, 0, y + 3, 16, 1)
        offset = 4 if (y // 4) % 2 else 0
        for x in (offset, offset + 8):
            pen.rect(p.BRICK_DARK, x, y, 1, 3)


def _badge(color: p.Color, dark: p.Color) -> TileDrawer:
    def draw(pen: Pen) -> None:
        _brick(pen)
        pen.circle(p.OUTLINE, 8, 8, 4)
        pen.circle(color, 8, 8, 3)
        pen.rect(dark, 7, 6, 2, 4)

    return draw


def _block_frame(pen: Pen, fill: p.Color, dark: p.Color) -> None:
    pen.rect(fill, 0, 0, 16, 16)
    pen.rect(dark, 0, 0, 16, 16, width=1)
    for x, y in ((2, 2), (13, 2), (2, 13), (13, 13)):
        pen.rect(dark, x, y, 1, 1)


def _special_question(pen: Pen) -> None:
    _block_frame(pen, p.GOLD, p.GOLD_DARK)
    pen.ellipse(p.RED, 3, 3, 10, 8)
    pen.rect(p.GOLD, 3, 8, 10, 3)
    pen.circle(p.WHITE, 6, 6, 1.2)
    pen.circle(p.WHITE, 10, 6, 1.2)
    pen.rect(p.SKIN, 6, 8, 4, 4)


def _coin_question(pen: Pen) -> None:
    _block_frame(pen, p.GOLD, p.GOLD_DARK)
    pen.bitmap(p.BROWN_DARK, 5.5, 4, _QUESTION)
    pen.bitmap(p.GOLD_LIGHT, 5, 3.5, _QUESTION)


def _used(pen: Pen) -> None:
    _block_frame(pen, p.USED_BROWN, p.USED_DARK)
    pen.rect(p.USED_DARK, 4, 4, 8, 8, width=1)


def _coin(pen: Pen) -> None:
    pen.ellipse(p.GOLD_DARK, 4, 2, 8, 12)
    pen.ellipse(p.GOLD, 5, 3, 6, 10)
    pen.rect(p.GOLD_LIGHT, 7, 5, 1, 6)


def _pipe_part(left: float, width: float, lip: bool, side: str) -> TileDrawer:
    """A pipe slice from ``left`` to ``left + width``; ``side`` says which edges are outlined."""

    def draw(pen: Pen) -> None:
        pen.rect(p.PIPE, left, 0, width, 16)
        if "l" in side:
            pen.rect(p.PIPE_LIGHT, left + 2, 0, 2, 16)
            pen.rect(p.PIPE_DARK, left, 0, 1, 16)
        if "r" in side:
            pen.rect(p.PIPE_DARK, left + width - 4, 0, 2, 16)
            pen.rect(p.PIPE_DARK, left + width - 1, 0, 1, 16)
        if lip:
            pen.rect(p.PIPE_DARK, left, 0, width, 1)
            pen.rect(p.PIPE_DARK, left, 15, width, 1)

    return draw


def _pipe_odd(pen: Pen) -> None:
    pen.rect((*p.PIPE, 110), 3, 0, 10, 16)
    pen.dashed_box(p.PIPE_DARK, 3, 0, 10, 16)


def _flag_top(pen: Pen) -> None:
    pen.rect(p.POLE, 7, 4, 2, 12)
    pen.poly(p.WHITE, [(7, 5), (7, 15), (0, 10)])
    pen.circle(p.GREEN, 4.5, 10, 1.5)
    pen.circle(p.GREEN_DARK, 8, 3, 3)
    pen.circle(p.GREEN, 7.5, 2.5, 2)


def _flag_pole(pen: Pen) -> None:
    pen.rect(p.POLE, 7, 0, 2, 16)
    pen.rect(p.GREEN_DARK, 8, 0, 1, 16)


def _platform(left_cap: bool, right_cap: bool) -> TileDrawer:
    def draw(pen: Pen) -> None:
        x0 = 1 if left_cap else 0
        x1 = 15 if right_cap else 16
        pen.rect(p.WOOD, x0, 0, x1 - x0, 6)
        pen.rect(p.WOOD_DARK, x0, 5, x1 - x0, 1)
        pen.rect(p.WOOD_DARK, x0, 0, x1 - x0, 1)
        for x in range(4, 16, 6):
            if x0 < x < x1:
                pen.rect(p.WOOD_DARK, x, 1, 1, 4)
        if left_cap:
            pen.rect(p.WOOD_DARK, 0, 0, 2, 6)
        if right_cap:
            pen.rect(p.WOOD_DARK, 14, 0, 2, 6)

    return draw


def _platform_background(pen: Pen) -> None:
    pen.rect(p.TRUNK, 0, 0, 16, 16)
    for x in (2, 7, 12):
        pen.rect((*p.WOOD_DARK, 90), x, 0, 1, 16)


def _hidden(life: bool) -> TileDrawer:
    """An invisible block: a dashed outline around a small 1-up mushroom or coin."""

    def draw(pen: Pen) -> None:
        pen.rect((255, 255, 255, 50), 0, 0, 16, 16)
        pen.dashed_box(p.WHITE, 0, 0, 16, 16)
        if life:
            pen.rect(p.SKIN, 6, 8, 4, 4)
            pen.ellipse(p.GREEN, 4, 4, 8, 6)
            pen.circle(p.WHITE, 8, 6, 1)
        else:
            pen.ellipse(p.GOLD_DARK, 5, 4, 6, 8)
            pen.ellipse(p.GOLD, 6, 5, 4, 6)

    return draw


def _unknown(pen: Pen) -> None:
    for x in range(0, 16, 4):
        for y in range(0, 16, 4):
            pen.rect(p.MAGENTA if (x + y) % 8 == 0 else p.BLACK, x, y, 4, 4)


#: Drawer for every tile id the engine can produce; other ids use a magenta checkerboard.
TILE_DRAWERS: dict[int, TileDrawer] = {
    Tile.GROUND: _ground,
    Tile.PYRAMID: _pyramid,
    Tile.CANNON_HEAD: _cannon_head,
    Tile.CANNON_NECK: _cannon_neck,
    Tile.CANNON_BODY: _cannon_body,
    Tile.BRICK: _brick,
    Tile.COIN_BRICK: _badge(p.GOLD, p.GOLD_DARK),
    Tile.SPECIAL_QUESTION: _special_question,
    Tile.COIN_QUESTION: _coin_question,
    Tile.USED: _used,
    Tile.COIN: _coin,
    Tile.PIPE_TOP_LEFT: _pipe_part(0, 16, True, "l"),
    Tile.PIPE_TOP_RIGHT: _pipe_part(0, 16, True, "r"),
    Tile.PIPE_BODY_LEFT: _pipe_part(2, 14, False, "l"),
    Tile.PIPE_BODY_RIGHT: _pipe_part(0, 14, False, "r"),
    Tile.FLAG_TOP: _flag_top,
    Tile.FLAG_POLE: _flag_pole,
    Tile.PLATFORM: _platform(True, True),
    Tile.PLATFORM_LEFT: _platform(True, False),
    Tile.PLATFORM_RIGHT: _platform(False, True),
    Tile.PLATFORM_MIDDLE: _platform(False, False),
    Tile.PLATFORM_BACKGROUND: _platform_background,
    Tile.HIDDEN_LIFE: _hidden(life=True),
    Tile.HIDDEN_COIN: _hidden(life=False),
    Tile.SPECIAL_BRICK: _badge(p.RED, p.WHITE),
    Tile.LIFE_BRICK: _badge(p.GREEN, p.WHITE),
    Tile.PIPE_SINGLE_TOP: _pipe_part(1, 14, True, "lr"),
    Tile.PIPE_SINGLE_BODY: _pipe_part(3, 10, False, "lr"),
    Tile.PIPE_SINGLE_ODD: _pipe_odd,
}


def tile_drawer(tile_id: int) -> TileDrawer | None:
    """The drawer for ``tile_id``: ``None`` for empty space, a checkerboard for unknown ids."""
    if tile_id == Tile.EMPTY:
        return None
    return TILE_DRAWERS.get(int(tile_id), _unknown)
