"""The canvas segments are drawn on: a ground profile plus the tiles above it.

A :class:`Canvas` is a 16 x 16 grid whose ground is one height per column (``None`` for a
hole; -1 is a sunken floor of row 15 only). It starts as flat ground at its *base* height;
terrain operations (:meth:`Canvas.rise`, :meth:`Canvas.level`, :meth:`Canvas.hole`,
:meth:`Canvas.slope`) reshape it, and patterns draw tiles on top of it (stairs, pipes,
platforms, cannons, coins, enemies). Patterns stand on the local ground (:meth:`Canvas.stand`),
so one recipe draws the same thing at any height. The seam columns (``0, 1`` and
``14, 15``) are left alone by every recipe, so each end is clean ground at one height.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from mariogen.level.level import LEVEL_HEIGHT
from mariogen.level.segments import GROUND_ROWS, SEAM_COLUMNS, SEGMENT_WIDTH

#: First and last interior column (patterns draw only between the seams).
LEFT, RIGHT = SEAM_COLUMNS, SEGMENT_WIDTH - SEAM_COLUMNS - 1
#: Top row of the ground at height 0.
GROUND_TOP = GROUND_ROWS[0]


class Canvas:
    """A mutable segment grid: ground heights per column and the tiles drawn over them.

    Args:
        base: the ground height everywhere to start with (0..4); :attr:`floor` is its row.
        width: columns.
    """

    def __init__(self, base: int = 0, width: int = SEGMENT_WIDTH) -> None:
        self.width = width
        self.base = base
        self.ground: list[int | None] = [base] * width
        self.cells = [["-"] * width for _ in range(LEVEL_HEIGHT)]

    # -- the ground -------------------------------------------------------------------------

    @property
    def floor(self) -> int:
        """The row Mario walks on at the base height."""
        return GROUND_TOP - 1 - self.base

    @property
    def block_row(self) -> int:
        """The row of block rows over the base floor (hit from below by a jump)."""
        return self.floor - 3

    def stand(self, x: int) -> int:
        """The row Mario stands on in column ``x`` (over a hole: the base floor)."""
        height = self.ground[x]
        return GROUND_TOP - 1 - (self.base if height is None else height)

    def level(self, x: int, width: int, height: int | None) -> Canvas:
        """Ground of columns ``x .. x + width - 1`` at ``height`` (``None``: a hole)."""
        for i in range(width):
            self.ground[x + i] = height
        return self

    def rise(self, x: int, height: int) -> Canvas:
        """Ground from column ``x`` to the right end at ``height`` (a step up or down)."""
        return self.level(x, self.width - x, height)

    def hole(self, x: int, width: int) -> Canvas:
        """A gap: no ground in columns ``x .. x + width - 1``."""
        return self.level(x, width, None)

    def slope(self, x: int, start: int, end: int, run: int = 1) -> Canvas:
        """Ground stepping from ``start`` to ``end``, one height per ``run`` columns, from
        column ``x``; the ground right of the slope is at ``end``."""
        step = 1 if end > start else -1
        col = x
        for height in range(start + step, end + step, step):
            self.level(col, run, height)
            col += run
        return self.rise(col - run, end)

    # -- patterns ---------------------------------------------------------------------------

    def put(self, x: int, y: int, text: str) -> Canvas:
        """Write ``text`` left to right from cell (x, y); spaces leave cells unchanged."""
        for i, char in enumerate(text):
            if char != " ":
                self.cells[y][x + i] = char
        return self

    def on(self, x: int, text: str, lift: int = 0) -> Canvas:
        """Write ``text`` from column ``x``, each character ``lift`` rows above its column's
        ground (``lift=0``: standing on it); spaces leave cells unchanged."""
        for i, char in enumerate(text):
            if char != " ":
                self.cells[self.stand(x + i) - lift][x + i] = char
        return self

    def column(self, x: int, top: int, bottom: int, char: str) -> Canvas:
        """Fill column ``x`` from row ``top`` to row ``bottom`` (inclusive) with ``char``."""
        for y in range(top, bottom + 1):
            self.cells[y][x] = char
        return self

    def stairs(self, x: int, height: int, up: bool = True) -> Canvas:
        """Stairs of ``#`` blocks, one column per step, rising (or falling) to the right."""
        for i in range(height):
            h = i + 1 if up else height - i
            self.column(x + i, self.stand(x + i) - h + 1, self.stand(x + i), "#")
        return self

    def block(self, x: int, width: int, height: int, char: str = "#") -> Canvas:
        """A solid block ``width`` wide and ``height`` tall standing on the ground."""
        for i in range(width):
            self.column(x + i, self.stand(x + i) - height + 1, self.stand(x + i), char)
        return self

    def pipe(self, x: int, height: int, piranha: bool = False) -> Canvas:
        """A two-column pipe ``height`` tiles tall on the ground (``T``: with a piranha)."""
        char = "T" if piranha else "t"
        for i in range(2):
            self.column(x + i, self.stand(x) - height + 1, self.stand(x), char)
        return self

    def platform(self, x: int, y: int, width: int, supports: bool = True) -> Canvas:
        """A jump-through platform ``%`` on row ``y``; ``|`` supports down to the ground."""
        self.put(x, y, "%" * width)
        if supports:
            for sx in range(x + 1, x + width - 1):
                self.column(sx, y + 1, self.stand(sx), "|")
        return self

    def cannon(self, x: int, height: int, star: bool = False) -> Canvas:
        """A cannon ``height`` tiles tall on the ground: ``B`` over ``b``s, or a ``*`` column."""
        bottom = self.stand(x)
        top = bottom - height + 1
        if star:
            return self.column(x, top, bottom, "*")
        self.cells[top][x] = "B"
        return self.column(x, top + 1, bottom, "b") if height > 1 else self

    def coin_arc(self, x: int, base: int, width: int) -> Canvas:
        """An arc of coins over ``width`` columns whose ends sit on row ``base``."""
        for i in range(width):
            rise = min(i, width - 1 - i, 2)
            self.cells[base - rise][x + i] = "o"
        return self

    def text(self, x: int, top: int, rows: Sequence[str]) -> Canvas:
        """Draw hand-written ``rows`` (``-``: leave the cell) with their top-left at (x, top)."""
        for i, row in enumerate(rows):
            self.put(x, top + i, row.replace("-", " "))
        return self

    def rows(self) -> tuple[str, ...]:
        """The grid as 16 strings: the tiles, over ground ``X`` where no tile is drawn."""
        out = []
        for y in range(LEVEL_HEIGHT):
            row = []
            for x in range(self.width):
                char = self.cells[y][x]
                height = self.ground[x]
                if char == "-" and height is not None and y >= GROUND_TOP - height:
                    char = "X"
                row.append(char)
            out.append("".join(row))
        return tuple(out)


#: A recipe's drawing: marks a fresh canvas of the recipe's base height.
Draw = Callable[[Canvas], object]


class Recipe(NamedTuple):
    """One segment of the catalogue: its id, family, the canvas base height, the drawing."""

    id: str
    family: str
    base: int
    draw: Draw
