"""Drawings of every sprite kind and of Mario, in design units, facing right.

A sprite is drawn in its own box (``SPRITE_BOX``, in units; a tile is 16 units). The caller
places the box so that its bottom centre is at the sprite's feet, which is where the engine
keeps a sprite's ``(x, y)``.
"""

from __future__ import annotations

from collections.abc import Callable

from mariogen.level.tiles import SpriteType
from mariogen.render import pen as p
from mariogen.render.pen import Pen

SpriteDrawer = Callable[[Pen], None]

#: Extra height (units) above the body of a winged enemy, for its wing.
WING_ROOM = 6


def _eye(pen: Pen, x: float, y: float, w: float = 3, h: float = 4) -> None:
    pen.ellipse(p.WHITE, x, y, w, h)
    pen.rect(p.BLACK, x + w - 1.5, y + 1, 1, h - 2)


def _goomba(pen: Pen) -> None:
    pen.ellipse(p.BROWN, 0, 1, 16, 11)
    pen.rect(p.SKIN, 4, 9, 8, 4)
    _eye(pen, 4, 4)
    _eye(pen, 9, 4)
    pen.line(p.BROWN_DARK, (3, 3), (7, 4.5))
    pen.line(p.BROWN_DARK, (13, 3), (9, 4.5))
    pen.ellipse(p.BLACK, 1, 12, 6, 4)
    pen.ellipse(p.BLACK, 9, 12, 6, 4)


def _koopa(shell: p.Color, shell_dark: p.Color) -> SpriteDrawer:
    def draw(pen: Pen) -> None:
        pen.rect(p.SKIN, 9, 7, 3, 7)
        pen.circle(p.SKIN, 11.5, 5, 3.5)
        _eye(pen, 11.5, 2.5, 2.5, 3.5)
        pen.ellipse(p.OUTLINE, 0, 9, 13, 12)
        pen.ellipse(shell, 1, 10, 11, 10)
        pen.ellipse(shell_dark, 4, 12, 5, 6)
        pen.rect(p.WHITE, 1, 18, 11, 1.5)
        pen.rect(p.YELLOW, 11, 12, 3, 7)
        pen.ellipse(p.ORANGE, 2, 20, 5, 4)
        pen.ellipse(p.ORANGE, 9, 20, 5, 4)

    return draw


def _spiky(pen: Pen) -> None:
    for x in (1, 5, 9):
        pen.poly(p.WHITE, [(x, 6), (x + 2, 0), (x + 4, 6)])
        pen.poly(p.OUTLINE, [(x, 6), (x + 2, 0), (x + 4, 6)], width=0.6)
    pen.ellipse(p.OUTLINE, 0, 4, 14, 11)
    pen.ellipse(p.RED, 1, 5, 12, 9)
    pen.ellipse(p.SKIN, 10, 7, 6, 6)
    pen.rect(p.BLACK, 13, 8.5, 1, 2)
    pen.ellipse(p.ORANGE, 1, 13, 5, 3)
    pen.ellipse(p.ORANGE, 8, 13, 5, 3)


def _winged(body: SpriteDrawer) -> SpriteDrawer:
    """A winged enemy: the body moved down by ``WING_ROOM`` units, a wing on its back."""

    def draw(pen: Pen) -> None:
        body(pen.shifted(dy=WING_ROOM))
        pen.ellipse(p.OUTLINE, 0, 0, 8, 11)
        pen.ellipse(p.WHITE, 1, 1, 6, 9)
        for y in (4, 6.5):
            pen.line(p.OUTLINE, (2, y), (6, y - 1), 0.6)

    return draw


def _bullet_bill(pen: Pen) -> None:
    pen.rect(p.BLACK, 2, 2, 8, 12)
    pen.ellipse(p.BLACK, 3, 2, 13, 12)
    pen.rect(p.IRON_DARK, 0, 1, 3, 14)
    pen.rect(p.IRON_LIGHT, 1, 3, 1, 10)
    pen.ellipse(p.WHITE, 9, 4, 4, 5)
    pen.rect(p.BLACK, 11, 5, 1.5, 3)
    pen.line(p.WHITE, (6, 11), (10, 10), 1)


