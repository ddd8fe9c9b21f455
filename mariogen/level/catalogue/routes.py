"""Families with more than one way through: multipath (an upper and a lower route) and the
hand-made segments (drawn as text)."""

from __future__ import annotations

from collections.abc import Iterator

from mariogen.level.catalogue.canvas import LEFT, Canvas, Draw, Recipe
from mariogen.level.catalogue.placing import place_all


def _multipath_designs() -> dict[str, Draw]:
    return {
        "multi-bricks-enemies": lambda c: (
            c.put(3, c.block_row, "SSSSSSSSS")
            .put(4, c.block_row - 1, "ooooooo")
            .put(6, c.floor, "g-g")
        ),
        "multi-platform-gap": lambda c: (
            c.hole(6, 4).platform(4, c.floor - 3, 8, supports=False).put(5, c.floor - 4, "oooooo")
        ),
        "multi-high-coins": lambda c: (
            c.stairs(3, 3)
            .platform(6, c.floor - 4, 5, supports=False)
            .put(6, c.floor - 5, "ooooo")
            .put(8, c.floor, "k")
        ),
        "multi-blocks-low-koopa": lambda c: (
            c.put(4, c.block_row, "QSQSQ").put(10, c.block_row - 3, "ooo").put(6, c.floor, "r")
        ),
        "multi-upper-bridge": lambda c: (
            c.block(3, 1, 3)
            .platform(4, c.floor - 2, 8, supports=False)
            .put(6, c.floor, "g--g")
            .put(5, c.floor - 3, "oooo")
        ),
        "multi-pipe-top-coins": lambda c: (
            c.pipe(4, 3).put(6, c.floor - 5, "ooooo").pipe(11, 3).put(8, c.floor, "g")
        ),
        "multi-two-levels": lambda c: (
            c.put(3, c.floor - 3, "SSSS")
            .put(9, c.floor - 6, "SSSS")
            .put(9, c.floor - 7, "oooo")
            .put(3, c.floor - 4, "oooo")
        ),
        "multi-gap-or-bricks": lambda c: (
            c.hole(7, 2).put(5, c.block_row, "SSSSSS").put(5, c.block_row - 1, "oooooo")
        ),
        # a platform route above a ground route of spikies, with the coins up top
        "multi-route-spiky": lambda c: (
            c.platform(4, c.floor - 3, 9, supports=False)
            .put(5, c.floor - 4, "ooooooo")
            .block(3, 1, 1)
            .put(6, c.floor, "y---y")
        ),
        **_wall_designs(),
    }


#: Height of the walls that end the ground route of the ``multi-wall`` designs (too high to
#: jump: the way over is the upper route, which starts well before the wall).
WALL = 6


def _upper(c: Canvas) -> Canvas:
    """A wall at the right and stairs up to a high platform that reaches its top."""
    return c.block(11, 2, WALL).stairs(3, 3).platform(6, c.floor - 5, 5, supports=False)


def _wall_designs() -> dict[str, Draw]:
    """The ground route ends at a wall; the upper route, taken early, gets over it."""
    return {
        "multi-wall-goomba": lambda c: _upper(c).put(8, c.floor - 6, "g"),
        "multi-wall-koopa": lambda c: _upper(c).put(8, c.floor - 6, "r"),
        "multi-wall-bricks": lambda c: (
            c.block(11, 2, WALL).put(4, c.floor - 3, "SS").put(6, c.floor - 5, "%%%%%")
        ),
        "multi-wall-piranha": lambda c: (
            c.block(11, 2, WALL).pipe(4, 3, True).platform(7, c.floor - 5, 4, supports=False)
        ),
        "multi-wall-step": lambda c: (
            c.block(11, 2, WALL)
            .block(4, 2, 2)
            .platform(6, c.floor - 5, 5, supports=False)
            .put(7, c.floor - 6, "oooo")
        ),
    }


def multipath() -> Iterator[Recipe]:
    """An upper route (platforms, bricks) above a lower one (enemies, gaps)."""
    designs = _multipath_designs()
    routes = ("multi-route-spiky", *_wall_designs())
    yield from place_all(
        "multipath",
        designs,
        at_zero=tuple(name for name in designs if name not in routes),
        raised=(),
    )
    yield from place_all("multipath", designs, at_zero=routes, raised=routes)


#: Hand-made segments: interior columns 2..13 of rows 0..13, drawn as text (ground below).
HANDMADE: dict[str, tuple[str, ...]] = {
    "hand-castle-gate": (
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "-----ooo----",
        "------------",
        "----S?QS----",
        "------------",
        "--#------#--",
        "-##--g---##-",
        "###------###",
    ),
    "hand-fountain": (
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "-----oo-----",
        "----o--o----",
        "---o----o---",
        "------------",
        "------------",
        "-----tt-----",
        "-----tt-----",
        "-g---tt---g-",
    ),
    "hand-treetops": (
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "-------ooo--",
        "------%%%%%-",
        "-ooo----|||-",
        "%%%%%---|||-",
        "-|||----|||-",
        "-|||-k--|||-",
        "-|||----|||-",
    ),
    "hand-bullet-alley": (
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "--o--o--o---",
        "B-----------",
        "b-----B-----",
        "b-----b---g-",
    ),
    "hand-koopa-shell-run": (
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "-k--g-g-g---",
        "------------",
    ),
    "hand-sky-steps": (
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "--------ooo-",
        "------------",
        "-----%%%----",
        "-------|----",
        "--%%%-------",
        "---|--------",
        "---|--------",
        "---|--------",
    ),
    "hand-question-garden": (
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "-Q---?---Q--",
        "------------",
        "------------",
        "------------",
        "---g----g---",
    ),
    "hand-pit-bridge": (
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "------------",
        "----oooo----",
        "------------",
        "---SSSSSS---",
        "------------",
        "------------",
        "------------",
    ),
}
#: Hand-made segments whose ground has a hole (columns of the interior, 0-based).
HANDMADE_HOLES: dict[str, tuple[int, int]] = {"hand-pit-bridge": (3, 6)}
#: Hand-made segments drawn on raised ground too, and the heights.
HANDMADE_RAISED: dict[str, tuple[int, ...]] = {
    "hand-pit-bridge": (1, 2, 3, 4),
    "hand-castle-gate": (2, 4),
    "hand-treetops": (2, 4),
}


def _handmade_draw(name: str) -> Draw:
    """Draw the text of ``name`` with its bottom row on the floor (rows above it shift up)."""
    rows = HANDMADE[name]

    def draw(c: Canvas) -> None:
        for y, row in enumerate(rows):
            if y - c.base >= 0:
                c.put(LEFT, y - c.base, row)
            elif row.strip("-"):
                raise ValueError(f"{name}: row {y} does not fit over ground {c.base}")
        if name in HANDMADE_HOLES:
            x, w = HANDMADE_HOLES[name]
            c.hole(LEFT + x, w)

    return draw


def handmade() -> Iterator[Recipe]:
    """The hand-made segments at height 0, and a few on raised ground."""
    designs = {name: _handmade_draw(name) for name in HANDMADE}
    yield from place_all("handmade", designs, at_zero=tuple(HANDMADE), raised=())
    for name, heights in HANDMADE_RAISED.items():
        yield from place_all("handmade", designs, (), (name,), raised_heights=heights)
