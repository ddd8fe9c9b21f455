"""``play``: one agent plays one level; the one game loop used everywhere."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from mariogen.agents.protocol import Agent, ReportsStats
from mariogen.agents.registry import make_agent
from mariogen.engine import Event, Game, GameResult, parse_mode
from mariogen.engine.stats import stats_of
from mariogen.level import Level
from mariogen.replay import DEFAULT_TIME_LIMIT_S

if TYPE_CHECKING:
    from mariogen.replay import Replay


@dataclass
class PlayResult:
    """What happened when an agent played a level.

    Attributes:
        agent: the agent's (persona's) name.
        level_name: the level's name (usually its file name).
        start_mode: Mario's start mode (0 small, 1 large, 2 fire).
        time_limit_s: the time limit of the play.
        seed: the seed the agent was made with.
        result: the statistics of ENGINE_SPEC §13, counted as the framework counts them.
        buttons: packed buttons of every loop iteration (empty unless recorded).
        trajectory: Mario's (x, y) after every loop iteration, float32, shape (n, 2).
        events: the game events of every normal update, without the framework's repeats
            on pause and time-out iterations; ``Event.tick`` says when each happened.
        coins_available: coins the level offers (coin tiles and coin blocks).
        enemies_available: enemy templates in the level.
        wall_seconds: wall-clock time of the play.
        agent_stats: statistics the agent reports (e.g. planner nodes per decision).
        stats: the play's statistics in the one vocabulary
            (:data:`mariogen.engine.stats.STAT_NAMES`), as the final state holds them.
    """

    agent: str
    level_name: str
    start_mode: int
    time_limit_s: float
    seed: int
    result: GameResult
    buttons: np.ndarray
    trajectory: np.ndarray
    events: list[Event]
    coins_available: int
    enemies_available: int
    wall_seconds: float
    agent_stats: dict[str, Any] = field(default_factory=dict)
    stats: dict[str, float] = field(default_factory=dict)

    @property
    def win(self) -> bool:
        """Whether Mario reached the exit."""
        return self.result.win

    @property
    def iterations(self) -> int:
        """Loop iterations played (agent decisions)."""
        return self.result.iterations

    def summary(self) -> dict[str, Any]:
        """The play's summary as one flat JSON-friendly dict (``mariogen play --json``).

        Who played what, the statistics of the one vocabulary (:attr:`stats`, e.g.
        ``coins``, ``kills``, ``time``, ``mode``), the framework's results that are not in it
        (ticks, remaining time, the jump records, mushrooms and flowers), what the level
        offers, the wall time and the agent's own statistics (``agent_*``).
        """
        r = self.result
        return {
            "agent": self.agent,
            "level": self.level_name,
            "start_mode": self.start_mode,
            "status": r.status.name,
            **self.stats,
            "ticks": r.ticks,
            "remaining_time_ms": r.remaining_time_ms,
            "max_x_jump": r.max_x_jump,
            "max_jump_air_time": r.max_jump_air_time,
            "mushrooms": r.mushrooms,
            "flowers": r.flowers,
            "coins_available": self.coins_available,
            "enemies_available": self.enemies_available,
            "wall_seconds": self.wall_seconds,
            **{f"agent_{k}": v for k, v in self.agent_stats.items()},
        }

    def to_row(self) -> dict[str, Any]:
        """One row of a pandas table (the summary; same keys for every play)."""
        return self.summary()

    def to_replay(self, level: Level) -> Replay:
        """This play as a :class:`~mariogen.replay.Replay` (``level``: the level played)."""
        from mariogen.replay import Replay

        return Replay.from_play(self, level)


class Stalled:
    """A stop rule for :func:`play`: true once Mario has gone ``ticks`` iterations without
    getting ``min_px`` pixels further right than he has been (stuck in front of an
    obstacle, or wandering).

    Args:
        ticks: iterations without progress that count as stalled.
        min_px: the progress that counts, in pixels.
    """

    def __init__(self, ticks: int = 90, min_px: float = 16.0) -> None:
        self.ticks, self.min_px = ticks, min_px
        self._best = float("-inf")
        self._now = self._since = 0

    def __call__(self, game: Game) -> bool:
        """Whether the play has stalled (call once per iteration)."""
        self._now += 1
        x = game.mario_xy[0]
        if x >= self._best + self.min_px:
            self._best, self._since = x, self._now
        return self._now - self._since >= self.ticks


def play(
    agent: str | Agent | Callable[[], Agent],
    level: Level,
    start_mode: int | str = 0,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    record: bool = True,
    seed: int = 0,
    max_iterations: int | None = None,
    on_step: Callable[[Game, int], None] | None = None,
    until: Callable[[Game], bool] | None = None,
) -> PlayResult:
    """Let ``agent`` play ``level`` until the game ends, as the framework's game loop does.

    Each iteration gives the agent a clone of the game, then steps the game with the
    buttons it returned (pause and time-out iterations included).

    Args:
        agent: an agent, a registered agent name (``"run-right"``, ``"collector"``) or a
            zero-argument factory.
        level: the level to play.
        start_mode: Mario's start mode, 0/1/2 or ``"small"``/``"large"``/``"fire"``.
        time_limit_s: the time limit; 0 or less means none (then pass ``max_iterations``).
        record: keep the buttons, trajectory and events (needed for replays and metrics).
        seed: seed for agents made from a name.
        max_iterations: stop after this many iterations even if the game still runs.
        on_step: called after every iteration with the game and the buttons pressed.
        until: called after every iteration; the play stops when it returns true (for
            example :class:`Stalled`).

    Raises:
        ValueError: for an unlimited time limit without ``max_iterations``.
    """
    if time_limit_s <= 0 and max_iterations is None:
        raise ValueError("an unlimited time limit needs max_iterations")
    mode = parse_mode(start_mode)
    player = make_agent(agent, seed=seed)
    start = time.perf_counter()
    player.reset(level, mode)
    game = Game.new(level, mode, time_limit_s)
    buttons: list[int] = []
    xy: list[float] = []
    events: list[Event] = []
    limit = max_iterations if max_iterations is not None else -1
    while game.running and limit != 0:
        pressed = int(player.act(game.clone()))
        game.step(pressed)
        limit -= 1
        if record:
            buttons.append(pressed)
            xy.extend(game.mario_xy)
            if game.has_events:
                events.extend(game.events)
        if on_step is not None:
            on_step(game, pressed)
        if until is not None and until(game):
            break
    wall = time.perf_counter() - start
    return PlayResult(
        agent=getattr(player, "name", type(player).__name__),
        level_name=level.name,
        start_mode=mode,
        time_limit_s=time_limit_s,
        seed=seed,
        result=game.result(),
        buttons=np.asarray(buttons, dtype=np.uint8),
        trajectory=np.asarray(xy, dtype=np.float32).reshape(-1, 2),
        events=events,
        coins_available=level.total_coins,
        enemies_available=level.enemy_count,
        wall_seconds=wall,
        agent_stats=player.stats() if isinstance(player, ReportsStats) else {},
        stats=stats_of(game.state, level.total_coins, level.enemy_count),
    )
