"""A resizable pygame window that shows frames (human play, ``--render`` and the replay viewer).

The rest of mariogen draws headless (``SDL_VIDEODRIVER=dummy``, set by
:mod:`mariogen.render.headless` unless the caller chose a driver). A window drops that
default and opens on the real display, unless the caller chose ``dummy`` themselves (tests,
servers): then it "opens" invisibly and everything else works the same.
"""

from __future__ import annotations

import os
import sys
from types import ModuleType
from typing import TYPE_CHECKING

from mariogen.render import headless

if TYPE_CHECKING:
    import pygame

_BORDER = (0, 0, 0)


class WindowError(RuntimeError):
    """No window can be opened (no display); the message says how to run headless."""


def import_pygame_display(strict: bool = True) -> ModuleType:
    """Import pygame and start its display on the real screen if one can be had.

    Args:
        strict: raise :class:`WindowError` when no display works; otherwise fall back to the
            invisible ``dummy`` driver.

    Returns:
        The ``pygame`` module, its display initialised.
    """
    loaded = sys.modules.get("pygame")
    if loaded is not None and loaded.display.get_init():
        return loaded
    if "SDL_VIDEODRIVER" in headless.DEFAULTED and os.environ.get("SDL_VIDEODRIVER") == "dummy":
        del os.environ["SDL_VIDEODRIVER"]
        headless.DEFAULTED.discard("SDL_VIDEODRIVER")
    for key in ("SDL_NO_SIGNAL_HANDLERS", "PYGAME_HIDE_SUPPORT_PROMPT"):
        os.environ.setdefault(key, "1")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    try:
        pygame.display.init()
    except pygame.error as exc:
        if strict:
            raise WindowError(
                f"cannot open a window ({exc}); run headless with SDL_VIDEODRIVER=dummy"
            ) from None
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        pygame.display.init()
    return pygame


class GameWindow:
    """A resizable window showing a canvas scaled to fit (letterboxed, aspect kept).

    Args:
        title: the window's title.
        size: the initial window size in pixels.
        strict: raise :class:`WindowError` if no display is available (otherwise the window
            is invisible, on SDL's ``dummy`` driver).

    Attributes:
        closed: set once the user closed the window.
    """

    def __init__(self, title: str, size: tuple[int, int], strict: bool = True) -> None:
        self.pg = import_pygame_display(strict)
        self.screen = self.pg.display.set_mode(size, self.pg.RESIZABLE)
        self.pg.display.set_caption(title)
        self.clock = self.pg.time.Clock()
        self.closed = False
        self._fit = self.pg.Rect(0, 0, *size)
        self._canvas_size = size

    def show(self, canvas: pygame.Surface) -> None:
        """Draw ``canvas`` scaled to the window, then flip the display."""
        if self.closed:
            return
        pg = self.pg
        width, height = self.screen.get_size()
        cw, ch = canvas.get_size()
        factor = min(width / cw, height / ch)
        size = (max(1, round(cw * factor)), max(1, round(ch * factor)))
        self._fit = pg.Rect((width - size[0]) // 2, (height - size[1]) // 2, *size)
        self._canvas_size = (cw, ch)
        self.screen.fill(_BORDER)
        picture = canvas if size == (cw, ch) else pg.transform.scale(canvas, size)
        self.screen.blit(picture, self._fit.topleft)
        pg.display.flip()

    def poll(self) -> list[pygame.event.Event]:
        """The pending input events; a close request sets :attr:`closed`."""
        if self.closed:
            return []
        events = self.pg.event.get()
        if any(e.type == self.pg.QUIT for e in events):
            self.closed = True
        return events

    def to_canvas(self, pos: tuple[int, int]) -> tuple[float, float]:
        """The canvas pixel under a window position (e.g. the mouse's)."""
        fit, (cw, ch) = self._fit, self._canvas_size
        return (pos[0] - fit.x) * cw / max(1, fit.w), (pos[1] - fit.y) * ch / max(1, fit.h)

    def tick(self, fps: float) -> float:
        """Wait so that calls come at most ``fps`` times a second; returns seconds since last."""
        return self.clock.tick(fps) / 1000.0

    def close(self) -> None:
        """Close the window (safe to call more than once)."""
        self.closed = True
        if self.pg.display.get_init():
            self.pg.display.quit()
