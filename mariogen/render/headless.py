"""Import pygame lazily, headless by default."""

from __future__ import annotations

import os
from types import ModuleType


def import_pygame() -> ModuleType:
    """Import pygame with SDL set up for headless use.

    Sets ``SDL_VIDEODRIVER=dummy`` and ``SDL_AUDIODRIVER=dummy`` unless the caller already
    chose drivers (a window for a human viewer, say), ``SDL_NO_SIGNAL_HANDLERS=1`` so SDL leaves
    Ctrl-C to Python, and hides pygame's start-up banner. Call it instead of ``import pygame``
    so that importing mariogen never starts SDL.

    Returns:
        The ``pygame`` module.
    """
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    return pygame
