"""``MarioEnv``: the Gymnasium environment over the tick-exact engine (``mariogen/Mario-v0``).

Example:
    >>> import gymnasium, mariogen                                        # doctest: +SKIP
    >>> env = gymnasium.make("mariogen/Mario-v0", level="levels/examples/pipe-garden.txt")
    >>> obs, info = env.reset(seed=0)                                     # doctest: +SKIP
    >>> obs, reward, terminated, truncated, info = env.step(env.action_space.sample())
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, ClassVar

import gymnasium
import numpy as np
from gymnasium import spaces

from mariogen.engine import Game, Status, parse_mode
from mariogen.engine.actions import ACTION_BUTTONS  # re-exported: the MultiBinary(5) order
from mariogen.engine.game import decode_events, event_buffer
from mariogen.engine.interface import ObservationSpec, exit_px, time_limit_ms
from mariogen.engine.observation import GRID, MARIO_FEATURES
from mariogen.engine.stats import stat_weights
from mariogen.envs.kernel import (
    C_COINS_TOTAL,
    C_ENEMIES_TOTAL,
    C_ENEMY_DETAIL,
    C_EXIT_PX,
    C_GRID,
    C_LIMIT_MS,
    C_SCENE_DETAIL,
    INFO_FLOATS,
    INFO_INTS,
    N_CONFIG,
    WORK_FLOATS,
    WORK_STATS,
    WORK_TERMS,
    step_env,
    work_arrays,
)
from mariogen.level import Level
from mariogen.replay import DEFAULT_TIME_LIMIT_S
from mariogen.resources import project_path

#: The level played when none is given (a small example level shipped with the repository).
DEFAULT_LEVEL = project_path("levels", "examples", "first-steps.txt")
#: Weights of the default reward: pixels of progress, a small cost per iteration, and a
#: penalty for dying (see ``envs/README.md`` for every term).
DEFAULT_REWARD: dict[str, float] = {"progress": 1.0, "time": -0.1, "death": -100.0}
#: Screen size of the ``rgb`` observation and of ``render()`` at scale 1 (the framework's).
SCREEN_PX = 256
OBS_TYPES = ("grid", "rgb")
_STATUSES = tuple(Status)
_ENDED = (int(Status.WIN), int(Status.LOSE))
_TIME_OUT = int(Status.TIME_OUT)
_NO_BUTTONS = np.zeros(len(ACTION_BUTTONS), dtype=np.int8)


def resolve_level(level: str | os.PathLike[str] | Level | None) -> Level:
    """A :class:`Level` from a level, a path to a level file, or level text.

    Args:
        level: a ``Level``; a path (``str`` or ``PathLike``); text of a level (a ``str`` with
            line breaks); ``None`` for :data:`DEFAULT_LEVEL`.

    Raises:
        LevelFormatError: for a missing file or text that is not a level.
    """
    if level is None:
        level = DEFAULT_LEVEL
    if isinstance(level, Level):
        return level
    if isinstance(level, str) and "\n" in level:
        return Level.from_text(level, source="<text>")
    return Level.read(level)


class MarioEnv(gymnasium.Env):
    """One level of Super Mario Bros on the tick-exact engine, as a Gymnasium environment.

    Observations (``obs_type``):

    - ``"grid"``: a ``Dict`` of ``scene`` and ``enemies``, the Mario-centred 16 x 16 grids of
      ENGINE_SPEC §14 (``uint8``, indexed ``[column][row]``, Mario at ``[8][8]``), and ``mario``,
      Mario's state vector (``float32``, features :data:`MARIO_FEATURES`, clipped to bounds);
    - ``"rgb"``: the game screen as drawn by :mod:`mariogen.render.frame`, ``uint8`` 256 x 256 x 3.

    Actions: ``MultiBinary(5)``, the buttons LEFT, RIGHT, DOWN, SPEED, JUMP (see
    :class:`~mariogen.envs.DiscreteActions` for named discrete action sets). One step runs
    ``frame_skip`` game-loop iterations with the same buttons.

    Reward: a weighted sum of the terms of :data:`~mariogen.envs.kernel.TERMS`, the statistics
    of :mod:`mariogen.engine.stats` (a step's terms are the statistics after it minus those
    before it), by default :data:`DEFAULT_REWARD` (progress in pixels, a small time cost, a
    death penalty).
    ``terminated`` is true on a win or a loss, ``truncated`` when time runs out.
    ``info`` holds the step's events (``events``: a list of :class:`~mariogen.engine.Event`)
    and the running statistics of the play (``coins``, ``kills``, ``completion`` ...);
    ``status`` is the status's name (``"RUNNING"``, ``"WIN"``, ``"LOSE"``, ``"TIME_OUT"``,
    as replays and ``GameResult.to_dict`` write it).

    Planners reach the engine through ``env.unwrapped.game`` and can save and restore the
    whole state with :meth:`get_state` / :meth:`set_state`.

    Args:
        level: a path to a level file, a ``Level``, or level text; default: an example level.
        start_mode: Mario's start mode, ``"small"``, ``"large"``, ``"fire"`` (or 0, 1, 2).
        time_limit_s: the game's time limit in seconds (the framework's default is 20).
        frame_skip: game-loop iterations per step (at least 1).
        obs_type: ``"grid"`` or ``"rgb"``.
        render_mode: ``None``, ``"rgb_array"`` or ``"human"`` (a window at 30 fps).
        scene_detail: tile generalisation of the scene grid, 0, 1 or 2 (§14.3).
        enemy_detail: sprite generalisation of the enemy grid, 0, 1 or 2 (§14.4).
        reward_weights: weights of the reward terms; default :data:`DEFAULT_REWARD`.
        render_scale: size of rendered frames (1 = 256 px); default 1, or 2 for ``"human"``.
        hud_label: a name shown in the HUD of rendered frames (a persona's, say).

    Raises:
        ValueError: for a bad option value; LevelFormatError for a bad level.
    """

    metadata: ClassVar[dict[str, Any]] = {"render_modes": ["rgb_array", "human"], "render_fps": 30}

    def __init__(
        self,
        level: str | os.PathLike[str] | Level | None = None,
        start_mode: int | str = "small",
        time_limit_s: float = DEFAULT_TIME_LIMIT_S,
        frame_skip: int = 1,
        obs_type: str = "grid",
        render_mode: str | None = None,
        *,
        scene_detail: int = 1,
        enemy_detail: int = 0,
        reward_weights: Mapping[str, float] | None = None,
        render_scale: float | None = None,
        hud_label: str = "",
    ) -> None:
        _check_options(obs_type, render_mode, time_limit_s)
        spec = ObservationSpec(scene_detail, enemy_detail, frame_skip)  # checks the three
        self.level = resolve_level(level)
        self.start_mode = parse_mode(start_mode)
        self.time_limit_s = float(time_limit_s)
        self.frame_skip = spec.frame_skip
        self.obs_type = obs_type
        self.render_mode = render_mode
        self.scene_detail, self.enemy_detail = spec.scene_detail, spec.enemy_detail
        self.render_scale = float(render_scale or (2.0 if render_mode == "human" else 1.0))
        self.hud_label = hud_label
        self.reward_weights = dict(DEFAULT_REWARD if reward_weights is None else reward_weights)
        self._weights = term_weights(self.reward_weights)
        self.action_space = spaces.MultiBinary(len(ACTION_BUTTONS))
        self.observation_space: spaces.Space[Any] = (
            spec.space() if obs_type == "grid" else _rgb_space()
        )
        self._events = event_buffer(self.frame_skip)
        self._work, self._ints = work_arrays(self._weights, [0] * N_CONFIG)
        #: The reward terms of the latest step, in the order of ``TERMS`` (for wrappers).
        self.terms = self._work[WORK_TERMS:WORK_STATS]
        #: The statistics of the play after the latest step (``TERMS`` order), as
        #: :func:`mariogen.engine.stats.fill_stats` writes them.
        self.stats = self._work[WORK_STATS:WORK_FLOATS]
        self._renderer: Any = None
        self._window: Any = None
        self._new_game()

    # --- the Gymnasium API ------------------------------------------------------------------
    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[Any, dict[str, Any]]:
        """Start a new play of the level.

        Args:
            seed: reseeds ``self.np_random`` (the engine itself is deterministic).
            options: ``{"level": ..., "start_mode": ...}`` switch the level or start mode
                for this and later episodes.

        Returns:
            The first observation and the info dict.
        """
        super().reset(seed=seed)
        for key, value in (options or {}).items():
            if key == "level":
                self.level = resolve_level(value)
                self._renderer = None
            elif key == "start_mode":
                self.start_mode = parse_mode(value)
            else:
                raise ValueError(f"unknown reset option {key!r}; expected 'level', 'start_mode'")
        self._new_game()
        obs, _, _, _, info = self._step(_NO_BUTTONS, 0)
        if self.render_mode == "human":
            self.render()
        return obs, info

    def step(self, action: Any) -> tuple[Any, float, bool, bool, dict[str, Any]]:
        """Press the buttons of ``action`` for ``frame_skip`` iterations.

        Args:
            action: 5 values (LEFT, RIGHT, DOWN, SPEED, JUMP); non-zero means pressed.

        Returns:
            ``(observation, reward, terminated, truncated, info)``.
        """
        action = np.asarray(action)
        if action.shape != (len(ACTION_BUTTONS),):
            raise ValueError(f"action must have 5 button values, not shape {action.shape}")
        return self._step(action, self.frame_skip)

    def _step(self, action: np.ndarray, repeat: int) -> tuple[Any, float, bool, bool, dict]:
        grids = np.zeros((2, GRID, GRID), dtype=np.uint8)
        mario = np.empty(len(MARIO_FEATURES), dtype=np.float32)
        reward, n_events = step_env(
            self._state,
            self._lvl,
            action,
            repeat,
            self._work,
            self._ints,
            self._events,
            grids,
            mario,
        )
        ints = self._ints[N_CONFIG:].tolist()
        info = dict(zip(INFO_INTS, ints, strict=True))
        info.update(zip(INFO_FLOATS, self._work[WORK_FLOATS:].tolist(), strict=True))
        status = ints[0]
        info["status"] = _STATUSES[status].name
        info["events"] = decode_events(self._events, n_events) if n_events else []
        if self.obs_type == "grid":
            obs: Any = {"scene": grids[0], "enemies": grids[1], "mario": mario}
        else:
            obs = self._frame_renderer(scale=1.0).array(self.game, None)
        if repeat and self.render_mode == "human":
            self.render()
        return obs, reward, status in _ENDED, status == _TIME_OUT, info

    def render(self) -> np.ndarray | None:
        """The current frame with a HUD (``"rgb_array"``), or draw it in the window (``"human"``).

        Returns:
            A ``uint8`` (H, W, 3) array for ``"rgb_array"``; ``None`` otherwise.
        """
        if self.render_mode is None:
            gymnasium.logger.warn("render() called without a render_mode; nothing drawn")
            return None
        from mariogen.render.frame import hud_for

        hud = hud_for(self.game, self.hud_label)
        if self.render_mode == "rgb_array":
            return self._frame_renderer().array(self.game, hud)
        if self._window is None:
            from mariogen.render.window import GameWindow

            self._window = GameWindow("mariogen", self._screen_size(), strict=False)
        self._window.show(self._frame_renderer().draw(self.game, hud))
        self._window.poll()
        self._window.tick(self.metadata["render_fps"])
        return None

    def close(self) -> None:
        """Close the window, if any; safe to call more than once."""
        if self._window is not None:
            self._window.close()
            self._window = None

    # --- forward model access ---------------------------------------------------------------
    @property
    def game(self) -> Game:
        """The engine's :class:`~mariogen.engine.Game` of the current play (a forward model)."""
        return self._game

    def observation_spec(self, action_set: str = "simple") -> ObservationSpec:
        """The observation contract of this environment's grid observation.

        A policy trained here stores it (:meth:`ObservationSpec.to_dict`) and encodes the
        games it plays with it (:meth:`ObservationSpec.encode`), seeing the same arrays.

        Args:
            action_set: the discrete action set the policy uses (see ``DiscreteActions``).
        """
        return ObservationSpec(self.scene_detail, self.enemy_detail, self.frame_skip, action_set)

    def get_state(self) -> np.ndarray:
        """A copy of the whole game state (the engine's state buffer)."""
        return self._state.copy()

    def set_state(self, state: np.ndarray) -> None:
        """Restore a state from :meth:`get_state` (of this env's current level).

        Raises:
            ValueError: for an array that is not a state buffer of this level.
        """
        state = np.asarray(state)
        if state.dtype != np.int32 or state.shape != self._state.shape:
            raise ValueError(
                f"not a state of this level: expected int32 {self._state.shape}, "
                f"got {state.dtype} {state.shape}"
            )
        if not self._game.is_state_of_level(state):
            raise ValueError("not a state of this level: the level's size differs")
        np.copyto(self._state, state)

    # --- internals --------------------------------------------------------------------------
    def _new_game(self) -> None:
        self._game = Game.new(self.level, self.start_mode, self.time_limit_s)
        self._state = self._game.state
        self._lvl = self._game.constants
        config = self._ints
        config[C_GRID] = int(self.obs_type == "grid")
        config[C_SCENE_DETAIL], config[C_ENEMY_DETAIL] = self.scene_detail, self.enemy_detail
        config[C_LIMIT_MS] = time_limit_ms(self.time_limit_s)
        config[C_EXIT_PX] = exit_px(self.level)
        config[C_COINS_TOTAL] = self.level.total_coins
        config[C_ENEMIES_TOTAL] = self.level.enemy_count

    def _screen_size(self) -> tuple[int, int]:
        side = round(SCREEN_PX * self.render_scale)
        return side, side

    def _frame_renderer(self, scale: float | None = None) -> Any:
        from mariogen.render.frame import FrameRenderer

        scale = self.render_scale if scale is None else scale
        if self._renderer is None:
            self._renderer = {}
        if scale not in self._renderer:
            self._renderer[scale] = FrameRenderer(self.level, scale)
        return self._renderer[scale]


def term_weights(weights: Mapping[str, float], source: str = "reward weights") -> np.ndarray:
    """The weights of the named reward terms as a vector in the order of ``TERMS``.

    Args:
        weights: weight by term name (any of ``TERMS``; the others weigh 0).
        source: what the weights are, for the error message.

    Raises:
        ValueError: for a name that is not a reward term; the message names it and lists
            the known terms.
    """
    return stat_weights(dict(weights), source)


def _rgb_space() -> spaces.Box:
    return spaces.Box(0, 255, (SCREEN_PX, SCREEN_PX, 3), dtype=np.uint8)


def _check_options(obs_type: str, render_mode: str | None, time_limit_s: float) -> None:
    if obs_type not in OBS_TYPES:
        raise ValueError(f"obs_type must be one of {OBS_TYPES}, not {obs_type!r}")
    if render_mode not in (None, *MarioEnv.metadata["render_modes"]):
        raise ValueError(f"render_mode must be None, 'rgb_array' or 'human', not {render_mode!r}")
    if not time_limit_s > 0:
        raise ValueError(f"time_limit_s must be positive, not {time_limit_s!r}")
