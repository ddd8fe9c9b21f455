"""Persona reward wrappers: rewards as weights over the statistics vocabulary.

:class:`PersonaReward` computes ``reward = sum(weight[term] * term)`` over the terms the
environment computes each step (:data:`~mariogen.envs.kernel.TERMS`, the statistics of
:mod:`mariogen.engine.stats`: a step's terms are the statistics after it minus those before
it). The weights are plain numbers by term name, or a persona card's ``[reward]`` table
(:meth:`PersonaReward.from_card`). The terms:

==============  ===============================================================================
term            value of one step
==============  ===============================================================================
progress        pixels Mario moved right (negative when he moves left)
time            game-loop iterations run (``frame_skip``, fewer when the game ended)
coins           coins collected (coin tiles, coin blocks, coin bricks; a fire flower when fire)
coin_blocks     blocks bumped open: ``?``/coin blocks, coin and item bricks, hidden blocks
kills_stomp     enemies stomped
kills_fire      enemies killed by a fireball
kills_shell     enemies killed by a kicked shell
kills_fall      enemies knocked or fallen out of the level
kills           enemies killed by any cause (the four above)
jumps           jumps started
bricks          bricks broken (by large Mario)
powerups        mushrooms and fire flowers collected
kicks           shells kicked
coin_rate       coins collected over the coins the level offers
kill_rate       kills over the enemies the level places
hurts           times Mario was hurt
mode            change of Mario's mode (0 small, 1 large, 2 fire): -1 for a hit, +1 a power-up
completion      change of Mario's x over the exit's x (progress as a fraction of the level)
death           1 on the step Mario dies (falls or is hurt while small)
win             1 on the step Mario reaches the exit
timeout         1 on the step time runs out
==============  ===============================================================================

Event-based terms (coin blocks, kills, jumps, bricks, power-ups, kicks, hurts and the kill
rate) count events as the framework's ``MarioResult`` does (ENGINE_SPEC §12.3): the events of
the latest normal update count again on every pause and time-out iteration (a hurt or a
power-up freezes the game for 9 iterations, so one hit of large Mario adds 10 ``hurts``).

Example:
    >>> from mariogen.agents.personas import load_card                   # doctest: +SKIP
    >>> env = PersonaReward.from_card(gymnasium.make("mariogen/Mario-v0"), load_card("killer"))
    >>> env = PersonaReward(gymnasium.make("mariogen/Mario-v0"), {"coins": 10, "death": -100})
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import gymnasium
from gymnasium.core import ActType, ObsType

from mariogen.envs.kernel import TERMS
from mariogen.envs.mario_env import MarioEnv, term_weights


class RewardCard(Protocol):
    """Anything with a name and a ``[reward]`` table, such as a persona card.

    :class:`mariogen.agents.personas.PersonaCard` is one; the environment never imports it.
    """

    @property
    def name(self) -> str:
        """The persona's name (shown in the HUD)."""
        ...

    @property
    def reward(self) -> Mapping[str, float]:
        """Weight by reward term."""
        ...


class PersonaReward(gymnasium.Wrapper):
    """Rewards a way of playing: the weighted sum of the step's terms.

    The wrapper also puts ``label`` in the HUD of rendered frames and adds
    ``info["reward_terms"]``, the step's term values by name (for the terms with a weight).

    Args:
        env: a ``mariogen/Mario-v0`` environment (possibly wrapped).
        weights: weight by term name, any of :data:`~mariogen.envs.kernel.TERMS`.
        label: who is rewarded (a persona's name), shown in the HUD; empty for none.

    Attributes:
        weights: the reward weights by term name.
        label: the label.

    Raises:
        ValueError: for a name that is not a reward term (the message lists the known ones).
        TypeError: when ``env`` is not a mariogen environment.
    """

    def __init__(self, env: gymnasium.Env, weights: Mapping[str, float], label: str = "") -> None:
        super().__init__(env)
        if not isinstance(env.unwrapped, MarioEnv):
            raise TypeError(f"PersonaReward needs a mariogen environment, not {env.unwrapped!r}")
        source = f"reward weights of {label}" if label else "reward weights"
        self._vector = term_weights(weights, source)
        self.weights = dict(weights)
        self.label = label
        self._used = [(name, TERMS.index(name)) for name in self.weights]
        self._mario: MarioEnv = env.unwrapped
        if label:
            self._mario.hud_label = label

    @classmethod
    def from_card(cls, env: gymnasium.Env, card: RewardCard) -> PersonaReward:
        """The reward of a persona card's ``[reward]`` table, labelled with its name.

        Args:
            env: a ``mariogen/Mario-v0`` environment (possibly wrapped).
            card: any object with ``.name`` and ``.reward`` (a :class:`RewardCard`), e.g.
                ``mariogen.agents.personas.load_card("collector")``.

        Raises:
            ValueError: for a card without a ``[reward]`` table or with an unknown term.
        """
        if not card.reward:
            raise ValueError(f"{card.name}: the card has no [reward] table")
        return cls(env, card.reward, label=card.name)

    def step(self, action: ActType) -> tuple[ObsType, float, bool, bool, dict[str, Any]]:
        """Step the environment; the reward is the weighted sum of the step's terms."""
        obs, _, terminated, truncated, info = self.env.step(action)
        terms = self._mario.terms
        info["reward_terms"] = {name: float(terms[i]) for name, i in self._used}
        return obs, float(self._vector @ terms), terminated, truncated, info
