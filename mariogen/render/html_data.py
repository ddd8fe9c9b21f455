"""The data a report page embeds: the level as PNG pictures, Mario's pictures, and every
persona's play frame by frame (position, mode, facing, events), as plain JSON.

Frames follow :class:`~mariogen.render.timeline.Timeline`: frame 0 is the start, frame ``i``
the state after iteration ``i``. Positions are the engine's pixels (16 per tile, Mario's feet);
the page multiplies them by ``scale``. Everything here is a function of the replays, so the
same replays give the same data byte for byte.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from typing import Any

import numpy as np
from PIL import Image

from mariogen.engine import EventType
from mariogen.level import Level
from mariogen.render.art import MARIO_MODES, TILE_PX, mario_surface, tile_size
from mariogen.render.level_image import (
    draw_templates,
    plan_image,
    render_level,
    surface_to_array,
)
from mariogen.render.overlays import _BUMP_BLOCK, _COIN_TILE, _KILLS
from mariogen.render.pen import SKY
from mariogen.render.timeline import Marker, Timeline
from mariogen.replay import Replay

#: Format name and version of the embedded data (the page's script checks them).
DATA_FORMAT = "mariogen-player"
DATA_VERSION = 1
#: Milliseconds per game-loop iteration (the page plays at this pace at 1x).
TICK_MS = 30
#: Level columns per embedded picture (browsers limit one picture's width).
CHUNK_COLUMNS = 64
#: Decimals kept of each position (a thousandth of a pixel).
POSITION_DECIMALS = 3
#: Colours given to the plays, in order (labels, paths, toggles).
TRACK_COLORS = ("#e8282d", "#1f4fd8", "#109a3c", "#b04ad8", "#f08c00", "#00a0a8", "#6b4a2b")
#: Facing as one character per frame.
FACING = {1: "r", -1: "l"}


def png_bytes(pixels: np.ndarray) -> bytes:
    """An RGB or RGBA ``(height, width, channels)`` uint8 array as PNG bytes."""
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, format="PNG")
    return buf.getvalue()


def data_uri(png: bytes) -> str:
    """PNG bytes as a ``data:image/png;base64,...`` URI."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def event_kind(marker: Marker) -> str | None:
    """The marker an event gets on the page, as the replay viewer draws it: ``"kill"`` (a red
    cross), ``"coin"`` (a gold ring: a coin or an opened block), ``"jump"`` (a blue
    triangle), or ``None`` for events without a marker."""
    event = marker.event
    if event.type in _KILLS:
        return "kill"
    if (event.type is EventType.COLLECT and event.param == _COIN_TILE) or (
        event.type is EventType.BUMP and event.param == _BUMP_BLOCK
    ):
        return "coin"
    if event.type is EventType.JUMP:
        return "jump"
    return None


def level_chunks(level: Level, scale: float) -> list[dict[str, Any]]:
    """The level without Mario (tiles and enemy templates), as pictures of at most
    :data:`CHUNK_COLUMNS` columns: ``{"x": left pixel on the page, "width", "src"}``.

    Raises:
        ValueError: for a scale that makes the picture too large (see
            :func:`~mariogen.render.level_image.plan_image`).
    """
    plan_image(level, scale)
    size = tile_size(scale)
    chunks = []
    for first in range(0, level.width, CHUNK_COLUMNS):
        end = min(first + CHUNK_COLUMNS, level.width)
        surface = render_level(level, scale, first, end, sprites=False)
        draw_templates(surface, level.templates, size, first, end)
        src = data_uri(png_bytes(surface_to_array(surface)))
        chunks.append({"x": first * size, "width": (end - first) * size, "src": src})
    return chunks


