"""Game statistics: the one vocabulary of named play statistics, and ``MarioResult``.

**The vocabulary.** :class:`Stat` names every statistic that personas weigh and experiments
read: A* cost terms (``[cost]``), RL reward terms (``[reward]``), the generator's behaviour
measures and :meth:`~mariogen.agents.PlayResult.summary` all use these names and the one
compiled function :func:`fill_stats`, which writes them, in :class:`Stat` order, from a
state buffer. Per-play values are the state's running totals; per-step values (RL rewards)
and per-plan values (A* costs) are differences of two such vectors.

**Pause repeats.** Event counts follow the framework's game loop (ENGINE_SPEC §12.3): the
events of the latest normal update are counted again on every pause and time-out iteration
(a hurt or a power-up freezes the game for 9 iterations, so one hit of large Mario counts
at least 10 ``hurts``, one mushroom 10 ``powerups``). This is ``MarioResult``'s own rule, so the
statistics agree with the framework's results and with published metrics built on them;
``coins``, ``progress``, ``completion``, ``mode`` and the status flags are read from the
world and never repeat.

:class:`GameResult` is the framework's ``MarioResult`` (§13.1), field for field, as the
reference traces record it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import IntEnum
from typing import Any

import numpy as np

from mariogen.engine import layout as L
from mariogen.engine.layout import Status
from mariogen.jit import njit


class Stat(IntEnum):
    """The named statistics of a play, in the order of :func:`fill_stats`'s vector.

    The name of a member, lower case, is the name cards and tables use (``Stat.COIN_BLOCKS``
    is ``coin_blocks``); :data:`STAT_DESCRIPTIONS` says what each counts.
    """

    PROGRESS = 0
    TIME = 1
    COINS = 2
    COIN_BLOCKS = 3
    KILLS_STOMP = 4
    KILLS_FIRE = 5
    KILLS_SHELL = 6
    KILLS_FALL = 7
    KILLS = 8
    JUMPS = 9
    BRICKS = 10
    POWERUPS = 11
    KICKS = 12
    COIN_RATE = 13
    KILL_RATE = 14
    HURTS = 15
    MODE = 16
    COMPLETION = 17
    DEATH = 18
    WIN = 19
    TIMEOUT = 20

    @property
    def key(self) -> str:
        """The statistic's name in cards and tables (``"coin_blocks"``)."""
        return self.name.lower()


#: Every statistic's name, in vector order.
STAT_NAMES: tuple[str, ...] = tuple(stat.key for stat in Stat)
#: Length of the statistics vector.
N_STATS = len(STAT_NAMES)
#: Statistics that are fractions or positions; every other one is a whole count.
REAL_STATS: frozenset[str] = frozenset({"progress", "coin_rate", "kill_rate", "completion"})
#: What each statistic counts (per play: the total so far; per step: its change).
STAT_DESCRIPTIONS: dict[str, str] = {
    "progress": "Mario's x in pixels (per step: pixels moved right, negative when left)",
    "time": "game-loop iterations run, pause and time-out iterations included",
    "coins": "coins collected (coin tiles, coin blocks, coin bricks; a flower when fire)",
    "coin_blocks": "blocks bumped open: ?-blocks, coin and item bricks, hidden blocks",
    "kills_stomp": "enemies stomped",
    "kills_fire": "enemies killed by a fireball",
    "kills_shell": "enemies killed by a kicked shell",
    "kills_fall": "enemies knocked or fallen out of the level",
    "kills": "enemies killed by any cause (the four above)",
    "jumps": "jumps started",
    "bricks": "bricks broken (by large Mario)",
    "powerups": "mushrooms and fire flowers collected",
    "kicks": "shells kicked",
    "coin_rate": "coins per coin the level offers",
    "kill_rate": "kills per enemy the level places",
    "hurts": "times Mario was hurt",
    "mode": "Mario's power-up mode: 0 small, 1 large, 2 fire (a drop is damage)",
    "completion": "Mario's x over the exit's x (1 on a win)",
    "death": "1 once Mario has lost (hurt while small, fallen)",
    "win": "1 once Mario has reached the exit",
    "timeout": "1 once the time limit has run out",
}

_LOSE, _WIN, _TIME_OUT = int(Status.LOSE), int(Status.WIN), int(Status.TIME_OUT)


@njit
def fill_stats(s, coins_total, enemies_total, out):
    """Write the statistics of state ``s`` into ``out`` (float64, :class:`Stat` order).

    Args:
        s: a state buffer (a fresh clone's pending fix-ups do not change any statistic).
        coins_total: coins the level offers (the denominator of ``coin_rate``).
        enemies_total: enemies the level places (the denominator of ``kill_rate``).
        out: float64 array of at least :data:`N_STATS` values, overwritten.
    """
    f = s.view(np.float32)
    kills = s[L.ST_KILL_STOMP] + s[L.ST_KILL_FIRE] + s[L.ST_KILL_SHELL] + s[L.ST_KILL_FALL]
    x = f[L.MARIO + L.K_X]
    exit_px = np.float32(16 * s[L.W_EXIT_X])
    status = s[L.W_STATUS]
    out[0] = x
    out[1] = s[L.ST_ITERS]
    out[2] = s[L.W_COINS]
    out[3] = s[L.ST_BUMP_QUESTION]
    out[4] = s[L.ST_KILL_STOMP]
    out[5] = s[L.ST_KILL_FIRE]
    out[6] = s[L.ST_KILL_SHELL]
    out[7] = s[L.ST_KILL_FALL]
    out[8] = kills
    out[9] = s[L.ST_JUMPS]
    out[10] = s[L.ST_BRICKS]
    out[11] = s[L.ST_MUSHROOMS] + s[L.ST_FLOWERS]
    out[12] = s[L.ST_KICKS]
    out[13] = s[L.W_COINS] / max(coins_total, 1.0)
    out[14] = kills / max(enemies_total, 1.0)
    out[15] = s[L.ST_HURTS]
    out[16] = s[L.MARIO + L.M_LARGE] + s[L.MARIO + L.M_FIRE]
    out[17] = np.float32(x / exit_px) if exit_px != 0 else 0.0
    out[18] = 1.0 if status == _LOSE else 0.0
    out[19] = 1.0 if status == _WIN else 0.0
    out[20] = 1.0 if status == _TIME_OUT else 0.0


def stats_of(state: np.ndarray, coins_total: float, enemies_total: float) -> dict[str, float]:
    """The statistics of a state buffer by name (see :data:`STAT_DESCRIPTIONS`); counts are
    ``int``, the :data:`REAL_STATS` ``float``."""
    out = np.zeros(N_STATS, dtype=np.float64)
    fill_stats(state, float(coins_total), float(enemies_total), out)
    return {
        name: value if name in REAL_STATS else int(value)
        for name, value in zip(STAT_NAMES, out.tolist(), strict=True)
    }


def stat_weights(weights: dict[str, float], source: str = "weights") -> np.ndarray:
    """Named weights as a float64 vector in :class:`Stat` order (unnamed statistics: 0).

    Raises:
        ValueError: for a name that is not a statistic; the message lists the known ones.
    """
    unknown = [name for name in weights if name not in STAT_NAMES]
    if unknown:
        raise ValueError(
            f"{source}: unknown statistic {unknown[0]!r}; known: {', '.join(STAT_NAMES)}"
        )
    return np.array([float(weights.get(name, 0.0)) for name in STAT_NAMES], dtype=np.float64)


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