def _enemy_flower(pen: Pen) -> None:
    pen.rect(p.GREEN_DARK, 7, 10, 2, 14)
    pen.ellipse(p.GREEN, 1, 15, 7, 4)
    pen.ellipse(p.GREEN, 8, 18, 7, 4)
    pen.ellipse(p.OUTLINE, 1, 0, 14, 13)
    pen.ellipse(p.RED, 2, 1, 12, 11)
    pen.poly(p.BLACK, [(8, 8), (4, 0.5), (12, 0.5)])
    pen.poly(p.WHITE, [(5, 1.5), (6, 3.5), (7, 1.5)])
    pen.poly(p.WHITE, [(9, 1.5), (10, 3.5), (11, 1.5)])
    for x, y in ((4, 9), (11.5, 8.5), (3, 5.5), (13, 5)):
        pen.circle(p.WHITE, x, y, 1)


def _mushroom(cap: p.Color) -> SpriteDrawer:
    def draw(pen: Pen) -> None:
        pen.rect(p.SKIN, 4, 8, 8, 8)
        pen.rect(p.BLACK, 6, 10, 1, 3)
        pen.rect(p.BLACK, 9, 10, 1, 3)
        pen.ellipse(p.OUTLINE, 0, 0, 16, 11)
        pen.ellipse(cap, 1, 1, 14, 9)
        pen.circle(p.WHITE, 8, 4, 2.2)
        pen.circle(p.WHITE, 3.5, 6, 1.5)
        pen.circle(p.WHITE, 12.5, 6, 1.5)

    return draw


def _fire_flower(pen: Pen) -> None:
    pen.rect(p.GREEN_DARK, 7, 8, 2, 8)
    pen.ellipse(p.GREEN, 1, 10, 6, 4)
    pen.ellipse(p.GREEN, 9, 10, 6, 4)
    pen.ellipse(p.RED, 1, 0, 14, 9)
    pen.ellipse(p.ORANGE, 3, 1.5, 10, 6)
    pen.ellipse(p.YELLOW, 5, 3, 6, 3)


def _shell(pen: Pen) -> None:
    pen.ellipse(p.OUTLINE, 0, 2, 16, 13)
    pen.ellipse(p.GREEN, 1, 3, 14, 11)
    pen.poly(p.GREEN_DARK, [(5, 5), (11, 5), (13, 9), (11, 11), (5, 11), (3, 9)])
    pen.rect(p.WHITE, 1, 12, 14, 2)
    pen.rect(p.OUTLINE, 1, 14, 14, 1)


def _fireball(pen: Pen) -> None:
    pen.circle(p.RED, 4, 4, 4)
    pen.circle(p.ORANGE, 4, 4, 3)
    pen.circle(p.YELLOW, 4.5, 3.5, 1.5)


#: Design box (width, height) in units of each sprite kind.
SPRITE_BOX: dict[SpriteType, tuple[int, int]] = {
    SpriteType.GOOMBA: (16, 16),
    SpriteType.GOOMBA_WINGED: (16, 16 + WING_ROOM),
    SpriteType.RED_KOOPA: (16, 24),
    SpriteType.RED_KOOPA_WINGED: (16, 24 + WING_ROOM),
    SpriteType.GREEN_KOOPA: (16, 24),
    SpriteType.GREEN_KOOPA_WINGED: (16, 24 + WING_ROOM),
    SpriteType.SPIKY: (16, 16),
    SpriteType.SPIKY_WINGED: (16, 16 + WING_ROOM),
    SpriteType.BULLET_BILL: (16, 16),
    SpriteType.ENEMY_FLOWER: (16, 24),
    SpriteType.MUSHROOM: (16, 16),
    SpriteType.FIRE_FLOWER: (16, 16),
    SpriteType.SHELL: (16, 16),
    SpriteType.LIFE_MUSHROOM: (16, 16),
    SpriteType.FIREBALL: (8, 8),
}

_RED_KOOPA = _koopa(p.RED, p.RED_DARK)
_GREEN_KOOPA = _koopa(p.GREEN, p.GREEN_DARK)

