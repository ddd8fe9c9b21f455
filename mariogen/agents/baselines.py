"""Baseline agents: do nothing, run right, press random buttons."""

from __future__ import annotations

import numpy as np

from mariogen.engine import Button, Game
from mariogen.level import Level

#: The action choices of the random agent, as in the framework's random agent.
RANDOM_CHOICES: tuple[Button, ...] = (
    Button.RIGHT,
    Button.RIGHT | Button.SPEED,
    Button.RIGHT | Button.JUMP,
    Button.RIGHT | Button.SPEED | Button.JUMP,
    Button.JUMP,
    Button.LEFT,
    Button.LEFT | Button.SPEED,
    Button.LEFT | Button.JUMP,
    Button.NONE,
)


class DoNothingAgent:
    """Presses nothing, ever."""

    name = "do-nothing"

    def reset(self, level: Level, start_mode: int) -> None:
        """Nothing to prepare."""

    def act(self, game: Game) -> Button:
        """Always no buttons."""
        return Button.NONE


class RunRightAgent:
    """Runs right, pressing SPEED and JUMP whenever Mario may jump or is in the air.

    This is the framework's rule agent (sergeyKarakovskiy): it holds JUMP through a jump
    and lets go on landing, so it jumps again as soon as it can.
    """

    name = "run-right"

    def reset(self, level: Level, start_mode: int) -> None:
        """Nothing to prepare."""

    def act(self, game: Game) -> Button:
        """RIGHT, plus SPEED and JUMP when Mario may jump or is airborne."""
        mario = game.mario
        if mario.may_jump or not mario.on_ground:
            return Button.RIGHT | Button.SPEED | Button.JUMP
        return Button.RIGHT


class RandomAgent:
    """Holds a random choice of buttons for a random 1-16 ticks; seeded, so reproducible.

    Args:
        seed: seed of the agent's ``numpy.random.Generator``; ``reset`` restarts it, so every
            play with the same seed presses the same buttons.
    """

    name = "random"

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        self._rng = np.random.default_rng(seed)
        self._current = Button.NONE
        self._left = 0

    def reset(self, level: Level, start_mode: int) -> None:
        """Restart the random stream."""
        self._rng = np.random.default_rng(self.seed)
        self._left = 0

    def act(self, game: Game) -> Button:
        """The held choice, re-drawn when its duration runs out."""
        if self._left <= 0:
            self._current = RANDOM_CHOICES[int(self._rng.integers(len(RANDOM_CHOICES)))]
            self._left = int(self._rng.integers(1, 17))
        self._left -= 1
        return self._current
