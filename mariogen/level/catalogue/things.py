"""Families of things on the ground: pipe, enemies, coins, blocks, platform and cannon.

As in :mod:`mariogen.level.catalogue.ground`, a few designs of each family are drawn at
height 0 (the ids and rows of the library of before ground heights) and some at heights 1-4.
The enemies family also puts enemies up on platforms, block rows and stairs (``perch``).
"""

from __future__ import annotations

from collections.abc import Iterator

from mariogen.level.catalogue.canvas import Draw, Recipe
from mariogen.level.catalogue.placing import place_all


def _pipe_designs() -> dict[str, Draw]:
    designs: dict[str, Draw] = {}
    for piranha in (False, True):
        tag = "piranha" if piranha else "plain"
        for h in (2, 3, 4):
            designs[f"pipe-{tag}-h{h}"] = lambda c, h=h, p=piranha: c.pipe(7, h, p)
        for h1, h2 in ((2, 3), (3, 4), (2, 4), (4, 2)):
            designs[f"pipes-{tag}-h{h1}-h{h2}"] = lambda c, a=h1, b=h2, p=piranha: c.pipe(
                3, a, p
            ).pipe(10, b, False)
    designs["pipes-goomba-between"] = lambda c: c.pipe(3, 2).pipe(10, 3).put(7, c.floor, "g")
    designs["pipes-koopa-between"] = lambda c: c.pipe(3, 3, True).pipe(10, 2).put(7, c.floor, "k")
    return designs


def pipes() -> Iterator[Recipe]:
    """Pipes, plain and with piranha plants (``T``), alone and in pairs."""
    yield from place_all(
        "pipe",
        _pipe_designs(),
        at_zero=(
            "pipe-plain-h2",
            "pipe-plain-h4",
            "pipe-piranha-h2",
            "pipe-piranha-h3",
            "pipe-piranha-h4",
            "pipes-plain-h2-h3",
            "pipes-piranha-h2-h3",
            "pipes-piranha-h3-h4",
            "pipes-piranha-h2-h4",
            "pipes-piranha-h4-h2",
            "pipes-goomba-between",
            "pipes-koopa-between",
        ),
        raised=("pipe-piranha-h3", "pipes-piranha-h2-h3", "pipes-koopa-between"),
    )


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


def _enemy_designs() -> dict[str, Draw]:
    designs: dict[str, Draw] = {}
    for char in "grky":
        for n in (1, 2, 3):
            group = "-".join([char] * n) if n < 3 else char * 3
            designs[f"enemies-{_ENEMY_NAMES[char]}-x{n}"] = lambda c, s=group: c.put(6, c.floor, s)
    for char in "GRKY":
        for n in (1, 2):
            group = "--".join([char] * n)
            designs[f"enemies-{_ENEMY_NAMES[char]}-x{n}"] = lambda c, s=group: c.put(
                7, c.floor - 1, s
            )
    mixed = {
        "goomba-koopa": (5, "g--k---g"),
        "red-green": (5, "r---k"),
        "winged-escort": (5, "g--G--g"),
        "spiky-goomba": (6, "y---g"),
        "koopa-wing-pair": (6, "k--K"),
    }
    for name, (x, group) in mixed.items():
        designs[f"enemies-{name}"] = lambda c, x=x, s=group: c.put(x, c.floor, s)
    designs["enemies-on-block"] = lambda c: (
        c.block(6, 4, 1).put(7, c.floor - 1, "r").put(11, c.floor, "g")
    )
    designs["enemies-red-ledge"] = lambda c: c.block(5, 5, 2).put(7, c.floor - 2, "r")
    designs.update(_perch_designs())
    return designs


