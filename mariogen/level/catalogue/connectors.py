"""Connectors: segments whose exit height differs from their entry height.

They carry the ground from height ``a`` to height ``b`` (ids ``FAMILY-KIND-AtoB``):

- ``step``: a cliff of 1 or 2 heights, plain, with a goomba at its foot or top, a pit
  before it, or a spiky at its edge;
- ``stairs``: stair blocks climbing (or descending) 2-4 heights, plain, with koopas on them
  or a gap at their foot;
- ``slope``: ground rising (falling) one height every two columns, plain (3-4 heights),
  with a koopa on it (whose shell slides down), two koopas or a spiky;
- ``drop``: a fall of 2-4 heights onto goombas, or from a narrow ledge over a pit;
- ``gapstep``: a gap whose far side is 2 heights up or down (3 wide), or 1-2 heights with a
  goomba waiting there (4 wide).

Between them every height reaches every other one, so random walks over legal joins
wander up and down.
"""

from __future__ import annotations

from collections.abc import Iterator

from mariogen.level.catalogue.canvas import Canvas, Draw, Recipe
from mariogen.level.segments import HEIGHTS

#: An (entry, exit) pair of heights.
Pair = tuple[int, int]


def pairs(lo: int, hi: int) -> list[Pair]:
    """Every (entry, exit) of heights 0..4 whose difference has a size in ``lo..hi``."""
    return [(a, b) for a in HEIGHTS for b in HEIGHTS if a != b and lo <= abs(a - b) <= hi]


def _recipe(family: str, kind: str, pair: Pair, draw: Draw) -> Recipe:
    a, b = pair
    name = f"{family}-{kind}-{a}to{b}" if kind else f"{family}-{a}to{b}"
    return Recipe(name, family, a, draw)


def _step(b: int, kind: str) -> Draw:
    def draw(c: Canvas) -> None:
        up = b > c.base
        if kind == "pit":
            if up:
                c.hole(5, 2)
            else:
                c.hole(10, 2)
        c.rise(8, b)
        if kind == "goomba":
            c.on(10, "g")
        elif kind == "spiky":
            c.on(9 if up else 6, "y")

    return draw


def steps() -> Iterator[Recipe]:
    """Cliffs of one or two heights up or down."""
    for kind in ("", "goomba", "pit", "spiky"):
        for pair in pairs(1, 2):
            yield _recipe("step", kind, pair, _step(pair[1], kind))


def _stairs(b: int, kind: str) -> Draw:
    def draw(c: Canvas) -> None:
        a = c.base
        n = abs(b - a) - 1
        x = 7 - n // 2
        if b > a:
            c.stairs(x, n).rise(x + n, b)
            if kind == "koopa":
                c.on(x + n + 2, "k-k")
            elif kind == "gap":
                c.hole(x - 3, 2)
        else:
            c.rise(x, b).stairs(x, n, up=False)
            if kind == "koopa":
                c.on(x + n + 1, "k")
            elif kind == "gap":
                c.hole(x + n + 1, 2)

    return draw


def climbs() -> Iterator[Recipe]:
    """Stairs of ``#`` blocks between heights 2-4 apart."""
    for kind in ("", "koopa", "gap"):
        for pair in pairs(2, 4):
            yield _recipe("stairs", kind, pair, _stairs(pair[1], kind))


def _slope(b: int, kind: str) -> Draw:
    def draw(c: Canvas) -> None:
        a = c.base
        d = abs(b - a)
        x = 8 - d
        c.slope(x, a, b, run=2)
        if kind == "koopa":
            c.on(x + 2 * d if b > a else x + d, "k")
        elif kind == "spiky":
            c.on(x + d, "y")
        elif kind == "shells":
            c.on(x, "k").on(x + d + 1, "k")

    return draw


def slopes() -> Iterator[Recipe]:
    """Ground that rises or falls one height every two columns."""
    for pair in pairs(3, 4):
        yield _recipe("slope", "", pair, _slope(pair[1], ""))
    for pair in pairs(2, 4):
        yield _recipe("slope", "koopa", pair, _slope(pair[1], "koopa"))
    for pair in pairs(3, 4):
        yield _recipe("slope", "shells", pair, _slope(pair[1], "shells"))
    for pair in pairs(3, 4):
        yield _recipe("slope", "spiky", pair, _slope(pair[1], "spiky"))


def _drop(b: int, kind: str) -> Draw:
    def draw(c: Canvas) -> None:
        if kind == "goomba":
            c.rise(7, b).on(9, "g-g")
        elif kind == "ledge":
            c.hole(5, 2).rise(9, b)

    return draw


def drops() -> Iterator[Recipe]:
    """Falls of two or more heights, onto enemies, from a ledge, or across a pit."""
    for kind in ("goomba", "ledge"):
        for pair in pairs(2, 4):
            if pair[0] > pair[1]:
                yield _recipe("drop", kind, pair, _drop(pair[1], kind))


def _gapstep(b: int, kind: str) -> Draw:
    if kind == "goomba":
        return lambda c: c.hole(5, 4).rise(9, b).on(10, "g")
    return lambda c: c.hole(6, 3).rise(9, b)


def gapsteps() -> Iterator[Recipe]:
    """Gaps whose far side is one or two heights up or down (three wide, or four wide with
    a goomba on the far side)."""
    for pair in pairs(2, 2):
        yield _recipe("gapstep", "", pair, _gapstep(pair[1], ""))
    for pair in pairs(1, 2):
        yield _recipe("gapstep", "goomba", pair, _gapstep(pair[1], "goomba"))
