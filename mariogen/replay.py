"""Replays: a play stored as its buttons, re-simulated on load (``*.replay.json``).

The engine is deterministic, so a play is fully described by its level, Mario's start mode,
the time limit and the buttons of every game-loop iteration. A replay file stores those, the
agent and seed that played, and the final statistics; :meth:`Replay.read` checks the level's
hash, re-simulates the buttons and rejects the file (:class:`ReplayError`) unless the result
equals the recorded statistics.

File format (JSON, UTF-8, ``format_version`` 1)::

    {
      "format": "mariogen-replay",
      "format_version": 1,
      "mariogen_version": "0.1.0",
      "agent": "run-right",            # who played (an agent or persona name, "human")
      "seed": 0,                       # the agent's seed
      "start_mode": 0,                 # 0 small, 1 large, 2 fire
      "time_limit_s": 20.0,
      "level": {"name": "...", "sha256": "<hex of the text's UTF-8 bytes>", "text": "..."},
      "n_ticks": 312,                  # game-loop iterations = len(buttons)
      "buttons": "2222qqqq...",        # one base-32 digit per iteration (see below)
      "stats": {...}                   # GameResult.to_dict() of the final state
    }

``buttons`` holds one character per iteration: the digit ``0-9a-v`` of the packed buttons in
base 32, bit 0 LEFT, 1 RIGHT, 2 DOWN, 3 SPEED, 4 JUMP (``2`` = RIGHT, ``q`` = RIGHT + SPEED +
JUMP, ``0`` = nothing).

Example:
    >>> result = play("run-right", level)                                 # doctest: +SKIP
    >>> Replay.from_play(result, level).write("out/run.replay.json")
    >>> Replay.read("out/run.replay.json").stats["status"]
    'WIN'
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from mariogen.engine import Game, GameResult, parse_mode
from mariogen.errors import InputError
from mariogen.fileio import FileTooLargeError, atomic_write, read_bounded
from mariogen.level import Level, LevelFormatError
from mariogen.version import __version__

if TYPE_CHECKING:
    from mariogen.agents.play import PlayResult

FORMAT = "mariogen-replay"
FORMAT_VERSION = 1
#: The largest replay file read, in bytes.
MAX_REPLAY_BYTES = 4 * 1024 * 1024
#: The most iterations a replay may hold (about 8 hours of game time).
MAX_TICKS = 1_000_000
#: The longest time limit accepted, in seconds.
MAX_TIME_LIMIT_S = 36_000.0
#: The time limit of a play when none is given, in seconds (the framework's default): the
#: one default of play, evaluate, generate, the environment and recorded replays.
DEFAULT_TIME_LIMIT_S = 20.0
_DIGITS = "0123456789abcdefghijklmnopqrstuv"
_DIGIT_VALUE = {c: i for i, c in enumerate(_DIGITS)}
_REQUIRED_STATS = ("status", "completion", "ticks", "iterations", "coins", "kills_total")


class ReplayError(InputError):
    """A replay file that cannot be read, or whose re-simulation disagrees with it."""


def level_hash(text: str) -> str:
    """The sha256 hex digest of a level text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def encode_buttons(buttons: Sequence[int] | np.ndarray) -> str:
    """Packed buttons (0-31 each) as a string of base-32 digits, one per iteration."""
    return "".join(_DIGITS[int(b)] for b in buttons)


def decode_buttons(text: str) -> np.ndarray:
    """The packed buttons of a base-32 digit string.

    Raises:
        ValueError: for a character that is not a digit ``0-9a-v``.
    """
    try:
        return np.fromiter((_DIGIT_VALUE[c] for c in text), dtype=np.uint8, count=len(text))
    except KeyError as exc:
        position = text.index(exc.args[0])
        raise ValueError(
            f"buttons: {exc.args[0]!r} at iteration {position} is not a digit 0-9a-v"
        ) from None


