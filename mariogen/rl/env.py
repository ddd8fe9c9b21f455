"""The training environment: ``mariogen/Mario-v0`` on curriculum levels, seen as a policy sees it.

:func:`make_training_env` stacks, on the registered Gymnasium environment with the
observation contract of :data:`~mariogen.agents.policy.TRAINING_SPEC` (frame skip, grids):

- :class:`~mariogen.envs.DiscreteActions` over the spec's action set;
- :class:`CurriculumLevels`: each episode a new assembled level from the training seed
  stream, as long as the curriculum says, a play that stalls is cut short;
- the reward: the persona card's ``[reward]`` weights over the statistics vocabulary
  (:class:`~mariogen.envs.PersonaReward`), or for a conditioned run a dial drawn per episode
  (:class:`DialReward`);
- :class:`PolicyInput`: the grid observation as :func:`~mariogen.agents.policy.policy_features`
  encodes it, the dial appended; the raw observation is kept for the export's fixture.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import gymnasium
import numpy as np
from gymnasium import spaces

from mariogen.agents.policy import TRAINING_SPEC, policy_features
from mariogen.envs import DiscreteActions, PersonaReward
from mariogen.envs.kernel import TERMS
from mariogen.envs.mario_env import MarioEnv, term_weights
from mariogen.level.library import SegmentLibrary
from mariogen.rl.levels import curriculum_segments, training_level

#: The time limit of training plays (the project's default play time limit).
TIME_LIMIT_S = 20.0
#: A play is cut short after this many steps without ``STALL_PX`` more progress.
STALL_STEPS = 60
STALL_PX = 16.0
#: Dial values a conditioned run draws from, uniformly and independently per term.
DIAL_VALUES = (0.0, 0.25, 0.5, 0.75, 1.0)


@dataclass
class RunProgress:
    """How far the run is (shared by the environments of one process; set by the trainer).

    Attributes:
        share: timesteps done over the run's timesteps, 0..1.
        full_segments: segments of the longest curriculum levels.
    """

    share: float = 0.0
    full_segments: int = 8
    segments_seen: list[int] = field(default_factory=list)

    @property
    def segments(self) -> int:
        """Segments of the levels drawn now."""
        return curriculum_segments(self.share, self.full_segments)


class CurriculumLevels(gymnasium.Wrapper):
    """A new training level on every reset; stalled plays are truncated.

    Args:
        env: the wrapped environment.
        library: the segment library.
        seed: the run's seed (the training seed stream's second word).
        index: this environment's index in the vector.
        progress: the run's shared :class:`RunProgress`.
    """

    def __init__(
        self,
        env: gymnasium.Env,
        library: SegmentLibrary,
        seed: int,
        index: int,
        progress: RunProgress,
    ) -> None:
        super().__init__(env)
        self.library, self.seed, self.index, self.progress = library, seed, index, progress
        self.episode = 0
        self._best = 0.0
        self._since = 0

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None):
        """Start the next training level."""
        n = self.progress.segments
        level = training_level(self.library, self.seed, self.index, self.episode, n)
        self.episode += 1
        self._best, self._since = -np.inf, 0
        return self.env.reset(seed=seed, options={"level": level, **(options or {})})

    def step(self, action: Any):
        """Step; ``truncated`` also when Mario made no progress for :data:`STALL_STEPS`."""
        obs, reward, terminated, truncated, info = self.env.step(action)
        x = float(info["x"])
        self._since += 1
        if x >= self._best + STALL_PX:
            self._best, self._since = x, 0
        if self._since >= STALL_STEPS:
            truncated = True
        return obs, reward, terminated, truncated, info


class DialReward(gymnasium.Wrapper):
    """A conditioned run's reward: base weights plus each dial term's weights times its dial.

    The dial (one value per term of ``dial_weights``) is drawn per episode from
    :data:`DIAL_VALUES` with the environment's own generator, and is ``self.dial``.

    Args:
        env: the wrapped environment.
        base: weight by term, always paid.
        dial_weights: for each dial term, its weights by term at dial 1.
        seed: seed of the dial draws.
    """

    def __init__(
        self,
        env: gymnasium.Env,
        base: Mapping[str, float],
        dial_weights: Mapping[str, Mapping[str, float]],
        seed: int,
    ) -> None:
        super().__init__(env)
        self._base = term_weights(base, "base reward")
        self._dials = np.stack([term_weights(w, f"dial {t}") for t, w in dial_weights.items()])
        self.dial = np.zeros(len(dial_weights), dtype=np.float32)
        self._rng = np.random.default_rng(seed)
        self._vector = self._base
        self._mario: MarioEnv = env.unwrapped

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None):
        """Draw the episode's dial, then reset."""
        self.dial = self._rng.choice(DIAL_VALUES, size=len(self.dial)).astype(np.float32)
        self._vector = self._base + self.dial.astype(np.float64) @ self._dials
        return self.env.reset(seed=seed, options=options)

    def step(self, action: Any):
        """Step; the reward is the episode's weights over the step's terms."""
        obs, _, terminated, truncated, info = self.env.step(action)
        return obs, float(self._vector @ self._mario.terms), terminated, truncated, info


