"""The segment family catalogue: the patterns the shipped segment library is drawn from.

Every segment is drawn on a :class:`Canvas`: a 16 x 16 grid with ground in rows 14-15, onto
which a few parametrised patterns are placed (a gap, stairs, a pipe, a row of coins, a block
row, a platform, a cannon, an enemy group). Patterns draw only in the interior columns
``2..13``, so every segment follows the seam rule of :mod:`mariogen.level.segments`.
:func:`build_catalogue` enumerates the families' parameters plus a few hand-made segments; it is
deterministic, so ``python levels/segments/build.py`` always writes the same library.

All of these segments were written for mariogen; none is copied from a game or a corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from mariogen.level.segments import (
    GROUND_ROWS,
    SEAM_COLUMNS,
    SEGMENT_WIDTH,
    Segment,
    make_segment,
)

#: First and last interior column (patterns draw only between the seams).
LEFT, RIGHT = SEAM_COLUMNS, SEGMENT_WIDTH - SEAM_COLUMNS - 1
#: Row Mario walks on (the row above the ground).
FLOOR = GROUND_ROWS[0] - 1
#: The row of block rows (four tiles above the floor, hit from below by a jump).
BLOCK_ROW = FLOOR - 3


class Canvas:
    """A mutable segment grid with ground in rows 14-15."""

    def __init__(self, width: int = SEGMENT_WIDTH) -> None:
        self.width = width
        self.cells = [["-"] * width for _ in range(16)]
        for y in GROUND_ROWS:
            self.cells[y] = ["X"] * width

    def put(self, x: int, y: int, text: str) -> Canvas:
        """Write ``text`` left to right from cell (x, y); spaces leave cells unchanged."""
        for i, char in enumerate(text):
            if char != " ":
                self.cells[y][x + i] = char
        return self

    def column(self, x: int, top: int, bottom: int, char: str) -> Canvas:
        """Fill column ``x`` from row ``top`` to row ``bottom`` (inclusive) with ``char``."""
        for y in range(top, bottom + 1):
            self.cells[y][x] = char
        return self

    def hole(self, x: int, width: int) -> Canvas:
        """A gap: no ground in columns ``x .. x + width - 1``."""
        for y in GROUND_ROWS:
            for i in range(width):
                self.cells[y][x + i] = "-"
        return self

    def stairs(self, x: int, height: int, up: bool = True) -> Canvas:
        """Stairs of ``#`` blocks, one column per step, rising (or falling) to the right."""
        for i in range(height):
            h = i + 1 if up else height - i
            self.column(x + i, FLOOR - h + 1, FLOOR, "#")
        return self

    def block(self, x: int, width: int, height: int, char: str = "#") -> Canvas:
        """A solid block ``width`` wide and ``height`` tall standing on the floor."""
        for i in range(width):
            self.column(x + i, FLOOR - height + 1, FLOOR, char)
        return self

    def pipe(self, x: int, height: int, piranha: bool = False) -> Canvas:
        """A two-column pipe ``height`` tiles tall on the floor (``T``: with a piranha plant)."""
        char = "T" if piranha else "t"
        for i in range(2):
            self.column(x + i, FLOOR - height + 1, FLOOR, char)
        return self

    def platform(self, x: int, y: int, width: int, supports: bool = True) -> Canvas:
        """A jump-through platform ``%`` on row ``y``; ``|`` supports down to the floor."""
        self.put(x, y, "%" * width)
        if supports:
            for sx in range(x + 1, x + width - 1):
                self.column(sx, y + 1, FLOOR, "|")
        return self

    def cannon(self, x: int, height: int, star: bool = False) -> Canvas:
        """A cannon ``height`` tiles tall on the floor: ``B`` over ``b``s, or a ``*`` column."""
        top = FLOOR - height + 1
        if star:
            return self.column(x, top, FLOOR, "*")
        self.cells[top][x] = "B"
        return self.column(x, top + 1, FLOOR, "b") if height > 1 else self

    def coin_arc(self, x: int, base: int, width: int) -> Canvas:
        """An arc of coins over ``width`` columns whose ends sit on row ``base``."""
        for i in range(width):
            rise = min(i, width - 1 - i, 2)
            self.cells[base - rise][x + i] = "o"
        return self

    def rows(self) -> tuple[str, ...]:
        """The grid as 16 strings."""
        return tuple("".join(row) for row in self.cells)


Recipe = tuple[str, str, Callable[[Canvas], object]]