@dataclass(frozen=True, eq=False)
class Replay:
    """A recorded play: everything needed to re-simulate it, and its final statistics.

    Attributes:
        level_text: the level's text, exactly as played.
        level_name: a label for the level (usually its file name).
        start_mode: Mario's start mode (0 small, 1 large, 2 fire).
        time_limit_s: the play's time limit in seconds.
        agent: who played (an agent or persona name, or ``"human"``).
        seed: the seed the agent was made with.
        buttons: packed buttons of every game-loop iteration (uint8).
        stats: the final statistics, :meth:`GameResult.to_dict` of the last state.
    """

    level_text: str
    level_name: str
    start_mode: int
    time_limit_s: float
    agent: str
    seed: int
    buttons: np.ndarray = field(repr=False)
    stats: dict[str, Any] = field(repr=False)

    # --- making replays ---------------------------------------------------------------------
    @classmethod
    def from_play(cls, play_result: PlayResult, level: Level) -> Replay:
        """The replay of a recorded play (``play(..., record=True)``) on ``level``.

        Raises:
            ValueError: when the play's buttons were not recorded.
        """
        buttons = np.asarray(play_result.buttons, dtype=np.uint8)
        if len(buttons) != play_result.iterations:
            raise ValueError("the play's buttons were not recorded; play with record=True")
        return cls(
            level_text=level.to_text(),
            level_name=level.name,
            start_mode=play_result.start_mode,
            time_limit_s=float(play_result.time_limit_s),
            agent=play_result.agent,
            seed=int(play_result.seed),
            buttons=buttons,
            stats=play_result.result.to_dict(),
        )

    @classmethod
    def record(
        cls,
        level: Level,
        buttons: Sequence[int] | np.ndarray,
        start_mode: int | str = 0,
        time_limit_s: float = DEFAULT_TIME_LIMIT_S,
        agent: str = "",
        seed: int = 0,
    ) -> Replay:
        """Simulate ``buttons`` on ``level`` and keep the result as a replay.

        Raises:
            ReplayError: when the game ends before the last button.
        """
        replay = cls(
            level_text=level.to_text(),
            level_name=level.name,
            start_mode=parse_mode(start_mode),
            time_limit_s=float(time_limit_s),
            agent=agent,
            seed=int(seed),
            buttons=np.asarray(buttons, dtype=np.uint8),
            stats={},
        )
        return replace(replay, stats=replay.simulate().result().to_dict())

    # --- properties -------------------------------------------------------------------------
    @property
    def n_ticks(self) -> int:
        """Game-loop iterations recorded (one frame each)."""
        return len(self.buttons)

    @property
    def level_sha256(self) -> str:
        """The sha256 of the level text."""
        return level_hash(self.level_text)

    def level(self) -> Level:
        """The level, parsed from the embedded text.

        Raises:
            ReplayError: when the embedded text is not a valid level.
        """
        try:
            return Level.from_text(self.level_text, source=self.level_name)
        except LevelFormatError as exc:
            raise ReplayError(f"the embedded level is not valid: {exc}") from None

    # --- simulation -------------------------------------------------------------------------
    def simulate(self, on_step: Callable[[Game, int], None] | None = None) -> Game:
        """Play the buttons again from the start; returns the final game.

        Args:
            on_step: called after every iteration with the game and the iteration's index.

        Raises:
            ReplayError: when the game ends before the last button.
        """
        game = Game.new(self.level(), self.start_mode, self.time_limit_s)
        for i, pressed in enumerate(self.buttons.tolist()):
            if not game.running:
                raise ReplayError(
                    f"the game ended ({game.status.name}) after {i} of {self.n_ticks} "
                    "recorded iterations; the buttons do not belong to this level"
                )
            game.step(pressed)
            if on_step is not None:
                on_step(game, i)
        return game

    def verify(self) -> GameResult:
        """Re-simulate and check the result against the recorded statistics.

        Returns:
            The re-simulated result.

        Raises:
            ReplayError: naming the statistics that differ.
        """
        result = self.simulate().result()
        got = result.to_dict()
        differ = [
            f"{key}: recorded {value!r}, re-simulation gives {got.get(key, 'nothing')!r}"
            for key, value in self.stats.items()
            if got.get(key) != value
        ]
        if differ:
            shown = "; ".join(differ[:3]) + ("; ..." if len(differ) > 3 else "")
            raise ReplayError(f"the re-simulation disagrees with the recorded statistics: {shown}")
        return result

    # --- files ------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """The replay as a JSON-ready dict (the file format)."""
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "mariogen_version": __version__,
            "agent": self.agent,
            "seed": self.seed,
            "start_mode": self.start_mode,
            "time_limit_s": self.time_limit_s,
            "level": {
                "name": self.level_name,
                "sha256": self.level_sha256,
                "text": self.level_text,
            },
            "n_ticks": self.n_ticks,
            "buttons": encode_buttons(self.buttons),
            "stats": self.stats,
        }

    def dumps(self) -> str:
        """The replay file's text."""
        return json.dumps(self.to_json(), indent=2) + "\n"

    def write(self, path: str | os.PathLike[str]) -> None:
        """Write the replay file atomically (a temporary file, then a rename)."""
        text = self.dumps()
        atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))

    @classmethod
    def read(cls, path: str | os.PathLike[str], verify: bool = True) -> Replay:
        """Read a replay file, check its level hash and (by default) re-simulate it.

        Raises:
            ReplayError: for a file that is too large, not a replay, tampered with, or whose
                re-simulation disagrees with its statistics; the message starts with the path.
        """
        try:
            data = read_bounded(path, MAX_REPLAY_BYTES)
        except OSError as exc:
            raise ReplayError(f"{path}: cannot read replay: {exc.strerror or exc}") from None
        except FileTooLargeError:
            too_large = f"larger than {MAX_REPLAY_BYTES} bytes; not a replay"
            raise ReplayError(f"{path}: {too_large}") from None
        try:
            return cls.loads(data.decode("utf-8"), verify=verify)
        except UnicodeDecodeError:
            raise ReplayError(f"{path}: not UTF-8 text; not a replay") from None
        except ReplayError as exc:
            raise ReplayError(f"{path}: {exc}") from None

    @classmethod
    def loads(cls, text: str, verify: bool = True) -> Replay:
        """Parse replay text (see :meth:`read`)."""
        if len(text) > MAX_REPLAY_BYTES:
            raise ReplayError(f"larger than {MAX_REPLAY_BYTES} bytes; not a replay")
        try:
            data = json.loads(text, parse_constant=_reject_constant)
        except (json.JSONDecodeError, RecursionError, ValueError) as exc:
            raise ReplayError(f"not valid JSON ({exc})") from None
        replay = _from_json(data)
        if verify:
            replay.verify()
        return replay


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed")


