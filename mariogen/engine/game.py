"""The engine's Python API: :class:`Game`, a forward model over the compiled world."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mariogen.engine import layout as L
from mariogen.engine.layout import Button, EventType, Status, UpdateKind
from mariogen.engine.observation import observe, observe_merged
from mariogen.engine.stats import GameResult, result_of
from mariogen.engine.world import settle_clone
from mariogen.engine.world import step as _step
from mariogen.engine.world import world_update as _world_update
from mariogen.level import Level, SpriteType

START_MODES = {"small": 0, "large": 1, "fire": 2}
_KINDS = tuple(UpdateKind)


@dataclass(frozen=True)
class Event:
    """One game event (ENGINE_SPEC §12.1): Mario's position and mode when it happened."""

    type: EventType
    param: int
    x: float
    y: float
    mario_mode: int
    tick: int


@dataclass(frozen=True)
class Sprite:
    """A sprite of the world's list, in list order."""

    type: SpriteType
    x: float
    y: float
    xa: float
    ya: float
    facing: int
    origin: int


@dataclass(frozen=True)
class MarioState:
    """Mario's state after the latest update."""

    x: float
    y: float
    xa: float
    ya: float
    mode: int
    on_ground: bool
    may_jump: bool
    facing: int
    ducking: bool
    jump_time: int
    invulnerable: int
    alive: bool

    @property
    def can_jump_higher(self) -> bool:
        """Whether holding JUMP still raises Mario (the framework's ``canJumpHigher``)."""
        return self.jump_time > 0


def parse_mode(mode: int | str) -> int:
    """Start mode as 0 small, 1 large, 2 fire, from an int or a name."""
    if isinstance(mode, str):
        if mode not in START_MODES:
            raise ValueError(f"unknown start mode {mode!r}; expected one of {list(START_MODES)}")
        return START_MODES[mode]
    if mode not in (0, 1, 2):
        raise ValueError(f"start mode must be 0, 1 or 2, not {mode!r}")
    return int(mode)


def _screen(centre: str) -> bool:
    if centre not in ("mario", "screen"):
        raise ValueError(f"centre must be 'mario' or 'screen', not {centre!r}")
    return centre == "screen"


def level_constants(level: Level) -> np.ndarray:
    """The read-only per-level array the compiled world reads templates from.

    Layout: template sprite type per cell (row-major), the template's number per cell (or
    -1), then per column whether it holds any template (the spawn pass skips the others).
    """
    templates = level.templates.astype(np.int32).ravel()
    index = np.full(templates.shape, -1, dtype=np.int32)
    cells = np.flatnonzero(templates)
    index[cells] = np.arange(cells.size, dtype=np.int32)
    columns = level.templates.any(axis=0).astype(np.int32)
    constants = np.concatenate([templates, index, columns])
    constants.setflags(write=False)
    return constants


def initial_state(level: Level, mode: int, time_limit_s: float) -> np.ndarray:
    """The state buffer of a new world, before its initial update (ENGINE_SPEC §5 steps 1-4)."""
    n_templates = int(np.count_nonzero(level.templates))
    s = np.zeros(L.state_size(level.width, level.height, n_templates), dtype=np.int32)
    f = s.view(np.float32)
    s[L.W_STATUS] = Status.RUNNING
    s[L.W_TIMER] = int(1000 * time_limit_s)
    s[L.W_WIDTH], s[L.W_HEIGHT] = level.width, level.height
    s[L.W_EXIT_X], s[L.W_EXIT_Y] = level.exit
    s[L.W_START_X], s[L.W_START_Y] = level.mario_start
    s[L.W_NTEMPL] = n_templates
    s[L.W_TILES] = L.LAST_SPAWN + n_templates
    s[L.LAST_SPAWN : L.LAST_SPAWN + n_templates] = -40
    packed = np.zeros(4 * L.tile_words(level.width, level.height), dtype=np.uint8)
    packed[: level.width * level.height] = level.tiles.ravel()
    s[s[L.W_TILES] :] = packed.view("<i4")
    m = L.MARIO
    s[m + L.K_TYPE] = SpriteType.MARIO
    s[m + L.K_ALIVE] = 1
    f[m + L.K_X] = np.float32(16 * level.mario_start[0] + 8)
    f[m + L.K_Y] = np.float32(16 * level.mario_start[1] + 15)
    s[m + L.K_W], s[m + L.K_H] = 4, 24
    s[m + L.K_FACING] = 1
    s[m + L.K_CODE] = L.NO_CODE
    s[m + L.M_LARGE] = int(mode > 0)
    s[m + L.M_FIRE] = int(mode > 1)
    f[m + L.M_XJUMP_START] = np.float32(-100)
    s[L.L_LIST] = m
    s[L.W_NSPR] = 1
    f[L.ST_XJUMP_START] = np.float32(-100)
    s[L.ST_AIR_START] = -100
    return s


