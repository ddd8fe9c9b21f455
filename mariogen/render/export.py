"""Replays as pictures: an animated GIF, or a sprite strip PNG (``mariogen replay --export``).

A GIF has one frame per ``stride`` iterations: the states after iterations ``stride``,
``2 * stride`` ... and always the last one, so ``ceil(n_ticks / stride)`` frames, each shown
for ``30 * stride`` ms (the game's 30 ms per iteration). Every frame carries the HUD with the
iteration number, so no two consecutive frames are identical (GIF writers merge identical
frames). A strip puts frames side by side: by default :data:`STRIP_FRAMES` evenly spaced ones.

Both are drawn headless and written atomically.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from mariogen.fileio import atomic_write
from mariogen.render import pen
from mariogen.render.frame import FrameRenderer, frame_array, hud_for
from mariogen.render.level_image import MAX_IMAGE_SIDE
from mariogen.render.timeline import Timeline

#: Milliseconds per game-loop iteration.
TICK_MS = 30
#: Frames of a strip when no stride is given.
STRIP_FRAMES = 16
#: The most pixels an export holds in memory (all frames together).
MAX_EXPORT_PIXELS = 1 << 28


@dataclass(frozen=True)
class ExportInfo:
    """What an export wrote.

    Attributes:
        path: the file.
        frames: the number of frames.
        width: frame (GIF) or strip (PNG) width in pixels.
        height: height in pixels.
    """

    path: Path
    frames: int
    width: int
    height: int


def frame_positions(n_ticks: int, stride: int) -> list[int]:
    """The timeline positions exported: every ``stride``-th iteration and the last one.

    Raises:
        ValueError: for a stride below 1 or a replay without iterations.
    """
    if stride < 1:
        raise ValueError(f"--stride must be at least 1, not {stride}")
    if n_ticks < 1:
        raise ValueError("the replay has no iterations to export")
    positions = list(range(stride, n_ticks + 1, stride))
    if not positions or positions[-1] != n_ticks:
        positions.append(n_ticks)
    return positions


def evenly_spaced(n_ticks: int, count: int) -> list[int]:
    """``count`` positions spread evenly over ``1..n_ticks``, ending with the last (fewer for
    a replay shorter than ``count`` iterations).

    Raises:
        ValueError: for a replay without iterations.
    """
    if n_ticks < 1:
        raise ValueError("the replay has no iterations to export")
    return sorted({max(1, round(n_ticks * (k + 1) / count)) for k in range(count)})


def _frames(timeline: Timeline, positions: list[int], scale: float) -> Iterator[np.ndarray]:
    renderer = FrameRenderer(timeline.level, scale)
    label = timeline.replay.agent
    for position in positions:
        game = timeline.game_at(position)
        note = f"{position}/{timeline.n}"
        yield frame_array(renderer.draw(game, hud_for(game, label, note)))


def _check_size(count: int, width: int, height: int) -> None:
    if count * width * height > MAX_EXPORT_PIXELS:
        raise ValueError(
            f"{count} frames of {width} x {height} px are too many to export; "
            "use a larger --stride or a smaller --scale"
        )


def export_gif(
    timeline: Timeline, path: str | os.PathLike[str], stride: int = 1, scale: float = 1.0
) -> ExportInfo:
    """Write the replay as an animated GIF (see the module's description).

    Raises:
        ValueError: for a bad stride or scale, or an export too large.
        OSError: when the file cannot be written.
    """
    positions = frame_positions(timeline.n, stride)
    side = FrameRenderer(timeline.level, scale).size[0]
    _check_size(len(positions), side, side)
    frames = _frames(timeline, positions, scale)
    first = next(frames)
    palette = _palette(first)
    images = [_indexed(first, palette)]
    images += [_indexed(frame, palette) for frame in frames]

    def write(tmp: Path) -> None:
        images[0].save(
            tmp,
            format="GIF",
            save_all=True,
            append_images=images[1:],
            duration=TICK_MS * stride,
            loop=0,
            optimize=False,
        )

    atomic_write(path, write, suffix=".gif")
    return ExportInfo(Path(path), len(images), side, side)


def export_strip(
    timeline: Timeline,
    path: str | os.PathLike[str],
    stride: int | None = None,
    scale: float = 1.0,
) -> ExportInfo:
    """Write frames side by side as one PNG: every ``stride``-th, or :data:`STRIP_FRAMES`
    evenly spaced frames (see :func:`evenly_spaced`) when ``stride`` is ``None``.

    Raises:
        ValueError: for a bad stride or scale, or a strip too wide.
        OSError: when the file cannot be written.
    """
    if stride is None:
        positions = evenly_spaced(timeline.n, STRIP_FRAMES)
    else:
        positions = frame_positions(timeline.n, stride)
    side = FrameRenderer(timeline.level, scale).size[0]
    if len(positions) * side > MAX_IMAGE_SIDE:
        raise ValueError(
            f"a strip of {len(positions)} frames is {len(positions) * side} px wide "
            f"(limit {MAX_IMAGE_SIDE}); use a larger --stride or a smaller --scale"
        )
    _check_size(len(positions), side, side)
    strip = np.concatenate(list(_frames(timeline, positions, scale)), axis=1)
    picture = Image.fromarray(strip)
    atomic_write(path, lambda tmp: picture.save(tmp, format="PNG"), suffix=".png")
    return ExportInfo(Path(path), len(positions), strip.shape[1], strip.shape[0])


def _palette(frame: np.ndarray) -> Image.Image:
    """A 256-colour palette: the first frame's colours, most frequent first, then the art's."""
    codes = (frame[..., 0].astype(np.int32) << 16) | (frame[..., 1].astype(np.int32) << 8)
    codes |= frame[..., 2]
    values, counts = np.unique(codes.ravel(), return_counts=True)
    colors = [((c >> 16) & 255, (c >> 8) & 255, c & 255) for c in values[np.argsort(-counts)]]
    colors += [c for c in _art_colors() if c not in set(colors)]
    flat = [v for color in colors[:256] for v in color]
    palette = Image.new("P", (1, 1))
    palette.putpalette(flat + [0] * (768 - len(flat)))
    return palette


def _art_colors() -> list[tuple[int, int, int]]:
    """The opaque colours of mariogen's art palette."""
    return [
        value[:3]
        for name, value in vars(pen).items()
        if name.isupper() and isinstance(value, tuple) and len(value) == 3
    ]


def _indexed(frame: np.ndarray, palette: Image.Image) -> Image.Image:
    """An RGB frame as a palette image; colours missing from the palette map to the nearest."""
    return Image.fromarray(frame).quantize(palette=palette, dither=Image.Dither.NONE)