class PolicyInput(gymnasium.ObservationWrapper):
    """The policy's input vector (``policy_features``) instead of the grid observation.

    Args:
        env: the wrapped environment (a :class:`DialReward` below it gives the dial).
        n_dial: dial terms (0: not conditioned).
    """

    def __init__(self, env: gymnasium.Env, n_dial: int = 0) -> None:
        super().__init__(env)
        n = len(policy_features(TRAINING_SPEC.space().sample())) + n_dial
        self.observation_space = spaces.Box(-np.inf, np.inf, (n,), dtype=np.float32)
        self.n_dial = n_dial
        self.raw: dict[str, np.ndarray] = {}

    def _dial(self) -> np.ndarray | None:
        if not self.n_dial:
            return None
        env = self.env
        while not isinstance(env, DialReward):
            env = env.env
        return env.dial

    def observation(self, observation: dict[str, np.ndarray]) -> np.ndarray:
        """The input vector of ``observation``."""
        self.raw = observation
        return policy_features(observation, self._dial())


def make_training_env(
    reward: Mapping[str, float] | tuple[Mapping[str, float], Mapping[str, Mapping[str, float]]],
    library: SegmentLibrary,
    seed: int,
    index: int,
    progress: RunProgress,
    label: str = "",
) -> Callable[[], gymnasium.Env]:
    """A factory of one training environment (for a stable-baselines3 vector env).

    Args:
        reward: the persona's weights by term, or ``(base, dial_weights)`` for a conditioned
            run (see :class:`DialReward`).
        library: the segment library.
        seed: the run's seed.
        index: the environment's index.
        progress: the run's shared progress (curriculum).
        label: the persona's name.
    """

    def make() -> gymnasium.Env:
        spec = TRAINING_SPEC
        env = gymnasium.make(
            "mariogen/Mario-v0",
            time_limit_s=TIME_LIMIT_S,
            frame_skip=spec.frame_skip,
            scene_detail=spec.scene_detail,
            enemy_detail=spec.enemy_detail,
            disable_env_checker=True,
        )
        env = CurriculumLevels(env, library, seed, index, progress)
        env = DiscreteActions(env, spec.action_set)
        if isinstance(reward, tuple):
            base, dials = reward
            env = DialReward(env, base, dials, seed=hash((seed, index)) & 0xFFFFFFFF)
            return PolicyInput(env, n_dial=len(dials))
        env = PersonaReward(env, reward, label)
        return PolicyInput(env)

    return make


__all__ = ["TERMS", "CurriculumLevels", "DialReward", "PolicyInput", "RunProgress"]
