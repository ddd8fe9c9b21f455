"""A replay's timeline: any position of the play on demand, Mario's path and the events.

Position 0 is the start (after the initial update), position ``i`` the state after iteration
``i``; the last is ``n_ticks``. The timeline re-simulates the replay once, keeping a state
every :data:`KEYFRAME_EVERY` positions (more apart when they would exceed
:data:`KEYFRAME_BUDGET`), so seeking anywhere costs at most that many steps.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mariogen.engine import Event, Game
from mariogen.replay import Replay

#: Positions between stored states (at least; long replays of wide levels store fewer).
KEYFRAME_EVERY = 32
#: The most memory the stored states may take, in bytes.
KEYFRAME_BUDGET = 256 * 1024 * 1024


@dataclass(frozen=True)
class Marker:
    """An event at a position of the timeline (for event markers)."""

    position: int
    event: Event


class Timeline:
    """Every position of a replay, reachable by :meth:`game_at`.

    Args:
        replay: the replay (already verified or not; it is simulated again here).

    Attributes:
        replay: the replay.
        level: its level.
        n: the number of iterations (the last position).
        path: Mario's (x, y) at every position, float32, shape ``(n + 1, 2)``.
        every: positions between stored states.
        markers: the events of normal updates, with the position they happened at.
    """

    def __init__(self, replay: Replay) -> None:
        self.replay = replay
        self.level = replay.level()
        self.n = replay.n_ticks
        self.path = np.zeros((self.n + 1, 2), dtype=np.float32)
        self.markers: list[Marker] = []
        self._keys: dict[int, np.ndarray] = {}
        start = Game.new(self.level, replay.start_mode, replay.time_limit_s)
        per_state = start.state.nbytes
        self.every = max(KEYFRAME_EVERY, -(-(self.n + 1) * per_state // KEYFRAME_BUDGET))
        self._record(start, 0)
        final = replay.simulate(on_step=lambda game, i: self._record(game, i + 1))
        self.result = final.result()
        self._cursor = Game(start.state.copy(), start.constants, self.level)
        np.copyto(self._cursor.state, self._keys[0])
        self._position = 0

    def _record(self, game: Game, position: int) -> None:
        self.path[position] = game.mario_xy
        if position % self.every == 0:
            self._keys[position] = game.state.copy()
        if position and game.has_events:
            self.markers.extend(Marker(position, e) for e in game.events)

    @property
    def position(self) -> int:
        """The position of the game :meth:`game_at` returned last."""
        return self._position

    def game_at(self, position: int) -> Game:
        """The game at ``position`` (clamped to ``0..n``).

        The returned game is the timeline's cursor: it changes on the next call, so copy it
        (``game.clone()``) to keep it.
        """
        position = min(max(int(position), 0), self.n)
        if not self._position <= position < self._position + self.every:
            key = position - position % self.every
            np.copyto(self._cursor.state, self._keys[key])
            self._position = key
        buttons = self.replay.buttons
        while self._position < position:
            self._cursor.step(int(buttons[self._position]))
            self._position += 1
        return self._cursor
