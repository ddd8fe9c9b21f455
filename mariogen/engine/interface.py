"""The observation and action contract shared by the Gymnasium environment and policy agents.

:class:`ObservationSpec` says what a policy sees and how it acts: the detail levels of the
two grids, the game-loop iterations one decision lasts, and the named discrete action set.
``mariogen.envs`` builds its grid observations with it, and a policy agent in
``mariogen.agents`` encodes the games it is given with the same spec (stored in its policy
file with :meth:`ObservationSpec.to_dict`), so training and play see identical arrays
without either package importing the other.

Example:
    >>> spec = ObservationSpec(scene_detail=1, enemy_detail=0, action_set="simple")
    >>> obs = spec.encode(game, time_limit_s=20)          # doctest: +SKIP
    >>> sorted(obs)                                        # doctest: +SKIP
    ['enemies', 'mario', 'scene']
    >>> int(spec.buttons(4))                               # right + speed + jump
    26
"""

from __future__ import annotations

import numbers
import operator
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Any

import numpy as np

from mariogen.engine.actions import ACTION_SETS
from mariogen.engine.actions import action_set as _action_set
from mariogen.engine.layout import Button
from mariogen.engine.observation import GRID, MARIO_FEATURES, MARIO_HIGH, MARIO_LOW, observe_grid

if TYPE_CHECKING:
    from gymnasium import spaces

    from mariogen.engine.game import Game
    from mariogen.level import Level

__all__ = [
    "MARIO_FEATURES",
    "MARIO_HIGH",
    "MARIO_LOW",
    "OBSERVATION_KEYS",
    "ObservationSpec",
    "exit_px",
    "observe_grid",
    "time_limit_ms",
]

#: The keys of a grid observation, in order.
OBSERVATION_KEYS: tuple[str, ...] = ("scene", "enemies", "mario")
#: The generalisation levels of the scene and enemy grids (ENGINE_SPEC §14.3-14.4).
DETAIL_LEVELS: tuple[int, ...] = (0, 1, 2)


def time_limit_ms(time_limit_s: float) -> int:
    """The time limit in ms as :meth:`Game.new` sets the timer (0 or less: no limit)."""
    return int(1000 * time_limit_s)


def exit_px(level: Level) -> int:
    """The x of the level's exit in pixels (the denominator of ``completion``)."""
    return 16 * level.exit[0]


def _whole_number(name: str, value: Any, allowed: str) -> int:
    """``value`` as an int if it is a whole number (not a bool); else a ValueError."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        if isinstance(value, numbers.Integral) or float(value).is_integer():
            return int(value)
    raise ValueError(f"{name} must be {allowed}, not {value!r}")


@dataclass(frozen=True)
class ObservationSpec:
    """What a policy observes and how its discrete actions map to buttons.

    Args:
        scene_detail: tile generalisation of the scene grid, 0, 1 or 2 (ENGINE_SPEC §14.3).
        enemy_detail: sprite generalisation of the enemy grid, 0, 1 or 2 (§14.4).
        frame_skip: game-loop iterations one action lasts (at least 1).
        action_set: the name of a set of :data:`~mariogen.engine.actions.ACTION_SETS`.

    Raises:
        ValueError: for a value out of range or of the wrong kind, or an unknown action set.
    """

    scene_detail: int = 1
    enemy_detail: int = 0
    frame_skip: int = 1
    action_set: str = "simple"

    def __post_init__(self) -> None:
        for name in ("scene_detail", "enemy_detail"):
            value = getattr(self, name)
            detail = _whole_number(name, value, "0, 1 or 2")
            if detail not in DETAIL_LEVELS:
                raise ValueError(f"{name} must be 0, 1 or 2, not {value!r}")
            object.__setattr__(self, name, detail)
        skip = _whole_number("frame_skip", self.frame_skip, "a whole number >= 1")
        if skip < 1:
            raise ValueError(f"frame_skip must be a whole number >= 1, not {self.frame_skip!r}")
        object.__setattr__(self, "frame_skip", skip)
        _action_set(self.action_set)  # raises for an unknown name

    # --- storage ----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The spec as a plain JSON-friendly dict (every field, by name)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ObservationSpec:
        """The spec stored by :meth:`to_dict`; missing fields take their defaults.

        Raises:
            ValueError: for an unknown key or a bad value.
            TypeError: when ``data`` is not a mapping.
        """
        if not isinstance(data, Mapping):
            raise TypeError(f"an observation spec is a mapping, not {type(data).__name__}")
        known = tuple(f.name for f in fields(cls))
        unknown = [key for key in data if key not in known]
        if unknown:
            raise ValueError(
                f"unknown observation spec key {unknown[0]!r}; known keys: {', '.join(known)}"
            )
        return cls(**data)

    # --- observations -----------------------------------------------------------------------
    def encode(self, game: Game, time_limit_s: float) -> dict[str, np.ndarray]:
        """The grid observation of ``game``, exactly as ``mariogen/Mario-v0`` returns it.

        Args:
            game: the game to observe (a fresh clone is fine: it is settled first).
            time_limit_s: the play's time limit, as given to :meth:`Game.new` (for
                ``time_left``; 0 or less for none).

        Returns:
            ``{"scene": uint8 (16, 16), "enemies": uint8 (16, 16), "mario": float32 (14,)}``,
            new arrays; the grids are indexed ``[column][row]`` with Mario at ``[8][8]``.
        """
        scene = np.zeros((GRID, GRID), dtype=np.uint8)
        enemies = np.zeros((GRID, GRID), dtype=np.uint8)
        mario = np.empty(len(MARIO_FEATURES), dtype=np.float32)
        observe_grid(
            game.state,
            self.scene_detail,
            self.enemy_detail,
            scene,
            enemies,
            mario,
            time_limit_ms(time_limit_s),
            exit_px(game.level),
        )
        return {"scene": scene, "enemies": enemies, "mario": mario}

    def space(self) -> spaces.Dict:
        """The Gymnasium observation space of :meth:`encode`'s observations."""
        from gymnasium import spaces

        grid = (GRID, GRID)
        return spaces.Dict(
            {
                "scene": spaces.Box(0, 255, grid, dtype=np.uint8),
                "enemies": spaces.Box(0, 255, grid, dtype=np.uint8),
                "mario": spaces.Box(MARIO_LOW, MARIO_HIGH, dtype=np.float32),
            }
        )

    # --- actions ----------------------------------------------------------------------------
    @property
    def actions(self) -> tuple[Button, ...]:
        """The button combination of each discrete action, index = action."""
        return ACTION_SETS[self.action_set]

    @property
    def n_actions(self) -> int:
        """The number of discrete actions of the action set."""
        return len(ACTION_SETS[self.action_set])

    def action_space(self) -> spaces.Discrete:
        """The Gymnasium action space of the discrete actions (``Discrete(n_actions)``)."""
        from gymnasium import spaces

        return spaces.Discrete(self.n_actions)

    def buttons(self, action_index: int) -> Button:
        """The packed buttons (bit i = button i) of discrete action ``action_index``.

        Raises:
            ValueError: for an index outside ``0 .. n_actions - 1``.
            TypeError: for an index that is not an integer.
        """
        index = operator.index(action_index)
        combos = ACTION_SETS[self.action_set]
        if not 0 <= index < len(combos):
            raise ValueError(
                f"action {index} is not in the {self.action_set!r} set (0..{len(combos) - 1})"
            )
        return combos[index]