def _perch_designs() -> dict[str, Draw]:
    """Enemies up on platforms, block rows and stairs."""
    return {
        # goombas on a bridge over a pit: the only way across is through them
        "enemies-perch-platform": lambda c: (
            c.hole(5, 6).platform(4, c.floor - 3, 8, supports=False).put(6, c.floor - 4, "g--g")
        ),
        # a koopa up on the bricks, a spiky under them
        "enemies-perch-bricks": lambda c: (
            c.put(4, c.block_row, "SSSQSSS").put(6, c.block_row - 1, "k").on(9, "y")
        ),
        # spikies on a stepped plateau
        "enemies-perch-stairs": lambda c: (
            c.stairs(3, 2).block(5, 5, 2).stairs(10, 2, up=False).put(6, c.floor - 2, "y--y")
        ),
    }


def enemies() -> Iterator[Recipe]:
    """Enemies of each kind on the ground, winged ones in the air, mixed groups, perches."""
    designs = _enemy_designs()
    yield from place_all(
        "enemies",
        designs,
        at_zero=(
            "enemies-goomba-x1",
            "enemies-goomba-x3",
            "enemies-red-koopa-x2",
            "enemies-green-koopa-x3",
            "enemies-spiky-x1",
            "enemies-spiky-x2",
            "enemies-spiky-x3",
            "enemies-winged-goomba-x2",
            "enemies-winged-red-koopa-x2",
            "enemies-winged-green-koopa-x2",
            "enemies-winged-spiky-x2",
            "enemies-goomba-koopa",
            "enemies-red-green",
            "enemies-winged-escort",
            "enemies-spiky-goomba",
            "enemies-koopa-wing-pair",
            "enemies-on-block",
            "enemies-red-ledge",
        ),
        raised=(
            "enemies-spiky-x2",
            "enemies-red-green",
            "enemies-spiky-goomba",
            "enemies-winged-red-koopa-x2",
            "enemies-koopa-wing-pair",
            "enemies-goomba-koopa",
        ),
    )
    perches = tuple(_perch_designs())
    yield from place_all("enemies", designs, at_zero=perches, raised=perches)


