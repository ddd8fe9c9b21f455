"""Replay reference traces of the Java engine and compare every recorded field.

The trace format is documented in ``shared/traces/README.md`` (format_version 1).
:func:`load_trace` checks a file's whole layout before anything is replayed, so a damaged
or hostile trace is a :class:`TraceFormatError` naming the file and the key, never another
exception.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from mariogen.engine import layout as L
from mariogen.engine.game import Game
from mariogen.errors import InputError
from mariogen.fileio import FileTooLargeError, read_bounded
from mariogen.level import Level

_F32_COLUMNS = ("x", "y", "xa", "ya", "cam_x")
_SCALAR_COLUMNS = (
    "kind",
    "mode",
    "on_ground",
    "may_jump",
    "status",
    "tick",
    "timer",
    "facing",
    "ducking",
    "jump_time",
    "invuln",
    "pause",
    "coins",
    "lives",
)
#: Trace result keys and the GameResult fields they hold (status, completion and max_x_jump
#: are compared apart: by name and by float32 bits).
RESULT_FIELDS = {
    "remaining_time": "remaining_time_ms",
    "mode": "mario_mode",
    "coins": "coins",
    "lives": "lives",
    "kills_total": "kills_total",
    "kills_stomp": "kills_stomp",
    "kills_fire": "kills_fire",
    "kills_shell": "kills_shell",
    "kills_fall": "kills_fall",
    "hurts": "hurts",
    "jumps": "jumps",
    "max_jump_air_time": "max_jump_air_time",
    "mushrooms": "mushrooms",
    "flowers": "flowers",
    "bricks_destroyed": "bricks_destroyed",
    "bump_question": "bump_question",
    "bump_brick": "bump_brick",
    "tile_coins": "tile_coins",
    "n_game_events": "game_events",
    "n_agent_events": "iterations",
}


class TraceFormatError(InputError):
    """A file that is not a reference trace of a supported format."""


@dataclass(frozen=True)
class TraceReport:
    """Outcome of replaying one trace."""

    name: str
    iterations: int
    mismatch: str | None

    @property
    def passed(self) -> bool:
        """True if every field matched."""
        return self.mismatch is None

    def line(self) -> str:
        """``PASS name ticks`` or ``FAIL name at iteration i: field expected/got``."""
        if self.passed:
            return f"PASS {self.name} {self.iterations}"
        return f"FAIL {self.name} {self.mismatch}"


#: The largest trace file read, compressed and decompressed, in bytes.
MAX_TRACE_BYTES = 64 * 1024 * 1024
#: The most loop iterations a trace may hold.
MAX_TRACE_TICKS = 1_000_000
#: Ints per record of the flat ``ev``, ``spr`` and ``tc`` lists (shared/traces/README.md).
RECORD_WIDTHS = {"ev": L.EV_FIELDS, "spr": 7, "tc": 3}
#: The per-iteration columns every trace has.
TICK_COLUMNS = (
    "act",
    *_F32_COLUMNS,
    *_SCALAR_COLUMNS,
    *(f"n_{n}" for n in RECORD_WIDTHS),
)
#: The keys of a trace's ``result`` and what they must be.
_RESULT_TYPES = {
    "status": str,
    "completion": str,
    "completion_bits": int,
    "max_x_jump": str,
    "max_x_jump_bits": int,
}


def load_trace(path: str | Path) -> dict[str, Any]:
    """Read a gzip-compressed JSON trace and check its layout (format_version 1).

    Raises:
        TraceFormatError: naming the file and what is wrong: not gzip, larger than
            :data:`MAX_TRACE_BYTES` (compressed or not), not JSON (with its line and column),
            or a missing key, a column of the wrong length, a value of the wrong type.
    """
    try:
        raw = read_bounded(path, MAX_TRACE_BYTES)
        decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        data = decompressor.decompress(raw, MAX_TRACE_BYTES + 1)
        if len(data) > MAX_TRACE_BYTES:
            raise FileTooLargeError(path)
        trace = json.loads(data.decode("utf-8"))
    except FileTooLargeError:
        raise TraceFormatError(f"{path}: larger than {MAX_TRACE_BYTES} bytes") from None
    except OSError as exc:
        raise TraceFormatError(f"{path}: cannot read trace ({exc.strerror or exc})") from None
    except (zlib.error, EOFError) as exc:
        raise TraceFormatError(f"{path}: not a gzip-compressed trace ({exc})") from None
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise TraceFormatError(f"{path}: not a JSON trace ({exc})") from None
    try:
        _check_trace(trace)
    except _TraceLayoutError as exc:
        raise TraceFormatError(f"{path}: {exc}") from None
    return trace


class _TraceLayoutError(ValueError):
    """What is wrong with a parsed trace (raised inside :func:`_check_trace`)."""


def _ints(value: Any, where: str, low: int = -(2**63), high: int = 2**63 - 1) -> list[int]:
    if not isinstance(value, list):
        raise _TraceLayoutError(f"{where} must be a list of whole numbers")
    for i, v in enumerate(value):
        if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high:
            raise _TraceLayoutError(f"{where}[{i}] must be a whole number in {low}..{high}")
    return value


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _TraceLayoutError(f"{where} must be an object")
    return value


def _check_trace(trace: Any) -> None:
    """Refuse a trace :func:`verify_trace` could not replay."""
    trace = _table(trace, "the trace")
    header = _table(trace.get("header"), "header")
    if header.get("format_version") != 1:
        raise _TraceLayoutError("unsupported trace format (expected format_version 1)")
    if not isinstance(header.get("level"), str) or not header["level"]:
        raise _TraceLayoutError("header.level must name the level file")
    if header.get("start_mode") not in (0, 1, 2) or isinstance(header.get("start_mode"), bool):
        raise _TraceLayoutError("header.start_mode must be 0, 1 or 2")
    limit = header.get("time_limit_s")
    if isinstance(limit, bool) or not isinstance(limit, int | float) or not 0 < limit <= 36000:
        raise _TraceLayoutError("header.time_limit_s must be a number in (0, 36000]")
    n = trace.get("n_ticks")
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_TRACE_TICKS:
        raise _TraceLayoutError(f"n_ticks must be a whole number in 0..{MAX_TRACE_TICKS}")
    init = _table(trace.get("init"), "init")
    tiles = init.get("tiles")
    if not isinstance(tiles, list) or not tiles:
        raise _TraceLayoutError("init.tiles must be a list of rows")
    for y, row in enumerate(tiles):
        _ints(row, f"init.tiles[{y}]", -32768, 32767)
        if len(row) != len(tiles[0]) or not row:
            raise _TraceLayoutError(f"init.tiles[{y}] is not as long as the first row")
    _check_ticks(_table(trace.get("ticks"), "ticks"), n, len(tiles[0]), len(tiles))
    result = _table(trace.get("result"), "result")
    for key, kind in {**_RESULT_TYPES, **dict.fromkeys(RESULT_FIELDS, int)}.items():
        value = result.get(key)
        if isinstance(value, bool) or not isinstance(value, kind):
            raise _TraceLayoutError(f"result.{key} must be {kind.__name__}")
        if kind is int and not -(2**31) <= value < 2**31:
            raise _TraceLayoutError(f"result.{key} must fit 32 bits")


def _check_ticks(ticks: dict[str, Any], n: int, width: int, height: int) -> None:
    for column in TICK_COLUMNS:
        low, high = (0, 31) if column == "act" else (-(2**31), 2**31 - 1)
        if column.startswith("n_"):
            low = 0
        if len(_ints(ticks.get(column), f"ticks.{column}", low, high)) != n:
            raise _TraceLayoutError(f"ticks.{column} must hold n_ticks ({n}) values")
    for name, record in RECORD_WIDTHS.items():
        values = _ints(ticks.get(name), f"ticks.{name}", -(2**31), 2**31 - 1)
        if len(values) != sum(ticks[f"n_{name}"]) * record:
            raise _TraceLayoutError(
                f"ticks.{name} must hold {record} values for each of the sum of ticks.n_{name}"
            )
    cells = ticks["tc"]
    for i in range(0, len(cells), 3):
        if not (0 <= cells[i] < width and 0 <= cells[i + 1] < height):
            raise _TraceLayoutError(
                f"ticks.tc[{i}]: cell ({cells[i]}, {cells[i + 1]}) is off the level"
            )


def _state_values(game: Game) -> dict[str, int]:
    s, m = game.state, L.MARIO
    return {
        "x": int(s[m + L.K_X]),
        "y": int(s[m + L.K_Y]),
        "xa": int(s[m + L.K_XA]),
        "ya": int(s[m + L.K_YA]),
        "cam_x": int(s[L.W_CAMX]),
        "kind": int(s[L.W_LAST_KIND]),
        "mode": int(s[m + L.M_LARGE]) + int(s[m + L.M_FIRE]),
        "on_ground": int(s[m + L.K_ON_GROUND]),
        "may_jump": int(s[m + L.M_MAY_JUMP]),
        "status": int(s[L.W_STATUS]),
        "tick": int(s[L.W_TICK]),
        "timer": int(s[L.W_TIMER]),
        "facing": int(s[m + L.K_FACING]),
        "ducking": int(s[m + L.M_DUCKING]),
        "jump_time": int(s[m + L.M_JUMP_TIME]),
        "invuln": int(s[m + L.M_INVULNERABLE]),
        "pause": int(s[L.W_PAUSE]),
        "coins": int(s[L.W_COINS]),
        "lives": int(s[L.W_LIVES]),
    }


def _events_ints(game: Game) -> list[int]:
    s = game.state
    n = int(s[L.W_NEV])
    return [int(v) for v in s[L.EV_BASE : L.EV_BASE + n * L.EV_FIELDS]]


def _sprites_ints(game: Game) -> list[int]:
    s = game.state
    out: list[int] = []
    for i in range(int(s[L.W_NSPR])):
        b = int(s[L.L_LIST + i])
        out += [int(s[b + k]) for k in (L.K_TYPE, L.K_X, L.K_Y, L.K_XA, L.K_YA, L.K_FACING)]
        out.append(int(s[b + L.K_CODE]))
    return out


def _first_difference(name: str, expected: list[int], got: list[int], width: int) -> str:
    for i in range(max(len(expected), len(got)) // width + 1):
        e, g = expected[i * width : (i + 1) * width], got[i * width : (i + 1) * width]
        if e != g:
            return f"{name}[{i}] {e or 'none'}/{g or 'none'}"
    return f"{name} {expected}/{got}"


def _compare_tick(
    game: Game, ticks: dict[str, list], t: int, offsets: dict[str, int]
) -> str | None:
    values = _state_values(game)
    for column in _F32_COLUMNS + _SCALAR_COLUMNS:
        expected = ticks[column][t]
        if values[column] != expected:
            if column in _F32_COLUMNS:
                e, g = (np.int32(v).view(np.float32) for v in (expected, values[column]))
                return f"{column} {e!r}/{g!r}"
            return f"{column} {expected}/{values[column]}"
    for name, width in (("ev", L.EV_FIELDS), ("spr", 7)):
        count = ticks[f"n_{name}"][t]
        expected = ticks[name][offsets[name] : offsets[name] + count * width]
        offsets[name] += count * width
        got = _events_ints(game) if name == "ev" else _sprites_ints(game)
        if got != expected:
            return _first_difference(name, expected, got, width)
    return None


def _apply_tile_changes(grid: np.ndarray, ticks: dict[str, list], t: int, offsets: dict) -> None:
    count = ticks["n_tc"][t]
    records = ticks["tc"][offsets["tc"] : offsets["tc"] + 3 * count]
    offsets["tc"] += 3 * count
    for i in range(count):
        tx, ty, tile = records[3 * i : 3 * i + 3]
        grid[ty, tx] = tile


def _compare_result(game: Game, expected: dict[str, Any]) -> str | None:
    result = game.result()
    if result.status.name != expected["status"]:
        return f"result.status {expected['status']}/{result.status.name}"
    checks = [("completion", expected["completion_bits"], result.completion)]
    checks.append(("max_x_jump", expected["max_x_jump_bits"], result.max_x_jump))
    for key, exp_bits, value in checks:
        got_bits = int(np.float32(value).view(np.int32))
        if got_bits != exp_bits:
            return f"result.{key} {expected[key]}/{np.float32(value)!r}"
    for key, attr in RESULT_FIELDS.items():
        if getattr(result, attr) != expected[key]:
            return f"result.{key} {expected[key]}/{getattr(result, attr)}"
    return None


def verify_trace(trace: dict[str, Any], level: Level, name: str = "trace") -> TraceReport:
    """Replay a trace's buttons on its level and compare every field, tick by tick."""
    header = trace["header"]
    game = Game.new(level, header["start_mode"], header["time_limit_s"])
    init = trace["init"]
    if not np.array_equal(game.tiles, np.asarray(init["tiles"])):
        return TraceReport(name, 0, "at init: tiles differ")
    ticks = trace["ticks"]
    offsets = {"ev": 0, "spr": 0, "tc": 0}
    grid = np.asarray(init["tiles"], dtype=np.int64)
    n = int(trace["n_ticks"])
    for t in range(n):
        game.step(ticks["act"][t])
        mismatch = _compare_tick(game, ticks, t, offsets)
        _apply_tile_changes(grid, ticks, t, offsets)
        if mismatch is None and not np.array_equal(game.tiles, grid):
            ty, tx = np.argwhere(game.tiles != grid)[0]
            mismatch = f"tile ({tx}, {ty}) {grid[ty, tx]}/{game.tiles[ty, tx]}"
        if mismatch is not None:
            return TraceReport(name, t, f"at iteration {t}: {mismatch}")
    mismatch = _compare_result(game, trace["result"])
    if mismatch is not None:
        return TraceReport(name, n, f"at end: {mismatch}")
    return TraceReport(name, n, None)


def verify_trace_file(path: str | Path, levels_dir: str | Path) -> TraceReport:
    """Load a trace file and its level from ``levels_dir`` and verify it."""
    trace = load_trace(path)
    level = Level.read(Path(levels_dir) / trace["header"]["level"])
    name = Path(path).name.removesuffix(".json.gz")
    return verify_trace(trace, level, name)