#: Drawer of each sprite kind (Mario is drawn by :func:`draw_mario`).
SPRITE_DRAWERS: dict[SpriteType, SpriteDrawer] = {
    SpriteType.GOOMBA: _goomba,
    SpriteType.GOOMBA_WINGED: _winged(_goomba),
    SpriteType.RED_KOOPA: _RED_KOOPA,
    SpriteType.RED_KOOPA_WINGED: _winged(_RED_KOOPA),
    SpriteType.GREEN_KOOPA: _GREEN_KOOPA,
    SpriteType.GREEN_KOOPA_WINGED: _winged(_GREEN_KOOPA),
    SpriteType.SPIKY: _spiky,
    SpriteType.SPIKY_WINGED: _winged(_spiky),
    SpriteType.BULLET_BILL: _bullet_bill,
    SpriteType.ENEMY_FLOWER: _enemy_flower,
    SpriteType.MUSHROOM: _mushroom(p.RED),
    SpriteType.FIRE_FLOWER: _fire_flower,
    SpriteType.SHELL: _shell,
    SpriteType.LIFE_MUSHROOM: _mushroom(p.GREEN),
    SpriteType.FIREBALL: _fireball,
}

#: Mario's design box per mode: 0 small, 1 large, 2 fire.
MARIO_BOX: dict[int, tuple[int, int]] = {0: (16, 16), 1: (16, 32), 2: (16, 32)}

#: (cap and shirt, overalls) colours per Mario mode.
_MARIO_COLORS: dict[int, tuple[p.Color, p.Color]] = {
    0: (p.RED, p.BLUE),
    1: (p.RED, p.BLUE),
    2: (p.WHITE, p.RED),
}


def _mario_head(pen: Pen, cap: p.Color, height: float) -> None:
    """Cap, face, hair and moustache in a head ``height`` units tall (7 small, 12 large)."""
    k = height / 8
    pen.rect(cap, 3, 0, 9, 3 * k)
    pen.rect(cap, 8, 2 * k, 6, 1.5 * k)
    pen.rect(p.SKIN, 4, 3 * k, 9, 5 * k)
    pen.rect(p.BROWN_DARK, 3, 3 * k, 2, 4 * k)
    pen.rect(p.BLACK, 10, 3.5 * k, 1, 2 * k)
    pen.rect(p.BROWN_DARK, 9, 6 * k, 4, 1 * k)


def draw_mario(pen: Pen, mode: int) -> None:
    """Draw Mario facing right in his ``MARIO_BOX[mode]`` box.

    Args:
        pen: a pen whose origin is the box's top-left corner.
        mode: 0 small, 1 large, 2 fire.
    """
    cap, overalls = _MARIO_COLORS[mode]
    if mode == 0:
        _mario_head(pen, cap, 8)
        pen.rect(cap, 3, 8, 10, 4)
        pen.rect(overalls, 5, 8, 6, 6)
        pen.rect(p.YELLOW, 6, 9, 1, 1)
        pen.rect(p.YELLOW, 9, 9, 1, 1)
        pen.rect(p.SKIN, 1, 9, 2, 2)
        pen.rect(p.SKIN, 13, 9, 2, 2)
        pen.rect(p.BROWN_DARK, 2, 14, 5, 2)
        pen.rect(p.BROWN_DARK, 9, 14, 5, 2)
        return
    _mario_head(pen, cap, 12)
    pen.rect(cap, 2, 12, 12, 8)
    pen.rect(overalls, 4, 13, 8, 13)
    pen.rect(overalls, 3, 20, 10, 6)
    pen.rect(p.YELLOW, 5, 15, 1.5, 1.5)
    pen.rect(p.YELLOW, 9.5, 15, 1.5, 1.5)
    pen.rect(p.SKIN, 0, 18, 3, 3)
    pen.rect(p.SKIN, 13, 18, 3, 3)
    pen.rect(overalls, 3, 26, 4, 3)
    pen.rect(overalls, 9, 26, 4, 3)
    pen.rect(p.BROWN_DARK, 1, 29, 6, 3)
    pen.rect(p.BROWN_DARK, 9, 29, 6, 3)
