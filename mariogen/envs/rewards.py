"""Persona reward wrappers: the reward a persona card's ``[reward]`` table describes.

Every wrapper computes ``reward = sum(weight[term] * term)`` over the terms the environment
tallies each step (:data:`~mariogen.envs.kernel.TERMS`); the weights come from the persona
card (``agents/NAME.toml``, loaded by :func:`mariogen.agents.personas.load_card`). The terms:

==============  ===============================================================================
term            value of one step
==============  ===============================================================================
progress        pixels Mario moved right (negative when he moves left)
time            game-loop iterations run (``frame_skip``, fewer when the game ended)
coins           coins collected (coin tiles, coin blocks, coin bricks, fire flowers when fire)
coin_blocks     blocks bumped open: ``?``/coin blocks, coin and item bricks, hidden blocks
kills           enemies killed by any cause: stomp, fireball, shell, or falling out
kills_stomp     enemies stomped
kills_fire      enemies killed by a fireball
kills_shell     enemies killed by a kicked shell
kills_fall      enemies that fell out of the level
jumps           jumps started
hurts           times Mario was hurt
powerups        mushrooms and fire flowers collected
bricks          bricks broken
death           1 on the step Mario dies (falls or is hurt while small)
win             1 on the step Mario reaches the exit
timeout         1 on the step time runs out
==============  ===============================================================================

Event-based terms (kills, coin blocks, jumps, hurts, power-ups, bricks) count each event once,
without the framework's repeats on pause iterations.

Example:
    >>> env = KillerReward(gymnasium.make("mariogen/Mario-v0"))              # doctest: +SKIP
    >>> env = PersonaReward(gymnasium.make("mariogen/Mario-v0"), "agents/my-persona.toml")
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gymnasium
from gymnasium.core import ActType, ObsType

from mariogen.agents.personas import PersonaCard, PersonaCardError, load_card
from mariogen.envs.kernel import TERMS
from mariogen.envs.mario_env import MarioEnv, term_weights


class PersonaReward(gymnasium.Wrapper):
    """Rewards a persona's way of playing: the weighted terms of its card's ``[reward]`` table.

    The wrapper also puts the persona's name in the HUD of rendered frames and adds
    ``info["reward_terms"]``, the step's term values by name (for terms with a weight).

    Args:
        env: a ``mariogen/Mario-v0`` environment (possibly wrapped).
        card_or_name: a :class:`~mariogen.agents.personas.PersonaCard`, a persona name
            (``"collector"``) or a path to a card (``"agents/collector.toml"``).

    Attributes:
        card: the persona card.
        weights: the reward weights by term name.

    Raises:
        PersonaCardError: for an unknown persona or a card with an unknown reward term, or
            without a ``[reward]`` table.
        TypeError: when ``env`` is not a mariogen environment.
    """

    def __init__(self, env: gymnasium.Env, card_or_name: PersonaCard | str | Path) -> None:
        super().__init__(env)
        if not isinstance(env.unwrapped, MarioEnv):
            raise TypeError(f"PersonaReward needs a mariogen environment, not {env.unwrapped!r}")
        card = card_or_name if isinstance(card_or_name, PersonaCard) else load_card(card_or_name)
        if not card.reward:
            raise PersonaCardError(f"{card.path or card.name}: the card has no [reward] table")
        try:
            self._vector = term_weights(card.reward)
        except ValueError as exc:
            raise PersonaCardError(f"{card.path or card.name}: [reward] {exc}") from None
        self.card = card
        self.weights = dict(card.reward)
        self._used = [(name, TERMS.index(name)) for name in card.reward]
        self._mario: MarioEnv = env.unwrapped
        self._mario.hud_label = card.name

    def step(self, action: ActType) -> tuple[ObsType, float, bool, bool, dict[str, Any]]:
        """Step the environment; the reward is the persona's weighted sum of the step's terms."""
        obs, _, terminated, truncated, info = self.env.step(action)
        terms = self._mario.terms
        info["reward_terms"] = {name: float(terms[i]) for name, i in self._used}
        return obs, float(self._vector @ terms), terminated, truncated, info


class RunnerReward(PersonaReward):
    """The runner's reward (``agents/runner.toml``): progress, a time cost, death and win."""

    def __init__(self, env: gymnasium.Env) -> None:
        super().__init__(env, "runner")


class CollectorReward(PersonaReward):
    """The collector's reward (``agents/collector.toml``): coins and coin blocks, progress."""

    def __init__(self, env: gymnasium.Env) -> None:
        super().__init__(env, "collector")


class KillerReward(PersonaReward):
    """The killer's reward (``agents/killer.toml``): kills by any cause, progress."""

    def __init__(self, env: gymnasium.Env) -> None:
        super().__init__(env, "killer")
