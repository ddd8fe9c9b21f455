"""Tiny hand-made levels and plays whose metric values are worked out by hand in the tests."""

from __future__ import annotations

from typing import Any

import numpy as np

from mariogen.agents import PlayResult
from mariogen.engine import Event, EventType, GameResult, Status
from mariogen.level import Level

_SKY = ["-" * 16] * 10

#: 16 x 16: flat ground with a 2-wide gap (columns 7-8), a ?-block at (5, 10), a goomba at
#: column 3 and a green koopa at column 10, both on row 13.
MIXED = "\n".join(
    [
        *_SKY[:10],
        "-----?----------",
        "----------------",
        "----------------",
        "-M-g------k---F-",
        "XXXXXXX--XXXXXXX",
        "XXXXXXX--XXXXXXX",
    ]
)

#: 16 x 15: flat ground and one ?-block above the middle column (7), row 10.
BUMP = "\n".join(
    [
        *(["-" * 15] * 10),
        "-------?-------",
        "-" * 15,
        "-" * 15,
        "-M-----------F-",
        "X" * 15,
        "X" * 15,
    ]
)

#: 16 x 12: flat ground only; Mario at column 1, the exit at column 10.
FLAT = "\n".join([*(["-" * 12] * 13), "-M--------F-", "X" * 12, "X" * 12])

#: 16 x 12: a stair of pyramid blocks rising over columns 3-6 (ground heights 2, 3, 4, 5).
STAIRS = "\n".join(
    [
        *(["-" * 12] * 11),
        "------#-----",
        "-----##-----",
        "-M--###---F-",
        "X" * 12,
        "X" * 12,
    ]
)

#: 16 x 12: two pipes (columns 2-3 and 8-9) with a goomba in the valley between them.
PIPES = "\n".join(
    [
        *(["-" * 12] * 12),
        "--<>----<>--",
        "M-[]-g--[]F-",
        "X" * 12,
        "X" * 12,
    ]
)

#: 16 x 20: three 2-wide gaps 2 columns apart (columns 5-6, 9-10, 13-14), then flat ground.
GAPS = "\n".join(
    [
        *(["-" * 20] * 13),
        "-M----------------F-",
        "XXXXX--XX--XX--XXXXX",
        "XXXXX--XX--XX--XXXXX",
    ]
)


def level(text: str, name: str = "<fixture>") -> Level:
    """Parse a fixture level."""
    return Level.from_text(text + "\n", name)


def event(kind: EventType, tick: int, param: int = 0, x: float = 0.0) -> Event:
    """An event at ``tick`` (Mario's y and mode are irrelevant to the metrics)."""
    return Event(kind, param, x, 0.0, 0, tick)


def game_result(**fields: Any) -> GameResult:
    """A GameResult with every count 0 unless given."""
    defaults: dict[str, Any] = {
        "status": Status.TIME_OUT,
        "completion": 0.0,
        "remaining_time_ms": 0,
        "mario_mode": 0,
        "coins": 0,
        "lives": 3,
        "kills_total": 0,
        "kills_stomp": 0,
        "kills_fire": 0,
        "kills_shell": 0,
        "kills_fall": 0,
        "hurts": 0,
        "jumps": 0,
        "max_x_jump": 0.0,
        "max_jump_air_time": 0,
        "mushrooms": 0,
        "flowers": 0,
        "bricks_destroyed": 0,
        "bump_question": 0,
        "bump_brick": 0,
        "tile_coins": 0,
        "coin_collects": 0,
        "kicks": 0,
        "game_events": 0,
        "iterations": 0,
        "ticks": 0,
    }
    return GameResult(**{**defaults, **fields})


def play_result(
    events: list[Event] | None = None,
    trajectory: list[tuple[float, float]] | None = None,
    buttons: list[int] | None = None,
    time_limit_s: float = 20.0,
    coins_available: int = 0,
    enemies_available: int = 0,
    agent: str = "hand",
    **result: Any,
) -> PlayResult:
    """A PlayResult built from explicit fields."""
    xy = np.asarray(trajectory or [], dtype=np.float32).reshape(-1, 2)
    return PlayResult(
        agent=agent,
        level_name="<fixture>",
        start_mode=0,
        time_limit_s=time_limit_s,
        seed=0,
        result=game_result(**result),
        buttons=np.asarray(buttons if buttons is not None else [0] * len(xy), dtype=np.uint8),
        trajectory=xy,
        events=events or [],
        coins_available=coins_available,
        enemies_available=enemies_available,
        wall_seconds=0.0,
    )
