"""Gymnasium environments: ``mariogen/Mario-v0``, action sets, the persona reward wrapper and
a flat-vector observation for stable-baselines3 (``FlatObservation``).

Importing this package (which ``import mariogen`` does) only registers the environment
with Gymnasium; the engine, its compiled code and pygame load when an environment is made.

Example:
    >>> import gymnasium, mariogen                                        # doctest: +SKIP
    >>> env = mariogen.envs.DiscreteActions(gymnasium.make("mariogen/Mario-v0"), "simple")
"""

from __future__ import annotations

import importlib
from typing import Any

from gymnasium.envs.registration import register, registry

#: The registered environment id.
ENV_ID = "mariogen/Mario-v0"

if ENV_ID not in registry:
    register(id=ENV_ID, entry_point="mariogen.envs.mario_env:MarioEnv")

_LAZY = {
    "MarioEnv": "mariogen.envs.mario_env",
    "DEFAULT_REWARD": "mariogen.envs.mario_env",
    "DiscreteActions": "mariogen.envs.actions",
    "FlatObservation": "mariogen.envs.flatten",
    "ACTION_SETS": "mariogen.envs.actions",
    "PersonaReward": "mariogen.envs.rewards",
    "RewardCard": "mariogen.envs.rewards",
    "ObservationSpec": "mariogen.engine.interface",
    "STAT_NAMES": "mariogen.engine.stats",
    "TERMS": "mariogen.envs.kernel",  # the reward terms: STAT_NAMES
    "MARIO_FEATURES": "mariogen.engine.observation",
}

__all__ = ["ENV_ID", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
