"""Families on level ground: flat, gap, stairs (pyramids on the ground) and valley.

Each family is a table of designs; a chosen few are drawn at height 0 (their ids are the
shipped library's ids of before ground heights, with the same rows) and a few more at
heights 1-4 (``-atH``), so every height has ground of each kind.
"""

from __future__ import annotations

from collections.abc import Iterator

from mariogen.level.catalogue.canvas import LEFT, Draw, Recipe
from mariogen.level.catalogue.placing import place_all


def _flat_designs() -> dict[str, Draw]:
    designs: dict[str, Draw] = {"flat-plain": lambda c: None}
    for x in (4, 7, 10):
        designs[f"flat-bump-x{x}"] = lambda c, x=x: c.block(x, 1, 1)
    designs["flat-step2"] = lambda c: c.block(6, 2, 2)
    designs["flat-steps-1-2-1"] = lambda c: c.block(5, 1, 1).block(6, 2, 2).block(8, 1, 1)
    designs["flat-used-blocks"] = lambda c: c.put(5, c.block_row, "DDDD")
    designs["flat-bricks-low"] = lambda c: c.put(4, c.block_row, "SSSSSSSS")
    return designs


def flat() -> Iterator[Recipe]:
    """Plain ground and small bumps."""
    yield from place_all(
        "flat",
        _flat_designs(),
        at_zero=("flat-plain", "flat-bump-x7", "flat-step2", "flat-steps-1-2-1"),
        raised=("flat-plain",),
    )


def _gap_designs() -> dict[str, Draw]:
    designs: dict[str, Draw] = {}
    for w in range(1, 7):
        x = 8 - (w + 1) // 2
        designs[f"gap-w{w}"] = lambda c, x=x, w=w: c.hole(x, w)
        designs[f"gap-w{w}-coins"] = lambda c, x=x, w=w: c.hole(x, w).coin_arc(
            x - 1, c.floor - 2, w + 2
        )
        designs[f"gap-w{w}-lip"] = lambda c, x=x, w=w: (
            c.hole(x, w).block(x - 1, 1, 1).block(x + w, 1, 1)
        )
    designs["gap-double-w2"] = lambda c: c.hole(4, 2).hole(9, 2)
    designs["gap-triple-w1"] = lambda c: c.hole(4, 1).hole(7, 1).hole(10, 1)
    designs["gap-double-w3"] = lambda c: c.hole(3, 3).hole(9, 3)
    return designs


def gaps() -> Iterator[Recipe]:
    """Holes in the ground, 1-6 wide, some with coins over them or lips at their edges."""
    yield from place_all(
        "gap",
        _gap_designs(),
        at_zero=(
            "gap-w1",
            "gap-w3",
            "gap-w5",
            "gap-w6",
            "gap-w2-coins",
            "gap-w5-coins",
            "gap-w4-lip",
            "gap-double-w2",
            "gap-triple-w1",
            "gap-double-w3",
        ),
        raised=("gap-w6", "gap-w4-coins", "gap-double-w2", "gap-double-w3"),
    )


def _pyramid(h: int, g: int) -> Draw:
    x = 8 - (2 * h + g) // 2
    return lambda c: c.stairs(x, h).stairs(x + h + g, h, up=False).hole(x + h, g)


def _stairs_designs() -> dict[str, Draw]:
    designs: dict[str, Draw] = {}
    for h in (2, 3, 4):
        for g in (0, 1, 2, 3):
            designs[f"stairs-h{h}-g{g}"] = _pyramid(h, g)
    for h in (3, 4, 5):
        designs[f"stairs-up-h{h}"] = lambda c, h=h: c.stairs(LEFT + 1, h).block(LEFT + 1 + h, 2, h)
    for h in (2, 3, 4):
        designs[f"stairs-down-h{h}"] = lambda c, h=h: c.block(4, 2, h).stairs(6, h, up=False)
    designs["stairs-plateau"] = lambda c: c.stairs(3, 3).block(6, 4, 3).stairs(10, 3, up=False)
    designs["stairs-goomba"] = lambda c: c.stairs(3, 3).stairs(9, 3, up=False).put(7, c.floor, "g")
    designs["stairs-koopa-top"] = lambda c: (
        c.stairs(4, 3).block(7, 2, 3).stairs(9, 3, up=False).put(7, c.floor - 3, "k")
    )
    return designs


def stairs() -> Iterator[Recipe]:
    """Pyramids of stair blocks on level ground, with gaps between their halves."""
    yield from place_all(
        "stairs",
        _stairs_designs(),
        at_zero=(
            "stairs-h2-g0",
            "stairs-h3-g1",
            "stairs-h3-g2",
            "stairs-h3-g3",
            "stairs-h4-g2",
            "stairs-h4-g3",
            "stairs-up-h4",
            "stairs-down-h3",
            "stairs-plateau",
            "stairs-goomba",
            "stairs-koopa-top",
        ),
        raised=("stairs-h3-g2", "stairs-h4-g2", "stairs-koopa-top"),
    )


def _valley_designs() -> dict[str, Draw]:
    designs: dict[str, Draw] = {}
    for h in (2, 3):
        designs[f"valley-walls-h{h}"] = lambda c, h=h: c.block(3, 1, h).block(12, 1, h)
        designs[f"valley-goombas-h{h}"] = lambda c, h=h: (
            c.block(3, 1, h).block(12, 1, h).put(6, c.floor, "g--g")
        )
    designs["valley-koopa"] = lambda c: c.block(3, 2, 2).block(11, 2, 2).put(8, c.floor, "k")
    designs["valley-coins"] = lambda c: c.block(3, 1, 3).block(12, 1, 3).put(6, c.floor - 1, "oooo")
    designs["valley-sunken"] = lambda c: c.hole(5, 6).put(5, 15, "XXXXXX").put(7, 14, "g")
    designs["valley-sunken-coins"] = lambda c: c.hole(5, 6).put(5, 15, "XXXXXX").put(6, 13, "oooo")
    designs["valley-pipes"] = lambda c: c.pipe(3, 3).pipe(11, 3).put(6, c.floor, "r---r")
    designs["valley-dip-goombas"] = lambda c: c.level(5, 6, c.base - 2).on(6, "g--g")
    designs["valley-dip-spikies"] = lambda c: (
        c.level(4, 8, c.base - 2).on(5, "y---y").on(5, "oooooo", lift=3)
    )
    return designs


def valleys() -> Iterator[Recipe]:
    """Walled or sunken stretches of ground, with enemies, coins or pipes in them."""
    designs = _valley_designs()
    yield from place_all(
        "valley",
        designs,
        at_zero=(
            "valley-walls-h2",
            "valley-goombas-h3",
            "valley-koopa",
            "valley-coins",
            "valley-sunken",
            "valley-sunken-coins",
            "valley-pipes",
        ),
        raised=("valley-dip-goombas", "valley-dip-spikies"),
    )
