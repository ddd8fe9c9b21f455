"""Combined hazards and risky coins, at every height 0..4.

- ``hazard``: two dangers at once: a gap with an enemy on the landing, a spiky on an island
  between pits, piranha pipes before and after a gap, a cannon over a pit or beyond a gap, a
  ceiling over a gap, a red koopa pacing a ledge between two pits, a winged koopa over a gap.
- ``risk``: coin routes that cost a risk: coins over a wide gap, just above spikies, on a
  brick route over spikies, above a piranha, over a pit a cannon fires across.
"""

from __future__ import annotations

from collections.abc import Iterator

from mariogen.level.catalogue.canvas import Draw, Recipe
from mariogen.level.catalogue.placing import place
from mariogen.level.segments import HEIGHTS


def _hazard_designs() -> dict[str, Draw]:
    return {
        "hazard-gap-goomba": lambda c: c.hole(5, 3).on(9, "g"),
        "hazard-spiky-island": lambda c: c.hole(3, 3).on(7, "y").hole(9, 4),
        "hazard-piranha-gap": lambda c: c.pipe(4, 2, True).hole(7, 3),
        "hazard-cannon-pit": lambda c: c.hole(4, 3).cannon(8, 2).hole(10, 2),
        "hazard-spiky-gap": lambda c: c.hole(5, 3).on(10, "y"),
        "hazard-ceiling-gap": lambda c: c.hole(6, 4).put(4, c.block_row, "SSSSSSSS"),
        "hazard-bullet-gap": lambda c: c.hole(5, 3).cannon(11, 2),
        "hazard-koopa-ledge": lambda c: c.hole(4, 2).hole(10, 2).on(7, "r"),
        "hazard-wings-gap": lambda c: c.hole(6, 4).put(8, c.floor - 3, "K"),
        "hazard-piranhas-gap": lambda c: c.pipe(3, 2, True).hole(5, 4).pipe(9, 3, True),
        "hazard-wide-gap-goombas": lambda c: c.hole(4, 6).on(10, "g-g"),
        "hazard-cannon-tower": lambda c: c.hole(4, 3).cannon(7, 4).hole(8, 4),
    }


def hazards() -> Iterator[Recipe]:
    """Every combined hazard at every height."""
    for name, draw in _hazard_designs().items():
        yield from place("hazard", name, draw, HEIGHTS)


def _risk_designs() -> dict[str, Draw]:
    return {
        "risk-coins-gap": lambda c: c.hole(5, 6).coin_arc(4, c.floor - 3, 8),
        "risk-coins-enemies": lambda c: c.on(5, "y--y--y").put(5, c.floor - 2, "ooooooo"),
        "risk-coins-high": lambda c: (
            c.put(4, c.block_row, "SSSSSSSS").put(4, c.block_row - 1, "oooooooo").on(6, "y---y")
        ),
        "risk-coins-piranha": lambda c: c.pipe(7, 3, True).put(6, c.floor - 5, "oooo"),
        "risk-coins-cannon": lambda c: c.hole(5, 4).cannon(11, 3).coin_arc(4, c.floor - 3, 6),
        "risk-coins-piranhas": lambda c: (
            c.pipe(4, 2, True).pipe(10, 3, True).put(6, c.floor - 4, "oooo")
        ),
        "risk-coins-spiky-landing": lambda c: (
            c.hole(4, 4).coin_arc(3, c.floor - 3, 6).on(9, "y").put(11, c.floor - 2, "oo")
        ),
    }


def risks() -> Iterator[Recipe]:
    """Every risky coin route at every height."""
    for name, draw in _risk_designs().items():
        yield from place("risk", name, draw, HEIGHTS)
