"""The engine's Python API: :class:`Game`, a forward model over the compiled world."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

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
#: int32 values per event in an event buffer (:func:`decode_events`).
EVENT_INTS = L.EV_FIELDS
#: The most events one update records.
MAX_EVENTS_PER_UPDATE = L.MAX_EVENTS
_KINDS = tuple(UpdateKind)
_EVENT_TYPES = {int(t): t for t in EventType}
_UPDATE = int(UpdateKind.UPDATE)
_MX, _MY = L.MARIO + L.K_X, L.MARIO + L.K_Y
_SPRITE_FIELDS = np.arange(max(L.K_TYPE, L.K_X, L.K_Y, L.K_W, L.K_H, L.K_FACING) + 1)


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


class SpriteTable(NamedTuple):
    """The world's sprite list as arrays, in update order (Mario included while listed).

    Attributes:
        type: int32 sprite types (:class:`~mariogen.level.SpriteType` values).
        x: float32 x of each sprite, px (the centre of its feet).
        y: float32 y of each sprite, px (its feet).
        half_width: int32 half the width of its tile-collision box, px.
        height: int32 height of its tile-collision box, px.
        facing: int32 -1 left, 1 right.
        is_mario: bool, true for Mario's entry.
    """

    type: np.ndarray
    x: np.ndarray
    y: np.ndarray
    half_width: np.ndarray
    height: np.ndarray
    facing: np.ndarray
    is_mario: np.ndarray


def event_buffer(n_updates: int) -> np.ndarray:
    """A zeroed int32 buffer that holds the events of ``n_updates`` updates."""
    return np.zeros(n_updates * MAX_EVENTS_PER_UPDATE * EVENT_INTS, dtype=np.int32)


def decode_events(ints: np.ndarray, n: int) -> list[Event]:
    """The first ``n`` events of an event buffer (``EVENT_INTS`` int32 values each).

    Both the state's event list and the environment's step buffer use this encoding.

    Args:
        ints: int32 values, event after event (a slice of a state buffer, or a buffer
            that compiled code copied events into).
        n: the number of events to read (at most as many as ``ints`` holds).
    """
    end = min(int(n), len(ints) // EVENT_INTS) * EVENT_INTS
    if end <= 0:
        return []
    words = ints[:end]  # a slice of a 1-D buffer: contiguous, so it has a float view
    v, f = words.tolist(), words.view(np.float32).tolist()  # one conversion each
    return [
        Event(
            type=_EVENT_TYPES[v[e + L.E_TYPE]],
            param=v[e + L.E_PARAM],
            x=f[e + L.E_X],
            y=f[e + L.E_Y],
            mario_mode=v[e + L.E_MODE],
            tick=v[e + L.E_TIME],
        )
        for e in range(0, end, EVENT_INTS)
    ]


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

    __slots__ = ("_floats", "_fresh", "_lvl", "_state", "level")

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
        if self._fresh:
            self._settle()
        try:
            return self._state, self._floats
        except AttributeError:  # first float read: make the view once
            self._floats = self._state.view(np.float32)
            return self._state, self._floats

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
    def mario_xy(self) -> tuple[float, float]:
        """Mario's ``(x, y)`` in pixels (cheaper than :attr:`mario` for one position)."""
        if self._fresh:
            self._settle()
        try:
            f = self._floats
        except AttributeError:
            f = self._settled()[1]
        return float(f[_MX]), float(f[_MY])

    @property
    def mario_mode(self) -> int:
        """Mario's mode: 0 small, 1 large, 2 fire."""
        s = self._state
        return int(s[L.MARIO + L.M_LARGE] + s[L.MARIO + L.M_FIRE])

    @property
    def kills(self) -> int:
        """Enemies killed so far, by any cause (stomp, fireball, shell, fall)."""
        return int(self._state[L.ST_KILL_STOMP : L.ST_KILL_FALL + 1].sum())

    def is_state_of_level(self, state: np.ndarray) -> bool:
        """Whether ``state`` is a state buffer of this game's level (type, size, templates)."""
        s = self._state
        return (
            isinstance(state, np.ndarray)
            and state.dtype == s.dtype
            and state.shape == s.shape
            and int(state[L.W_WIDTH]) == self.level.width
            and int(state[L.W_HEIGHT]) == self.level.height
            and int(state[L.W_NTEMPL]) == int(s[L.W_NTEMPL])
        )

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
        s = self._settled()[0]
        n = int(s[L.W_NEV])
        return decode_events(s[L.EV_BASE : L.EV_BASE + n * EVENT_INTS], n) if n else []

    @property
    def has_events(self) -> bool:
        """Whether the latest iteration was a normal update that recorded events.

        False after a pause or time-out iteration, although :attr:`events` then still holds
        the previous update's events (which the statistics count again, ENGINE_SPEC §12.3),
        and for a fresh clone, whose event list starts empty.
        """
        s = self._state  # a fresh clone's list is empty once settled
        return bool(s[L.W_NEV]) and not self._fresh and s[L.W_LAST_KIND] == _UPDATE

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

    def sprite_table(self) -> SpriteTable:
        """The sprite list as arrays (:class:`SpriteTable`); cheaper than :attr:`sprites`."""
        s = self._settled()[0]
        slots = s[L.L_LIST : L.L_LIST + int(s[L.W_NSPR])]
        rows = s[slots[:, np.newaxis] + _SPRITE_FIELDS]  # one gather: a copy, (n, fields)
        floats = rows.view(np.float32)
        return SpriteTable(
            type=rows[:, L.K_TYPE],
            x=floats[:, L.K_X],
            y=floats[:, L.K_Y],
            half_width=rows[:, L.K_W],
            height=rows[:, L.K_H],
            facing=rows[:, L.K_FACING],
            is_mario=slots == L.MARIO,
        )
