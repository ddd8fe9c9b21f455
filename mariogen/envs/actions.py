"""Named discrete action sets and the ``DiscreteActions`` wrapper.

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
from mariogen.envs.mario_env import ACTION_BUTTONS

_R, _L, _J, _S, _D = Button.RIGHT, Button.LEFT, Button.JUMP, Button.SPEED, Button.DOWN

#: Named action sets: each a tuple of button combinations, index = discrete action.
ACTION_SETS: dict[str, tuple[Button, ...]] = {
    # Moving right only: enough to finish most levels.
    "right_only": (Button.NONE, _R, _R | _J, _R | _S, _R | _S | _J),
    # The common small set: right-moves, a standing jump and walking left.
    "simple": (Button.NONE, _R, _R | _J, _R | _S, _R | _S | _J, _J, _L),
    # Every useful combination: both directions with and without speed and jump, and ducking.
    "complex": (
        Button.NONE,
        _R,
        _R | _J,
        _R | _S,
        _R | _S | _J,
        _J,
        _J | _S,
        _L,
        _L | _J,
        _L | _S,
        _L | _S | _J,
        _D,
    ),
    # The A* planner's ten actions (ENGINE_SPEC §17.1), in its order.
    "astar": (
        _J,
        _J | _S,
        _R | _S,
        _R | _J | _S,
        _R,
        _R | _J,
        _L,
        _L | _J,
        _L | _S,
        _L | _J | _S,
    ),
}


def button_name(buttons: Button) -> str:
    """A short name for a button combination, e.g. ``"right+speed+jump"`` or ``"none"``."""
    names = [b.name.lower() for b in ACTION_BUTTONS if buttons & b]
    return "+".join(names) if names else "none"


def to_multibinary(buttons: int | Button) -> np.ndarray:
    """The ``MultiBinary(5)`` action (int8 array) that presses ``buttons``."""
    return np.array([1 if buttons & b else 0 for b in ACTION_BUTTONS], dtype=np.int8)


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
            if actions not in ACTION_SETS:
                known = ", ".join(ACTION_SETS)
                raise ValueError(f"unknown action set {actions!r}; known sets: {known}")
            combos = ACTION_SETS[actions]
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