def _flat() -> Iterator[Recipe]:
    yield "flat-plain", "flat", lambda c: None
    for x in (4, 7, 10):
        yield f"flat-bump-x{x}", "flat", lambda c, x=x: c.block(x, 1, 1)
    yield "flat-step2", "flat", lambda c: c.block(6, 2, 2)
    yield "flat-steps-1-2-1", "flat", lambda c: c.block(5, 1, 1).block(6, 2, 2).block(8, 1, 1)
    yield "flat-used-blocks", "flat", lambda c: c.put(5, BLOCK_ROW, "DDDD")
    yield "flat-bricks-low", "flat", lambda c: c.put(4, BLOCK_ROW, "SSSSSSSS")


def _gaps() -> Iterator[Recipe]:
    for w in range(1, 6):
        x = 8 - (w + 1) // 2
        yield f"gap-w{w}", "gap", lambda c, x=x, w=w: c.hole(x, w)
        yield (
            f"gap-w{w}-coins",
            "gap",
            lambda c, x=x, w=w: c.hole(x, w).coin_arc(x - 1, FLOOR - 2, w + 2),
        )
        if w <= 4:
            yield (
                f"gap-w{w}-lip",
                "gap",
                lambda c, x=x, w=w: c.hole(x, w).block(x - 1, 1, 1).block(x + w, 1, 1),
            )
    yield "gap-double-w2", "gap", lambda c: c.hole(4, 2).hole(9, 2)
    yield "gap-triple-w1", "gap", lambda c: c.hole(4, 1).hole(7, 1).hole(10, 1)


def _stairs() -> Iterator[Recipe]:
    for h in (2, 3, 4):
        for g in (0, 1, 2, 3):
            x = 8 - (2 * h + g) // 2
            yield (
                f"stairs-h{h}-g{g}",
                "stairs",
                lambda c, x=x, h=h, g=g: (
                    c.stairs(x, h).stairs(x + h + g, h, up=False).hole(x + h, g)
                ),
            )
    for h in (3, 4, 5):
        yield (
            f"stairs-up-h{h}",
            "stairs",
            lambda c, h=h: c.stairs(LEFT + 1, h).block(LEFT + 1 + h, 2, h),
        )
    for h in (2, 3, 4):
        yield f"stairs-down-h{h}", "stairs", lambda c, h=h: c.block(4, 2, h).stairs(6, h, up=False)
    yield (
        "stairs-plateau",
        "stairs",
        lambda c: c.stairs(3, 3).block(6, 4, 3).stairs(10, 3, up=False),
    )
    yield (
        "stairs-goomba",
        "stairs",
        lambda c: c.stairs(3, 3).stairs(9, 3, up=False).put(7, FLOOR, "g"),
    )
    yield (
        "stairs-koopa-top",
        "stairs",
        lambda c: c.stairs(4, 3).block(7, 2, 3).stairs(9, 3, up=False).put(7, FLOOR - 3, "k"),
    )


def _pipes() -> Iterator[Recipe]:
    for h in (2, 3, 4):
        for piranha in (False, True):
            tag = "piranha" if piranha else "plain"
            yield f"pipe-{tag}-h{h}", "pipe", lambda c, h=h, p=piranha: c.pipe(7, h, p)
    for h1, h2 in ((2, 3), (3, 4), (2, 4), (4, 2)):
        for piranha in (False, True):
            tag = "piranha" if piranha else "plain"
            yield (
                f"pipes-{tag}-h{h1}-h{h2}",
                "pipe",
                lambda c, a=h1, b=h2, p=piranha: c.pipe(3, a, p).pipe(10, b, False),
            )
    yield "pipes-goomba-between", "pipe", lambda c: c.pipe(3, 2).pipe(10, 3).put(7, FLOOR, "g")
    yield "pipes-koopa-between", "pipe", lambda c: c.pipe(3, 3, True).pipe(10, 2).put(7, FLOOR, "k")


_ENEMY_NAMES = {
    "g": "goomba",
    "r": "red-koopa",
    "k": "green-koopa",
    "y": "spiky",
    "G": "winged-goomba",
    "R": "winged-red-koopa",
    "K": "winged-green-koopa",
    "Y": "winged-spiky",
}


def _enemies() -> Iterator[Recipe]:
    for char in "grky":
        for n in (1, 2, 3):
            group = "-".join([char] * n) if n < 3 else char * 3
            yield (
                f"enemies-{_ENEMY_NAMES[char]}-x{n}",
                "enemies",
                lambda c, s=group: c.put(6, FLOOR, s),
            )
    for char in "GRKY":
        for n in (1, 2):
            group = "--".join([char] * n)
            yield (
                f"enemies-{_ENEMY_NAMES[char]}-x{n}",
                "enemies",
                lambda c, s=group: c.put(7, FLOOR - 1, s),
            )
    mixed = {
        "goomba-koopa": (5, FLOOR, "g--k---g"),
        "red-green": (5, FLOOR, "r---k"),
        "winged-escort": (5, FLOOR, "g--G--g"),
        "spiky-goomba": (6, FLOOR, "y---g"),
        "koopa-wing-pair": (6, FLOOR, "k--K"),
    }
    for name, (x, y, group) in mixed.items():
        yield f"enemies-{name}", "enemies", lambda c, x=x, y=y, s=group: c.put(x, y, s)
    yield (
        "enemies-on-block",
        "enemies",
        lambda c: c.block(6, 4, 1).put(7, FLOOR - 1, "r").put(11, FLOOR, "g"),
    )
    yield "enemies-red-ledge", "enemies", lambda c: c.block(5, 5, 2).put(7, FLOOR - 2, "r")


