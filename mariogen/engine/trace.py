"""Replay reference traces of the Java engine and compare every recorded field.

The trace format is documented in ``shared/traces/README.md`` (format_version 1).
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from mariogen.engine import layout as L
from mariogen.engine.game import Game
from mariogen.errors import InputError
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


def load_trace(path: str | Path) -> dict[str, Any]:
    """Read a gzip-compressed JSON trace."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            trace = json.load(fh)
    except (OSError, EOFError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise TraceFormatError(f"{path}: not a reference trace ({exc})") from None
    if not isinstance(trace, dict) or trace.get("header", {}).get("format_version") != 1:
        raise TraceFormatError(f"{path}: unsupported trace format (expected format_version 1)")
    return trace


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
