"""Import pygame lazily, headless by default."""

from __future__ import annotations

import os
from types import ModuleType

_DEFAULTS = {
    "SDL_VIDEODRIVER": "dummy",
    "SDL_AUDIODRIVER": "dummy",
    "SDL_NO_SIGNAL_HANDLERS": "1",
    "PYGAME_HIDE_SUPPORT_PROMPT": "1",
}
#: The variables :func:`import_pygame` set itself because the caller had not chosen them (a
#: window may then drop the ``dummy`` video driver; see :mod:`mariogen.render.window`).
DEFAULTED: set[str] = set()


def import_pygame() -> ModuleType:
    """Import pygame with SDL set up for headless use.

    Sets ``SDL_VIDEODRIVER=dummy`` and ``SDL_AUDIODRIVER=dummy`` unless the caller already
    chose drivers (a window for a human viewer, say), ``SDL_NO_SIGNAL_HANDLERS=1`` so SDL leaves
    Ctrl-C to Python, and hides pygame's start-up banner. Call it instead of ``import pygame``
    so that importing mariogen never starts SDL.

    Returns:
        The ``pygame`` module.
    """
    for key, value in _DEFAULTS.items():
        if key not in os.environ:
            os.environ[key] = value
            DEFAULTED.add(key)
    import pygame

    return pygame