def _field(data: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = data.get(key)
    if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ReplayError(f"{key} must be {names}, not {value!r:.40}")
    return value


def _from_json(data: Any) -> Replay:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ReplayError(f'not a replay (expected "format": "{FORMAT}")')
    if data.get("format_version") != FORMAT_VERSION:
        raise ReplayError(
            f"unsupported format_version {data.get('format_version')!r} "
            f"(this mariogen reads version {FORMAT_VERSION})"
        )
    level = _field(data, "level", dict)
    text = _field(level, "text", str)
    if _field(level, "sha256", str) != level_hash(text):
        raise ReplayError("the level text does not match its sha256; the file was changed")
    mode = _field(data, "start_mode", int)
    if mode not in (0, 1, 2):
        raise ReplayError(f"start_mode must be 0, 1 or 2, not {mode}")
    limit = float(_field(data, "time_limit_s", (int, float)))
    if not 0 < limit <= MAX_TIME_LIMIT_S:
        raise ReplayError(f"time_limit_s must be in (0, {MAX_TIME_LIMIT_S:g}], not {limit}")
    digits = _field(data, "buttons", str)
    if len(digits) > MAX_TICKS:
        raise ReplayError(f"more than {MAX_TICKS} iterations")
    if _field(data, "n_ticks", int) != len(digits):
        raise ReplayError(f"n_ticks is {data['n_ticks']} but there are {len(digits)} buttons")
    try:
        buttons = decode_buttons(digits)
    except ValueError as exc:
        raise ReplayError(str(exc)) from None
    stats = _field(data, "stats", dict)
    missing = [key for key in _REQUIRED_STATS if key not in stats]
    if missing:
        raise ReplayError(f"stats lacks {', '.join(missing)}")
    replay = Replay(
        level_text=text,
        level_name=str(_field(level, "name", str)),
        start_mode=mode,
        time_limit_s=limit,
        agent=_field(data, "agent", str),
        seed=_field(data, "seed", int),
        buttons=buttons,
        stats=stats,
    )
    replay.level()  # a clear error for a bad embedded level, before any simulation
    return replay


def read_replay(path: str | os.PathLike[str], verify: bool = True) -> Replay:
    """Read and (by default) verify a replay file; see :meth:`Replay.read`."""
    return Replay.read(Path(path), verify=verify)
