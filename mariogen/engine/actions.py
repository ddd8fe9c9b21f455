"""The action contract: the ``MultiBinary(5)`` button order and the named discrete action sets.

Shared by the Gymnasium environment (:mod:`mariogen.envs`) and by any policy agent, so both
read a discrete action the same way without importing each other.

Example:
    >>> button_name(action_set("simple")[4])
    'right+speed+jump'
    >>> to_multibinary(Button.RIGHT | Button.JUMP).tolist()
    [0, 1, 0, 0, 1]
"""

from __future__ import annotations

import numpy as np

from mariogen.engine.layout import Button

#: The buttons of the ``MultiBinary(5)`` action, in order (element i presses button i).
ACTION_BUTTONS: tuple[Button, ...] = (
    Button.LEFT,
    Button.RIGHT,
    Button.DOWN,
    Button.SPEED,
    Button.JUMP,
)

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


def action_set(name: str) -> tuple[Button, ...]:
    """The button combinations of the named action set, index = discrete action.

    Args:
        name: a key of :data:`ACTION_SETS` (``"right_only"``, ``"simple"``, ``"complex"``,
            ``"astar"``).

    Raises:
        ValueError: for an unknown name; the message lists the known ones.
    """
    try:
        return ACTION_SETS[name]
    except (KeyError, TypeError):
        known = ", ".join(ACTION_SETS)
        raise ValueError(f"unknown action set {name!r}; known sets: {known}") from None


def button_name(buttons: int | Button) -> str:
    """A short name for a button combination, e.g. ``"right+speed+jump"`` or ``"none"``."""
    names = [str(b.name).lower() for b in ACTION_BUTTONS if buttons & b]
    return "+".join(names) if names else "none"


def to_multibinary(buttons: int | Button) -> np.ndarray:
    """The ``MultiBinary(5)`` action (int8 array, :data:`ACTION_BUTTONS` order) of ``buttons``."""
    return np.array([1 if buttons & b else 0 for b in ACTION_BUTTONS], dtype=np.int8)


def from_multibinary(action: np.ndarray) -> int:
    """The packed buttons (bit i = button i) of a ``MultiBinary(5)`` action; non-zero = pressed.

    Raises:
        ValueError: for an action that does not hold 5 values.
    """
    values = np.asarray(action).ravel()
    if values.shape != (len(ACTION_BUTTONS),):
        raise ValueError(f"an action has {len(ACTION_BUTTONS)} button values, not {values.size}")
    return sum(int(b) for b, v in zip(ACTION_BUTTONS, values.tolist(), strict=True) if v)
