"""Game statistics: the framework's ``MarioResult`` (ENGINE_SPEC §13.1)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from mariogen.engine import layout as L
from mariogen.engine.layout import Status

#: Sprite types that can be killed, for per-type kill counts.
_KILLABLE = range(2, 15)


@dataclass(frozen=True)
class GameResult:
    """Statistics of one play, counted as the framework's game loop counts them.

    Event counts include the repeats of pause and time-out iterations (ENGINE_SPEC §12.3).
    ``tile_coins`` is the framework's ``numCollectedTileCoins``, which is always 0 (it counts
    COLLECT events with param 31, Q12); ``coin_collects`` counts COLLECT(15) events: coin
    tiles and life mushrooms alike.
    """

    status: Status
    completion: float
    remaining_time_ms: int
    mario_mode: int
    coins: int
    lives: int
    kills_total: int
    kills_stomp: int
    kills_fire: int
    kills_shell: int
    kills_fall: int
    hurts: int
    jumps: int
    max_x_jump: float
    max_jump_air_time: int
    mushrooms: int
    flowers: int
    bricks_destroyed: int
    bump_question: int
    bump_brick: int
    tile_coins: int
    coin_collects: int
    kicks: int
    game_events: int
    iterations: int
    ticks: int
    kills_by_type: dict[int, int] = field(default_factory=dict)

    @property
    def win(self) -> bool:
        """Whether Mario reached the exit."""
        return self.status == Status.WIN

    def to_dict(self) -> dict[str, Any]:
        """A flat JSON-friendly dict (status as its name)."""
        out = asdict(self)
        out["status"] = self.status.name
        out["kills_by_type"] = {str(k): v for k, v in self.kills_by_type.items()}
        return out


def completion_of(state: np.ndarray) -> float:
    """Mario's x over the exit's x, in float32 as the framework computes it."""
    f = state.view(np.float32)
    exit_px = np.float32(16 * int(state[L.W_EXIT_X]))
    if exit_px == 0:
        return 0.0
    return float(np.float32(f[L.MARIO + L.K_X] / exit_px))


def result_of(state: np.ndarray) -> GameResult:
    """The statistics held in a (settled) state buffer."""
    s, f = state, state.view(np.float32)
    stomp, fire = int(s[L.ST_KILL_STOMP]), int(s[L.ST_KILL_FIRE])
    shell, fall = int(s[L.ST_KILL_SHELL]), int(s[L.ST_KILL_FALL])
    large, fire_mode = int(s[L.MARIO + L.M_LARGE]), int(s[L.MARIO + L.M_FIRE])
    by_type = {t: int(s[L.ST_KILLS_BY_TYPE + t]) for t in _KILLABLE if s[L.ST_KILLS_BY_TYPE + t]}
    return GameResult(
        status=Status(int(s[L.W_STATUS])),
        completion=completion_of(state),
        remaining_time_ms=int(s[L.W_TIMER]),
        mario_mode=2 if fire_mode else large,
        coins=int(s[L.W_COINS]),
        lives=int(s[L.W_LIVES]),
        kills_total=stomp + fire + shell + fall,
        kills_stomp=stomp,
        kills_fire=fire,
        kills_shell=shell,
        kills_fall=fall,
        hurts=int(s[L.ST_HURTS]),
        jumps=int(s[L.ST_JUMPS]),
        max_x_jump=float(f[L.ST_XJUMP_BEST]),
        max_jump_air_time=int(s[L.ST_AIR_BEST]),
        mushrooms=int(s[L.ST_MUSHROOMS]),
        flowers=int(s[L.ST_FLOWERS]),
        bricks_destroyed=int(s[L.ST_BRICKS]),
        bump_question=int(s[L.ST_BUMP_QUESTION]),
        bump_brick=int(s[L.ST_BUMP_BRICK]),
        tile_coins=int(s[L.ST_TILE_COINS]),
        coin_collects=int(s[L.ST_COLLECT_15]),
        kicks=int(s[L.ST_KICKS]),
        game_events=int(s[L.ST_GAME_EVENTS]),
        iterations=int(s[L.ST_ITERS]),
        ticks=int(s[L.W_TICK]),
        kills_by_type=by_type,
    )
