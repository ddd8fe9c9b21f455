"""Watching a play as it happens, and playing yourself: ``mariogen play --render`` / ``--human``.

:class:`LiveView` is an ``on_step`` callback for :func:`mariogen.agents.play` that draws each
iteration in a window at 30 fps; :class:`HumanAgent` is an agent whose buttons come from the
keyboard (arrows move, S jumps, A is speed, Esc gives up).
"""

from __future__ import annotations

from mariogen.engine import Button, Game
from mariogen.level import Level
from mariogen.render.frame import FrameRenderer, hud_for
from mariogen.render.window import GameWindow

#: Frames per second of live views (the framework's screen runs at about 30).
FPS = 30
#: The keys of human play, shown in ``--help`` and the HUD.
HUMAN_KEYS_HELP = "arrows move, S jump, A speed, Esc quit"


class PlayStoppedError(Exception):
    """The player closed the window (or pressed Esc) before the game ended."""


class LiveView:
    """Draws a game after every iteration, paced to :data:`FPS`.

    Closing the window stops the drawing; the play itself goes on (headless) unless
    ``stop_on_close`` is set, in which case :class:`PlayStoppedError` is raised.

    Args:
        level: the level being played.
        label: who plays (shown in the HUD).
        scale: frame size; 2 gives a 512 x 512 window.
        note: a second HUD line (key help).
        stop_on_close: raise :class:`PlayStoppedError` when the window closes.
        strict: raise :class:`~mariogen.render.window.WindowError` if no display works.
    """

    def __init__(
        self,
        level: Level,
        label: str,
        scale: float = 2.0,
        note: str = "",
        stop_on_close: bool = False,
        strict: bool = True,
    ) -> None:
        self.renderer = FrameRenderer(level, scale)
        self.window = GameWindow(f"mariogen - {label} on {level.name}", self.renderer.size, strict)
        self.label = label
        self.note = note
        self.stop_on_close = stop_on_close
        self.pg = self.window.pg

    def __call__(self, game: Game, buttons: int) -> None:
        """Draw ``game`` (the ``on_step`` callback of ``play``)."""
        if self.window.closed:
            return
        self.events()
        if self.window.closed:
            return
        hud = hud_for(game, self.label, self.note)
        self.window.show(self.renderer.draw(game, hud))
        self.window.tick(FPS)

    def events(self) -> None:
        """Handle pending window events: closing, or Esc, closes the window."""
        for event in self.window.poll():
            if event.type == self.pg.KEYDOWN and event.key == self.pg.K_ESCAPE:
                self.window.closed = True
        if self.window.closed:
            self.close()
            if self.stop_on_close:
                raise PlayStoppedError("the window was closed")

    def close(self) -> None:
        """Close the window."""
        self.window.close()


class HumanAgent:
    """An agent whose buttons are the keys held in a :class:`LiveView`'s window.

    Args:
        view: the live view of the play (its window receives the keys).
    """

    name = "human"

    def __init__(self, view: LiveView) -> None:
        self.view = view
        pg = view.pg
        self._keys = (
            (pg.K_LEFT, Button.LEFT),
            (pg.K_RIGHT, Button.RIGHT),
            (pg.K_DOWN, Button.DOWN),
            (pg.K_a, Button.SPEED),
            (pg.K_s, Button.JUMP),
        )

    def reset(self, level: Level, start_mode: int) -> None:
        """Nothing to prepare."""

    def act(self, game: Game) -> Button:
        """The buttons of the keys held now."""
        self.view.events()
        held = self.view.pg.key.get_pressed()
        buttons = Button.NONE
        for key, button in self._keys:
            if held[key]:
                buttons |= button
        return buttons