def mario_pictures(scale: float) -> list[dict[str, Any]]:
    """Mario's pictures for each mode (small, large, fire), each facing:
    ``[{"r": {"src", "width", "height"}, "l": {...}}, ...]`` indexed by mode."""
    from mariogen.render.headless import import_pygame

    pg = import_pygame()
    size = tile_size(scale)
    pictures = []
    for mode in MARIO_MODES:
        faces = {}
        for facing, letter in FACING.items():
            surface = mario_surface(mode, size, facing)
            rgb = pg.surfarray.array3d(surface).transpose(1, 0, 2)
            alpha = pg.surfarray.array_alpha(surface).T[..., None]
            rgba = np.ascontiguousarray(np.concatenate([rgb, alpha], axis=2))
            width, height = surface.get_size()
            faces[letter] = {"src": data_uri(png_bytes(rgba)), "width": width, "height": height}
        pictures.append(faces)
    return pictures


def _rounded(values: np.ndarray) -> list[float]:
    return [round(v, POSITION_DECIMALS) for v in values.astype(np.float64).tolist()]


def track(replay: Replay, name: str, color: str) -> dict[str, Any]:
    """One play frame by frame: ``x``, ``y`` (Mario's feet, engine pixels), ``mode`` (a digit
    per frame), ``facing`` (``r``/``l`` per frame), ``events`` (``[frame, kind, x, y]``) and
    its final ``status`` and ``completion``."""
    timeline = Timeline(replay)
    modes, facings = [], []
    for position in range(timeline.n + 1):
        mario = timeline.game_at(position).mario
        modes.append(str(mario.mode))
        facings.append(FACING[1 if mario.facing >= 0 else -1])
    events = [
        [
            m.position,
            kind,
            round(m.event.x, POSITION_DECIMALS),
            round(m.event.y, POSITION_DECIMALS),
        ]
        for m in timeline.markers
        if (kind := event_kind(m)) is not None
    ]
    return {
        "name": name,
        "agent": replay.agent,
        "color": color,
        "n": timeline.n,
        "x": _rounded(timeline.path[:, 0]),
        "y": _rounded(timeline.path[:, 1]),
        "mode": "".join(modes),
        "facing": "".join(facings),
        "events": events,
        "status": str(replay.stats["status"]),
        "completion": float(replay.stats["completion"]),
    }


def track_names(replays: Sequence[Replay]) -> list[str]:
    """A unique label for each play: the agent's name, numbered when it played twice."""
    names: list[str] = []
    for replay in replays:
        name, k = replay.agent or "play", 2
        while (candidate := name if k == 2 else f"{name} ({k - 1})") in names:
            k += 1
        names.append(candidate)
    return names


def same_level(replays: Sequence[Replay]) -> Level:
    """The level all ``replays`` were played on.

    Raises:
        ValueError: for no replays, or replays of different levels.
    """
    if not replays:
        raise ValueError("a report page needs at least one replay")
    digests = {r.level_sha256 for r in replays}
    if len(digests) > 1:
        raise ValueError("the replays of one report page must all be of the same level")
    return replays[0].level()


def player_data(replays: Sequence[Replay], scale: float = 2.0) -> dict[str, Any]:
    """Everything the page's player needs, as a JSON-ready dict (see the module's notes).

    Args:
        replays: plays of one level, shown together (each can be toggled on the page).
        scale: picture size: 1 draws 16 px tiles, 2 draws 32 px tiles.

    Raises:
        ValueError: for replays of different levels or a scale too large for the level.
    """
    level = same_level(replays)
    size = tile_size(scale)
    names = track_names(replays)
    return {
        "format": DATA_FORMAT,
        "version": DATA_VERSION,
        "tick_ms": TICK_MS,
        "scale": size / TILE_PX,
        "sky": "#{:02x}{:02x}{:02x}".format(*SKY),
        "level": {
            "name": replays[0].level_name,
            "columns": level.width,
            "rows": level.height,
            "width": level.width * size,
            "height": level.height * size,
            "chunks": level_chunks(level, scale),
        },
        "mario": mario_pictures(scale),
        "tracks": [
            track(r, name, TRACK_COLORS[i % len(TRACK_COLORS)])
            for i, (r, name) in enumerate(zip(replays, names, strict=True))
        ],
    }
