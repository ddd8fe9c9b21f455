"""The ``DiscreteActions`` wrapper over the named action sets of :mod:`mariogen.engine.actions`.

The sets, :func:`button_name` and :func:`to_multibinary` live in the engine (a policy agent
uses them without importing the environment); they are re-exported here.

Example:
    >>> env = DiscreteActions(gymnasium.make("mariogen/Mario-v0"), "simple")   # doctest: +SKIP
    >>> env.action_space                                                         # Discrete(7)
    >>> env.action_names[3]                                                      # 'right+speed'
"""

from __future__ import annotations

from typing import Any

import gymnasium
import numpy as np
from gymnasium import spaces

from mariogen.engine import Button
from mariogen.engine.actions import (
    ACTION_BUTTONS,
    ACTION_SETS,
    action_set,
    button_name,
    to_multibinary,
)

__all__ = [
    "ACTION_BUTTONS",
    "ACTION_SETS",
    "DiscreteActions",
    "action_set",
    "button_name",
    "to_multibinary",
]


class DiscreteActions(gymnasium.ActionWrapper):
    """Turns the ``MultiBinary(5)`` buttons into ``Discrete(n)`` over a named action set.

    Args:
        env: a ``mariogen/Mario-v0`` environment (possibly wrapped).
        actions: the name of a set of :data:`ACTION_SETS` (``"right_only"``, ``"simple"``,
            ``"complex"``, ``"astar"``) or a sequence of button combinations.

    Attributes:
        buttons: the button combination of each discrete action.
        action_names: a readable name of each discrete action.

    Raises:
        ValueError: for an unknown set name or an empty set.
    """

    def __init__(self, env: gymnasium.Env, actions: str | tuple[int, ...] = "simple") -> None:
        super().__init__(env)
        if isinstance(actions, str):
            combos = action_set(actions)
        else:
            combos = tuple(Button(int(b)) for b in actions)
        if not combos:
            raise ValueError("an action set needs at least one action")
        self.buttons: tuple[Button, ...] = combos
        self.action_names = tuple(button_name(b) for b in combos)
        self._table = np.stack([to_multibinary(b) for b in combos])
        self._table.setflags(write=False)
        self.action_space = spaces.Discrete(len(combos))

    def action(self, action: Any) -> np.ndarray:
        """The button array of discrete action ``action``."""
        return self._table[int(action)]