class Game:
    """A running game: the world state plus the game loop's statistics.

    ``Game.new`` runs the initial no-op update, like the framework's game loop; every
    ``step`` is one loop iteration (a normal, pause or time-out update, whose events are
    added to the statistics as the framework does). ``clone`` is a cheap array copy with
    the framework's clone semantics, so a planner can search from it.
    """

    __slots__ = ("_fresh", "_lvl", "_state", "level")

    def __init__(self, state: np.ndarray, constants: np.ndarray, level: Level) -> None:
        self._state = state
        self._lvl = constants
        self.level = level
        self._fresh = False

    @classmethod
    def new(cls, level: Level, mode: int | str = 0, time_limit_s: float = 20) -> Game:
        """Start a game on ``level`` with Mario small (0), large (1) or fire (2).

        Args:
            level: the level to play.
            mode: start mode, an int or ``"small"``, ``"large"``, ``"fire"``.
            time_limit_s: the time limit in seconds; 0 or less means unlimited.
        """
        game = cls(
            initial_state(level, parse_mode(mode), time_limit_s), level_constants(level), level
        )
        _world_update(game._state, game._lvl, 0)
        return game

    def step(self, buttons: int | Button = Button.NONE) -> UpdateKind:
        """Run one game-loop iteration with the given buttons; returns what the update did."""
        if self._fresh:
            self._settle()
        return _KINDS[_step(self._state, self._lvl, int(buttons))]

    def clone(self) -> Game:
        """An independent copy, with the framework's clone semantics (ENGINE_SPEC §15).

        The clone's fix-ups (an empty event list, Mario's position rounded through his
        constructor) are applied on its first use, so an unused clone costs one array copy.
        """
        game = Game.__new__(Game)
        game._state, game._lvl, game.level = self._state.copy(), self._lvl, self.level
        game._fresh = True
        return game

    def _settle(self) -> None:
        self._fresh = False
        settle_clone(self._state)

    @property
    def state(self) -> np.ndarray:
        """The int32 state buffer (see :mod:`mariogen.engine.layout`), fix-ups applied.

        Compiled code may step it with :func:`mariogen.engine.world.step`; copies of it are
        clones once ``W_CLONED`` is set to 1 in them.
        """
        if self._fresh:
            self._settle()
        return self._state

    # --- read access ------------------------------------------------------------------------
    def _settled(self) -> tuple[np.ndarray, np.ndarray]:
        """The state and its float view, with a pending clone fix-up applied first."""
        s = self.state
        return s, s.view(np.float32)

    def observation(
        self, scene_detail: int = 1, enemy_detail: int = 0, centre: str = "mario"
    ) -> tuple[np.ndarray, np.ndarray]:
        """The 16 x 16 scene and enemy grids of ENGINE_SPEC §14, indexed ``[column][row]``.

        Args:
            scene_detail: tile generalisation level 0, 1 or 2 (§14.3).
            enemy_detail: sprite generalisation level 0, 1 or 2 (§14.4).
            centre: ``"mario"`` for Mario-centred grids, ``"screen"`` for screen-centred ones.
        """
        return observe(self._settled()[0], scene_detail, enemy_detail, _screen(centre))

    def merged_observation(
        self, scene_detail: int = 1, enemy_detail: int = 0, centre: str = "mario"
    ) -> np.ndarray:
        """The framework's merged grid: tiles with non-zero sprite codes written over them."""
        return observe_merged(self._settled()[0], scene_detail, enemy_detail, _screen(centre))

    def result(self) -> GameResult:
        """The statistics of the play so far (ENGINE_SPEC §13.1)."""
        return result_of(self._settled()[0])

    @property
    def constants(self) -> np.ndarray:
        """The read-only level constants shared by clones (for compiled agents)."""
        return self._lvl

    @property
    def status(self) -> Status:
        """Current game status."""
        return Status(int(self._state[L.W_STATUS]))

    @property
    def running(self) -> bool:
        """Whether the game is still running."""
        return int(self._state[L.W_STATUS]) == Status.RUNNING

    @property
    def tick(self) -> int:
        """Non-paused updates so far (1 after the initial update)."""
        return int(self._state[L.W_TICK])

    @property
    def timer_ms(self) -> int:
        """Remaining time in milliseconds."""
        return int(self._state[L.W_TIMER])

    @property
    def pause_ticks(self) -> int:
        """Frozen updates still to come."""
        return int(self._state[L.W_PAUSE])

    @property
    def coins(self) -> int:
        """Coins collected."""
        return int(self._state[L.W_COINS])

    @property
    def lives(self) -> int:
        """Lives gained."""
        return int(self._state[L.W_LIVES])

    @property
    def camera_x(self) -> float:
        """Camera x in pixels, as set by the latest update."""
        return float(self._state.view(np.float32)[L.W_CAMX])

    @property
    def overflow(self) -> bool:
        """True if the sprite table or the event list ever overflowed (results then diverge)."""
        return bool(self._state[L.W_OVERFLOW])

    @property
    def tiles(self) -> np.ndarray:
        """The current tile grid, shape (16, width); a read-only view."""
        s = self._state
        start = int(s[L.W_TILES])
        width, height = self.level.width, self.level.height
        view = s[start : start + L.tile_words(width, height)].view(np.uint8)
        view = view[: width * height].reshape(height, width)
        view.flags.writeable = False
        return view

    @property
    def mario(self) -> MarioState:
        """Mario's state."""
        (s, f), m = self._settled(), L.MARIO
        return MarioState(
            x=float(f[m + L.K_X]),
            y=float(f[m + L.K_Y]),
            xa=float(f[m + L.K_XA]),
            ya=float(f[m + L.K_YA]),
            mode=int(s[m + L.M_LARGE]) + int(s[m + L.M_FIRE]),
            on_ground=bool(s[m + L.K_ON_GROUND]),
            may_jump=bool(s[m + L.M_MAY_JUMP]),
            facing=int(s[m + L.K_FACING]),
            ducking=bool(s[m + L.M_DUCKING]),
            jump_time=int(s[m + L.M_JUMP_TIME]),
            invulnerable=int(s[m + L.M_INVULNERABLE]),
            alive=bool(s[m + L.K_ALIVE]),
        )

    @property
    def events(self) -> list[Event]:
        """The events of the latest non-paused update (the framework's ``lastFrameEvents``)."""
        s, f = self._settled()
        out = []
        for i in range(int(s[L.W_NEV])):
            e = L.EV_BASE + i * L.EV_FIELDS
            out.append(
                Event(
                    type=EventType(int(s[e + L.E_TYPE])),
                    param=int(s[e + L.E_PARAM]),
                    x=float(f[e + L.E_X]),
                    y=float(f[e + L.E_Y]),
                    mario_mode=int(s[e + L.E_MODE]),
                    tick=int(s[e + L.E_TIME]),
                )
            )
        return out

    @property
    def sprites(self) -> list[Sprite]:
        """The world's sprite list in update order (Mario last while he is in it)."""
        s, f = self._settled()
        out = []
        for i in range(int(s[L.W_NSPR])):
            b = int(s[L.L_LIST + i])
            out.append(
                Sprite(
                    type=SpriteType(int(s[b + L.K_TYPE])),
                    x=float(f[b + L.K_X]),
                    y=float(f[b + L.K_Y]),
                    xa=float(f[b + L.K_XA]),
                    ya=float(f[b + L.K_YA]),
                    facing=int(s[b + L.K_FACING]),
                    origin=int(s[b + L.K_CODE]),
                )
            )
        return out