def _coins() -> Iterator[Recipe]:
    for y in (FLOOR - 1, FLOOR - 2, FLOOR - 4):
        for n in (3, 5, 8):
            x = 8 - n // 2
            yield f"coins-row{y}-n{n}", "coins", lambda c, x=x, y=y, n=n: c.put(x, y, "o" * n)
    for w in (4, 6, 8, 10):
        yield f"coins-arc-w{w}", "coins", lambda c, w=w: c.coin_arc(8 - w // 2, FLOOR - 1, w)
    yield "coins-two-rows", "coins", lambda c: c.put(4, FLOOR - 1, "oooo").put(8, FLOOR - 4, "oooo")
    yield "coins-on-step", "coins", lambda c: c.block(6, 4, 2).put(6, FLOOR - 2, "oooo")
    yield "coins-diamond", "coins", lambda c: c.put(7, 9, "oo").put(6, 10, "oooo").put(7, 11, "oo")


def _blocks() -> Iterator[Recipe]:
    rows = {
        "q": "Q",
        "mushroom": "?",
        "sqs": "SQS",
        "s-mushroom-s": "S?S",
        "sqsqs": "SQSQS",
        "qqq": "QQQ",
        "coin-brick": "SCS",
        "mushroom-brick": "SUS",
        "life-brick": "SLS",
        "bricks": "SSSSS",
        "hidden-coin": "2",
        "hidden-life": "1",
        "coin-q-at": "!S@",
        "used-mix": "SDQDS",
    }
    for name, text in rows.items():
        x = 8 - len(text) // 2
        yield f"blocks-{name}", "blocks", lambda c, x=x, t=text: c.put(x, BLOCK_ROW, t)
    yield (
        "blocks-two-tier",
        "blocks",
        lambda c: c.put(4, BLOCK_ROW, "SQS").put(8, BLOCK_ROW - 4, "S?S"),
    )
    yield (
        "blocks-coins-above",
        "blocks",
        lambda c: c.put(5, BLOCK_ROW, "SSQSS").put(5, BLOCK_ROW - 1, "ooooo"),
    )
    yield "blocks-goomba-under", "blocks", lambda c: c.put(5, BLOCK_ROW, "SQSQS").put(8, FLOOR, "g")


def _platforms() -> Iterator[Recipe]:
    for w in (3, 4, 6):
        for y in (FLOOR - 2, FLOOR - 3):
            x = 8 - w // 2
            yield f"platform-w{w}-y{y}", "platform", lambda c, x=x, y=y, w=w: c.platform(x, y, w)
    yield (
        "platform-coins",
        "platform",
        lambda c: c.platform(5, FLOOR - 3, 5).put(5, FLOOR - 4, "ooooo"),
    )
    yield (
        "platform-goomba",
        "platform",
        lambda c: c.platform(5, FLOOR - 3, 5).put(7, FLOOR - 4, "g"),
    )
    yield "platform-koopa", "platform", lambda c: c.platform(4, FLOOR - 3, 6).put(6, FLOOR - 4, "r")
    yield (
        "platform-stack",
        "platform",
        lambda c: (
            c.platform(3, FLOOR - 2, 4)
            .platform(8, FLOOR - 5, 4, supports=False)
            .put(8, FLOOR - 6, "oooo")
        ),
    )
    yield (
        "platform-bridge-w3",
        "platform",
        lambda c: c.hole(6, 3).platform(5, FLOOR - 1, 5, supports=False),
    )
    yield (
        "platform-bridge-w5",
        "platform",
        lambda c: c.hole(5, 5).platform(4, FLOOR - 2, 7, supports=False),
    )


def _cannons() -> Iterator[Recipe]:
    for h in (1, 2, 3):
        yield f"cannon-h{h}", "cannon", lambda c, h=h: c.cannon(8, h)
        yield f"cannon-pair-h{h}", "cannon", lambda c, h=h: c.cannon(4, h).cannon(11, max(1, h - 1))
    for h in (2, 3):
        yield f"cannon-star-h{h}", "cannon", lambda c, h=h: c.cannon(8, h, star=True)
    yield (
        "cannon-on-block",
        "cannon",
        lambda c: c.block(7, 3, 1).put(8, FLOOR - 2, "B").put(8, FLOOR - 1, "b"),
    )
    yield "cannon-goomba", "cannon", lambda c: c.cannon(9, 2).put(5, FLOOR, "g")


def _valleys() -> Iterator[Recipe]:
    for h in (2, 3):
        yield f"valley-walls-h{h}", "valley", lambda c, h=h: c.block(3, 1, h).block(12, 1, h)
        yield (
            f"valley-goombas-h{h}",
            "valley",
            lambda c, h=h: c.block(3, 1, h).block(12, 1, h).put(6, FLOOR, "g--g"),
        )
    yield "valley-koopa", "valley", lambda c: c.block(3, 2, 2).block(11, 2, 2).put(8, FLOOR, "k")
    yield (
        "valley-coins",
        "valley",
        lambda c: c.block(3, 1, 3).block(12, 1, 3).put(6, FLOOR - 1, "oooo"),
    )
    yield "valley-sunken", "valley", lambda c: c.hole(5, 6).put(5, 15, "XXXXXX").put(7, 14, "g")
    yield (
        "valley-sunken-coins",
        "valley",
        lambda c: c.hole(5, 6).put(5, 15, "XXXXXX").put(6, 13, "oooo"),
    )
    yield "valley-pipes", "valley", lambda c: c.pipe(3, 3).pipe(11, 3).put(6, FLOOR, "r---r")


def _multipath() -> Iterator[Recipe]:
    yield (
        "multi-bricks-enemies",
        "multipath",
        lambda c: (
            c.put(3, BLOCK_ROW, "SSSSSSSSS").put(4, BLOCK_ROW - 1, "ooooooo").put(6, FLOOR, "g-g")
        ),
    )
    yield (
        "multi-platform-gap",
        "multipath",
        lambda c: (
            c.hole(6, 4).platform(4, FLOOR - 3, 8, supports=False).put(5, FLOOR - 4, "oooooo")
        ),
    )
    yield (
        "multi-high-coins",
        "multipath",
        lambda c: (
            c.stairs(3, 3)
            .platform(6, FLOOR - 4, 5, supports=False)
            .put(6, FLOOR - 5, "ooooo")
            .put(8, FLOOR, "k")
        ),
    )
    yield (
        "multi-blocks-low-koopa",
        "multipath",
        lambda c: c.put(4, BLOCK_ROW, "QSQSQ").put(10, BLOCK_ROW - 3, "ooo").put(6, FLOOR, "r"),
    )
    yield (
        "multi-upper-bridge",
        "multipath",
        lambda c: (
            c.block(3, 1, 3)
            .platform(4, FLOOR - 2, 8, supports=False)
            .put(6, FLOOR, "g--g")
            .put(5, FLOOR - 3, "oooo")
        ),
    )
    yield (
        "multi-pipe-top-coins",
        "multipath",
        lambda c: c.pipe(4, 3).put(6, FLOOR - 5, "ooooo").pipe(11, 3).put(8, FLOOR, "g"),
    )
    yield (
        "multi-two-levels",
        "multipath",
        lambda c: (
            c.put(3, FLOOR - 3, "SSSS")
            .put(9, FLOOR - 6, "SSSS")
            .put(9, FLOOR - 7, "oooo")
            .put(3, FLOOR - 4, "oooo")
        ),
    )
    yield (
        "multi-gap-or-bricks",
        "multipath",
        lambda c: c.hole(7, 2).put(5, BLOCK_ROW, "SSSSSS").put(5, BLOCK_ROW - 1, "oooooo"),
    )


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


def _handmade() -> Iterator[Recipe]:
    for seg_id, rows in HANDMADE.items():

        def draw(c: Canvas, rows: tuple[str, ...] = rows, seg_id: str = seg_id) -> None:
            for y, row in enumerate(rows):
                c.put(LEFT, y, row)
            if seg_id in HANDMADE_HOLES:
                x, w = HANDMADE_HOLES[seg_id]
                c.hole(LEFT + x, w)

        yield seg_id, "handmade", draw


#: The families, in library order.
FAMILIES: tuple[Callable[[], Iterator[Recipe]], ...] = (
    _flat,
    _gaps,
    _stairs,
    _pipes,
    _enemies,
    _coins,
    _blocks,
    _platforms,
    _cannons,
    _valleys,
    _multipath,
    _handmade,
)


def build_catalogue() -> list[Segment]:
    """Every segment of the shipped library's catalogue, in library order (deterministic)."""
    segments = []
    for family in FAMILIES:
        for seg_id, family_name, draw in family():
            canvas = Canvas()
            draw(canvas)
            segments.append(make_segment(seg_id, family_name, canvas.rows()))
    return segments