def _coin_designs() -> dict[str, Draw]:
    designs: dict[str, Draw] = {}
    for lift in (1, 2, 4):
        for n in (3, 5, 8):
            x = 8 - n // 2
            # named by the row at height 0, as in the library of before ground heights
            designs[f"coins-row{13 - lift}-n{n}"] = lambda c, x=x, lift=lift, n=n: c.put(
                x, c.floor - lift, "o" * n
            )
    for w in (4, 6, 8, 10):
        designs[f"coins-arc-w{w}"] = lambda c, w=w: c.coin_arc(8 - w // 2, c.floor - 1, w)
    designs["coins-two-rows"] = lambda c: c.put(4, c.floor - 1, "oooo").put(8, c.floor - 4, "oooo")
    designs["coins-on-step"] = lambda c: c.block(6, 4, 2).put(6, c.floor - 2, "oooo")
    designs["coins-diamond"] = lambda c: (
        c.put(7, c.floor - 4, "oo").put(6, c.floor - 3, "oooo").put(7, c.floor - 2, "oo")
    )
    return designs


def coins() -> Iterator[Recipe]:
    """Free coins: rows, arcs and shapes over level ground (risky ones: ``risk``)."""
    yield from place_all(
        "coins",
        _coin_designs(),
        at_zero=(
            "coins-row12-n5",
            "coins-row9-n8",
            "coins-arc-w6",
            "coins-two-rows",
            "coins-on-step",
            "coins-diamond",
        ),
        raised=("coins-arc-w6", "coins-diamond"),
    )


_BLOCK_ROWS = {
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


def _block_designs() -> dict[str, Draw]:
    designs: dict[str, Draw] = {}
    for name, text in _BLOCK_ROWS.items():
        x = 8 - len(text) // 2
        designs[f"blocks-{name}"] = lambda c, x=x, t=text: c.put(x, c.block_row, t)
    designs["blocks-two-tier"] = lambda c: c.put(4, c.block_row, "SQS").put(
        8, c.block_row - 4, "S?S"
    )
    designs["blocks-coins-above"] = lambda c: c.put(5, c.block_row, "SSQSS").put(
        5, c.block_row - 1, "ooooo"
    )
    designs["blocks-goomba-under"] = lambda c: c.put(5, c.block_row, "SQSQS").put(8, c.floor, "g")
    return designs


def blocks() -> Iterator[Recipe]:
    """Block rows: question, coin, brick, power-up, 1-up and hidden blocks."""
    yield from place_all(
        "blocks",
        _block_designs(),
        at_zero=(
            "blocks-sqsqs",
            "blocks-coin-brick",
            "blocks-mushroom-brick",
            "blocks-life-brick",
            "blocks-hidden-coin",
            "blocks-coin-q-at",
            "blocks-two-tier",
            "blocks-coins-above",
            "blocks-goomba-under",
        ),
        raised=("blocks-goomba-under",),
    )


def _platform_designs() -> dict[str, Draw]:
    designs: dict[str, Draw] = {}
    for w in (3, 4, 6):
        for lift in (2, 3):
            x = 8 - w // 2
            designs[f"platform-w{w}-y{13 - lift}"] = lambda c, x=x, lift=lift, w=w: c.platform(
                x, c.floor - lift, w
            )
    designs["platform-coins"] = lambda c: c.platform(5, c.floor - 3, 5).put(5, c.floor - 4, "ooooo")
    designs["platform-goomba"] = lambda c: c.platform(5, c.floor - 3, 5).put(7, c.floor - 4, "g")
    designs["platform-koopa"] = lambda c: c.platform(4, c.floor - 3, 6).put(6, c.floor - 4, "r")
    designs["platform-stack"] = lambda c: (
        c.platform(3, c.floor - 2, 4)
        .platform(8, c.floor - 5, 4, supports=False)
        .put(8, c.floor - 6, "oooo")
    )
    designs["platform-bridge-w3"] = lambda c: c.hole(6, 3).platform(
        5, c.floor - 1, 5, supports=False
    )
    designs["platform-bridge-w5"] = lambda c: c.hole(5, 5).platform(
        4, c.floor - 2, 7, supports=False
    )
    designs["platform-pit-goomba"] = lambda c: (
        c.hole(5, 5).platform(4, c.floor - 3, 7, supports=False).put(7, c.floor - 4, "g")
    )
    return designs


def platforms() -> Iterator[Recipe]:
    """Jump-through platforms (``%`` on ``|`` supports) and bridges over gaps."""
    yield from place_all(
        "platform",
        _platform_designs(),
        at_zero=(
            "platform-w4-y11",
            "platform-w6-y10",
            "platform-coins",
            "platform-goomba",
            "platform-koopa",
            "platform-stack",
            "platform-bridge-w3",
            "platform-bridge-w5",
        ),
        raised=("platform-bridge-w5", "platform-pit-goomba"),
    )


def _cannon_designs() -> dict[str, Draw]:
    designs: dict[str, Draw] = {}
    for h in (1, 2, 3):
        designs[f"cannon-h{h}"] = lambda c, h=h: c.cannon(8, h)
        designs[f"cannon-pair-h{h}"] = lambda c, h=h: c.cannon(4, h).cannon(11, max(1, h - 1))
    for h in (2, 3):
        designs[f"cannon-star-h{h}"] = lambda c, h=h: c.cannon(8, h, star=True)
    designs["cannon-on-block"] = lambda c: (
        c.block(7, 3, 1).put(8, c.floor - 2, "B").put(8, c.floor - 1, "b")
    )
    designs["cannon-goomba"] = lambda c: c.cannon(9, 2).put(5, c.floor, "g")
    designs["cannon-spiky"] = lambda c: c.cannon(10, 2).on(6, "y")
    return designs


def cannons() -> Iterator[Recipe]:
    """Bullet cannons (``B`` over ``b``, or ``*`` columns), alone, in pairs, on blocks."""
    yield from place_all(
        "cannon",
        _cannon_designs(),
        at_zero=(
            "cannon-h1",
            "cannon-h2",
            "cannon-pair-h2",
            "cannon-pair-h3",
            "cannon-star-h2",
            "cannon-on-block",
            "cannon-goomba",
            "cannon-spiky",
        ),
        raised=("cannon-star-h3", "cannon-spiky"),
    )
