"""The replay viewer (``mariogen replay FILE``): watch, pause, step, scrub and annotate a play.

Keys: space play/pause, left/right one iteration back/forward, +/- speed (0.25x to 8x),
r restart, t Mario's path, h hitboxes, e event markers, Esc or q quit. Click or drag on the
bar under the picture to jump to any point.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mariogen.render.frame import FrameRenderer, hud_for
from mariogen.render.headless import import_pygame
from mariogen.render.overlays import draw_hitboxes, draw_markers, draw_path
from mariogen.render.timeline import Timeline
from mariogen.render.window import GameWindow

if TYPE_CHECKING:
    import pygame

#: Playback speeds, in multiples of the game's 30 iterations a second.
SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
#: Iterations a second at 1x.
BASE_RATE = 30.0
#: Redraws a second.
FPS = 60
HELP = (
    "space play/pause   left/right step   +/- speed",
    "r restart   t path   h hitboxes   e events   q quit",
)
_BAR_BACK = (30, 30, 36)
_BAR_FILL = (230, 80, 60)
_BAR_TRACK = (90, 90, 100)


class ReplayViewer:
    """The state of the viewer and its drawing; :meth:`run` opens the window.

    Args:
        timeline: the replay's timeline.
        scale: picture size; 2 gives a 512 x 512 picture.

    Attributes:
        position: the iteration shown (0 = the start).
        playing: whether the replay advances by itself.
        speed: the playback speed (one of :data:`SPEEDS`).
        show_path / show_boxes / show_events: the overlay toggles.
    """

    def __init__(self, timeline: Timeline, scale: float = 2.0) -> None:
        self.timeline = timeline
        self.renderer = FrameRenderer(timeline.level, scale)
        self.position = 0
        self.playing = True
        self.speed = 1.0
        self.show_path = self.show_boxes = self.show_events = False
        self._carry = 0.0
        self._dragging = False
        width, height = self.renderer.size
        self.bar_height = max(12, self.renderer.tile_px)
        self._help_height = round(1.5 * self.renderer.tile_px)
        self.size = (width, height + self.bar_height + self._help_height)

    # --- control ----------------------------------------------------------------------------
    def seek(self, position: int) -> None:
        """Show ``position`` (clamped to the replay)."""
        self.position = min(max(int(position), 0), self.timeline.n)
        self._carry = 0.0

    def seek_fraction(self, fraction: float) -> None:
        """Show the position at ``fraction`` (0..1) of the replay."""
        self.seek(round(min(max(fraction, 0.0), 1.0) * self.timeline.n))

    def change_speed(self, faster: bool) -> None:
        """One step along :data:`SPEEDS`."""
        i = SPEEDS.index(self.speed) + (1 if faster else -1)
        self.speed = SPEEDS[min(max(i, 0), len(SPEEDS) - 1)]

    def key(self, name: str) -> bool:
        """Handle a key by its pygame name (``"space"``, ``"left"``, ``"+"`` ...).

        Returns:
            False when the key asks to quit.
        """
        if name in ("escape", "q"):
            return False
        if name == "space":
            if self.position >= self.timeline.n:
                self.seek(0)
            self.playing = not self.playing
        elif name in ("left", "right"):
            self.playing = False
            self.seek(self.position + (1 if name == "right" else -1))
        elif name in ("+", "=", "[+]"):
            self.change_speed(True)
        elif name in ("-", "[-]"):
            self.change_speed(False)
        elif name == "r":
            self.seek(0)
            self.playing = True
        elif name == "t":
            self.show_path = not self.show_path
        elif name == "h":
            self.show_boxes = not self.show_boxes
        elif name == "e":
            self.show_events = not self.show_events
        return True

    def advance(self, seconds: float) -> None:
        """Move on by ``seconds`` of wall time at the current speed (when playing)."""
        if not self.playing:
            return
        self._carry += seconds * BASE_RATE * self.speed
        steps = int(self._carry)
        self._carry -= steps
        if steps:
            self.position = min(self.position + steps, self.timeline.n)
        if self.position >= self.timeline.n:
            self.playing = False

    # --- drawing ----------------------------------------------------------------------------
    def draw(self) -> pygame.Surface:
        """The viewer's picture: the frame with its overlays, the HUD, the scrub bar."""
        pg = import_pygame()
        canvas = pg.Surface(self.size)
        canvas.fill(_BAR_BACK)
        game = self.timeline.game_at(self.position)
        frame = self.renderer.draw(game)
        cam = self.renderer.camera_px(game)
        if self.show_path:
            draw_path(frame, self.renderer, cam, self.timeline.path, self.position)
        if self.show_events:
            draw_markers(frame, self.renderer, cam, self.timeline.markers, self.position)
        if self.show_boxes:
            draw_hitboxes(frame, self.renderer, cam, game)
        state = "play" if self.playing else "pause"
        note = f"{self.position}/{self.timeline.n}  {self.speed:g}x  {state}"
        self.renderer.draw_text(frame, hud_for(game, self.timeline.replay.agent, note).lines())
        canvas.blit(frame, (0, 0))
        self._draw_bar(canvas)
        return canvas

    def _bar_rect(self) -> pygame.Rect:
        pg = import_pygame()
        pad = self.bar_height // 3
        top = self.renderer.size[1] + pad
        return pg.Rect(pad, top, self.size[0] - 2 * pad, self.bar_height - 2 * pad)

    def _draw_bar(self, canvas: pygame.Surface) -> None:
        pg = import_pygame()
        bar = self._bar_rect()
        pg.draw.rect(canvas, _BAR_TRACK, bar)
        done = bar.copy()
        done.width = round(bar.width * self.position / max(1, self.timeline.n))
        pg.draw.rect(canvas, _BAR_FILL, done)
        help_top = self.renderer.size[1] + self.bar_height
        help_band = pg.Surface((self.size[0], self._help_height))
        help_band.fill(_BAR_BACK)
        self.renderer.draw_text(help_band, list(HELP), small=True)
        canvas.blit(help_band, (0, help_top))

    def _mouse(self, pos: tuple[float, float], pressed: bool) -> None:
        bar = self._bar_rect()
        if pressed and bar.inflate(0, self.bar_height).collidepoint(pos):
            self._dragging = True
        if self._dragging:
            self.seek_fraction((pos[0] - bar.x) / max(1, bar.width))

    # --- the window -------------------------------------------------------------------------
    def run(self, window: GameWindow | None = None, max_frames: int | None = None) -> None:
        """Open a window and run until the user quits (or ``max_frames`` redraws)."""
        window = window or GameWindow(
            f"mariogen replay - {self.timeline.replay.agent} on {self.timeline.level.name}",
            self.size,
        )
        pg = window.pg
        frames = 0
        try:
            while not window.closed and (max_frames is None or frames < max_frames):
                for event in window.poll():
                    if event.type == pg.KEYDOWN and not self.key(pg.key.name(event.key)):
                        window.closed = True
                    elif event.type == pg.MOUSEBUTTONDOWN and event.button == 1:
                        self._mouse(window.to_canvas(event.pos), True)
                    elif event.type == pg.MOUSEMOTION and self._dragging:
                        self._mouse(window.to_canvas(event.pos), False)
                    elif event.type == pg.MOUSEBUTTONUP:
                        self._dragging = False
                if window.closed:
                    break
                window.show(self.draw())
                self.advance(window.tick(FPS))
                frames += 1
        finally:
            window.close()
