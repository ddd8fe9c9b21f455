"""``FlatObservation``: the grid observation as one ``float32`` vector (``Box``), for learners
that take a flat vector, such as stable-baselines3's ``MlpPolicy``.

Example:
    >>> from stable_baselines3 import PPO                                   # doctest: +SKIP
    >>> env = FlatObservation(DiscreteActions(gymnasium.make("mariogen/Mario-v0"), "simple"))
    >>> PPO("MlpPolicy", env, seed=0).learn(10_000)
"""

from __future__ import annotations

from typing import Any

import gymnasium
import numpy as np
from gymnasium import spaces

#: The parts of the grid observation, in the order they are laid out in the vector.
PARTS = ("scene", "enemies", "mario")


class FlatObservation(gymnasium.ObservationWrapper, gymnasium.utils.RecordConstructorArgs):
    """The ``grid`` observation's ``scene`` and ``enemies`` grids (row-major, as
    ``numpy.ravel`` lays them out) and ``mario`` features, concatenated as ``float32``.

    The grid cells keep their tile and sprite codes (0-255; they are categories, so a
    learner may prefer to embed or one-hot them); the bounds of the ``Box`` are those of the
    ``Dict`` it flattens.

    Args:
        env: a ``mariogen/Mario-v0`` environment with ``obs_type="grid"`` (possibly wrapped).

    Attributes:
        slices: where each part of :data:`PARTS` lies in the vector.

    Raises:
        ValueError: for an environment whose observations are not the grid ``Dict``.
    """

    def __init__(self, env: gymnasium.Env) -> None:
        gymnasium.utils.RecordConstructorArgs.__init__(self)
        gymnasium.ObservationWrapper.__init__(self, env)
        space = env.observation_space
        if not isinstance(space, spaces.Dict) or set(space.spaces) != set(PARTS):
            raise ValueError(
                f"FlatObservation needs the grid observation (a Dict of {', '.join(PARTS)}); "
                f"got {space}"
            )
        lows, highs, self.slices, start = [], [], {}, 0
        for part in PARTS:
            box = space[part]
            lows.append(np.asarray(box.low, dtype=np.float32).ravel())
            highs.append(np.asarray(box.high, dtype=np.float32).ravel())
            self.slices[part] = slice(start, start + lows[-1].size)
            start += lows[-1].size
        self.observation_space = spaces.Box(
            np.concatenate(lows), np.concatenate(highs), dtype=np.float32
        )

    def observation(self, observation: dict[str, Any]) -> np.ndarray:
        """The observation as one vector."""
        return np.concatenate(
            [np.asarray(observation[part], dtype=np.float32).ravel() for part in PARTS]
        )
