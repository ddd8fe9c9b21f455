"""A drawing helper that maps a 16-unit design grid onto a pygame Surface, and the palette.

All of mariogen's art is drawn with pygame primitives in design units: one tile is 16 x 16
units, so the same drawing code gives crisp art at any scale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pygame

Color = tuple[int, int, int] | tuple[int, int, int, int]
Point = tuple[float, float]

# Palette (the project's own colours).
SKY = (126, 176, 255)
OUTLINE = (28, 22, 30)
WHITE = (250, 250, 250)
BLACK = (16, 16, 20)
EARTH = (176, 98, 44)
EARTH_DARK = (122, 62, 28)
EARTH_LIGHT = (214, 142, 76)
BRICK = (186, 70, 36)
BRICK_DARK = (92, 30, 18)
BRICK_LIGHT = (232, 128, 86)
STONE = (190, 170, 136)
STONE_LIGHT = (236, 222, 190)
STONE_DARK = (112, 96, 74)
GOLD = (244, 186, 40)
GOLD_DARK = (170, 104, 20)
GOLD_LIGHT = (255, 236, 140)
USED_BROWN = (132, 88, 56)
USED_DARK = (76, 48, 30)
PIPE = (60, 176, 64)
PIPE_DARK = (20, 96, 34)
PIPE_LIGHT = (150, 230, 120)
IRON = (58, 58, 70)
IRON_DARK = (30, 30, 38)
IRON_LIGHT = (120, 120, 140)
WOOD = (222, 168, 92)
WOOD_DARK = (126, 80, 36)
TRUNK = (230, 214, 170, 150)
RED = (214, 40, 40)
RED_DARK = (120, 16, 20)
GREEN = (40, 170, 60)
GREEN_DARK = (16, 90, 30)
SKIN = (250, 196, 150)
BLUE = (40, 70, 200)
BROWN = (150, 80, 40)
BROWN_DARK = (80, 40, 20)
ORANGE = (250, 130, 30)
YELLOW = (255, 226, 60)
POLE = (210, 230, 210)
MAGENTA = (255, 0, 200)


class Pen:
    """Draws on a Surface in design units (a tile is 16 units wide).

    Args:
        surface: the Surface to draw on.
        unit: pixels per design unit (``tile_px / 16``).
        origin: offset of the design origin, in design units.
    """

    def __init__(self, surface: pygame.Surface, unit: float, origin: Point = (0.0, 0.0)) -> None:
        from mariogen.render.headless import import_pygame

        self.pg = import_pygame()
        self.surface = surface
        self.unit = unit
        self.origin = origin

    def shifted(self, dx: float = 0.0, dy: float = 0.0) -> Pen:
        """A pen on the same surface whose origin is moved by ``(dx, dy)`` units."""
        return Pen(self.surface, self.unit, (self.origin[0] + dx, self.origin[1] + dy))

    def _x(self, x: float) -> int:
        return round((x + self.origin[0]) * self.unit)

    def _y(self, y: float) -> int:
        return round((y + self.origin[1]) * self.unit)

    def _box(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        left, top = self._x(x), self._y(y)
        return self.pg.Rect(left, top, max(1, self._x(x + w) - left), max(1, self._y(y + h) - top))

    def _width(self, width: float) -> int:
        return 0 if width == 0 else max(1, round(width * self.unit))

    def rect(self, color: Color, x: float, y: float, w: float, h: float, width: float = 0) -> None:
        """A filled rectangle, or its outline ``width`` units thick."""
        box = self._box(x, y, w, h)
        if color[3:] and color[3] < 255:
            self._blend(color, box)
        elif width == 0:
            self.surface.fill(color, box)
        else:
            self.pg.draw.rect(self.surface, color, box, self._width(width))

    def _blend(self, color: Color, box: pygame.Rect) -> None:
        layer = self.pg.Surface(box.size, self.pg.SRCALPHA)
        layer.fill(color)
        self.surface.blit(layer, box.topleft)

    def ellipse(
        self, color: Color, x: float, y: float, w: float, h: float, width: float = 0
    ) -> None:
        """A filled ellipse inside the given box, or its outline."""
        self.pg.draw.ellipse(self.surface, color, self._box(x, y, w, h), self._width(width))

    def circle(self, color: Color, cx: float, cy: float, r: float) -> None:
        """A filled circle of radius ``r`` units."""
        self.ellipse(color, cx - r, cy - r, 2 * r, 2 * r)

    def poly(self, color: Color, points: list[Point], width: float = 0) -> None:
        """A filled polygon, or its outline."""
        pts = [(self._x(x), self._y(y)) for x, y in points]
        self.pg.draw.polygon(self.surface, color, pts, self._width(width))

    def line(self, color: Color, a: Point, b: Point, width: float = 1) -> None:
        """A straight line ``width`` units thick."""
        start, end = (self._x(a[0]), self._y(a[1])), (self._x(b[0]), self._y(b[1]))
        self.pg.draw.line(self.surface, color, start, end, self._width(width))

    def bitmap(self, color: Color, x: float, y: float, rows: tuple[str, ...]) -> None:
        """Draw a tiny bitmap: each ``#`` in ``rows`` is a 1 x 1 unit square."""
        for dy, row in enumerate(rows):
            for dx, char in enumerate(row):
                if char == "#":
                    self.rect(color, x + dx, y + dy, 1, 1)

    def dashed_box(self, color: Color, x: float, y: float, w: float, h: float) -> None:
        """The outline of a box drawn as 2-unit dashes."""
        step = 4.0
        pos = 0.0
        while pos < max(w, h):
            if pos < w:
                self.rect(color, x + pos, y, min(2, w - pos), 1)
                self.rect(color, x + pos, y + h - 1, min(2, w - pos), 1)
            if pos < h:
                self.rect(color, x, y + pos, 1, min(2, h - pos))
                self.rect(color, x + w - 1, y + pos, 1, min(2, h - pos))
            pos += step
