"""The agent protocol: anything that chooses buttons from a game state."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from mariogen.engine import Button, Game
from mariogen.level import Level


@runtime_checkable
class Agent(Protocol):
    """A player of levels.

    ``play`` calls ``reset`` once per play, then ``act`` once per loop iteration with a
    clone of the running game (the agent may step it freely as a forward model).

    Attributes:
        name: the agent's registered name (a persona card name for personas).
    """

    name: str

    def reset(self, level: Level, start_mode: int) -> None:
        """Prepare to play ``level`` with Mario starting in ``start_mode`` (0, 1 or 2)."""

    def act(self, game: Game) -> Button:
        """The buttons to press for the next iteration of ``game``."""


@runtime_checkable
class ReportsStats(Protocol):
    """An agent that reports statistics of its own (e.g. a planner's nodes per decision)."""

    def stats(self) -> dict[str, Any]:
        """Flat statistics of the latest play, merged into the play's summary."""
