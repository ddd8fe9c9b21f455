"""Frames of a running game: the camera's view of the world, like the framework's screen.

A frame is 256 x 256 px at scale 1 (16 x 16 tiles), following the engine's camera
(``Game.camera_x``), drawn with mariogen's own art, with an optional HUD. The Gymnasium
environment, the play and replay windows and the GIF export all draw through
:class:`FrameRenderer`.

Example:
    >>> renderer = FrameRenderer(level, scale=2)                          # doctest: +SKIP
    >>> pixels = renderer.array(game, hud_for(game, "runner"))           # (512, 512, 3) uint8
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mariogen.engine import Game
from mariogen.level import Level, SpriteType
from mariogen.render.art import draw_mario, draw_sprite, draw_tile, tile_size
from mariogen.render.headless import import_pygame
from mariogen.render.pen import BLACK, SKY, WHITE

if TYPE_CHECKING:
    import pygame

#: Screen size in tiles, as in the framework (16 x 16 tiles of 16 px).
SCREEN_TILES = 16
#: Columns drawn together and cached as one picture of the tile layer.
CHUNK_COLUMNS = 32
#: Chunks kept in the tile-layer cache.
MAX_CHUNKS = 8
#: Mario's name for each mode, shown in the HUD.
MODE_NAMES = ("small", "large", "fire")
_DRAWABLE = frozenset(int(t) for t in SpriteType if t > 0)
_FLOWER = int(SpriteType.ENEMY_FLOWER)
_MARIO = int(SpriteType.MARIO)
_HUD_BACK = (*BLACK, 150)


@dataclass(frozen=True)
class Hud:
    """The text of the HUD: the top line (who plays, the game's numbers) and an optional hint.

    Attributes:
        label: who plays (a persona or agent name, ``"you"`` for a human).
        time_s: remaining time in whole seconds.
        coins: coins collected.
        kills: enemies killed.
        mode: Mario's mode, 0 small, 1 large, 2 fire.
        note: a second line (key help, replay position); empty for none.
    """

    label: str
    time_s: int
    coins: int
    kills: int
    mode: int
    note: str = ""

    def lines(self) -> list[str]:
        """The HUD's lines of text."""
        who = f"{self.label.upper()}  " if self.label else ""
        top = (
            f"{who}TIME {self.time_s:3d}  COINS {self.coins}  KILLS {self.kills}  "
            f"{MODE_NAMES[self.mode].upper()}"
        )
        return [top, self.note] if self.note else [top]


def frame_array(surface: pygame.Surface) -> np.ndarray:
    """The pixels of a Surface as a new ``(height, width, 3)`` uint8 RGB array.

    Several times faster than ``pygame.surfarray.array3d`` (one byte copy, no transpose).
    """
    pg = import_pygame()
    width, height = surface.get_size()
    data = pg.image.tobytes(surface, "RGB")
    return np.frombuffer(data, dtype=np.uint8).reshape(height, width, 3).copy()


def hud_for(game: Game, label: str = "", note: str = "") -> Hud:
    """The HUD of a game's current state.

    Args:
        game: the game.
        label: who plays.
        note: a second line of text.
    """
    time_s = (game.timer_ms + 999) // 1000
    return Hud(label, time_s, game.coins, game.kills, game.mario_mode, note)


class _Chunk:
    """A cached picture of the tile layer for ``CHUNK_COLUMNS`` columns."""

    __slots__ = ("drawn", "surface")

    def __init__(self, surface: pygame.Surface, drawn: np.ndarray) -> None:
        self.surface = surface
        self.drawn = drawn


class FrameRenderer:
    """Draws frames of games on one level at one scale; keeps a cache of tile pictures.

    Args:
        level: the level the games are played on.
        scale: 1 draws 16 px tiles (a 256 x 256 px frame).

    Raises:
        ValueError: for a scale that makes tiles smaller than one pixel.
    """

    def __init__(self, level: Level, scale: float = 1.0) -> None:
        self.level = level
        self.scale = float(scale)
        self.tile_px = tile_size(scale)
        self.size = (SCREEN_TILES * self.tile_px, SCREEN_TILES * self.tile_px)
        self._chunks: dict[int, _Chunk] = {}
        self._fonts: dict[bool, pygame.font.Font] = {}
        self._texts: dict[tuple[str, bool], pygame.Surface] = {}

    # --- coordinates ------------------------------------------------------------------------
    def camera_px(self, game: Game) -> int:
        """The camera's left edge in frame pixels."""
        return round(game.camera_x * self.tile_px / 16)

    def to_screen(self, camera_px: int, x: float, y: float) -> tuple[float, float]:
        """Frame pixel of the world point ``(x, y)`` (engine pixels)."""
        unit = self.tile_px / 16
        return x * unit - camera_px, y * unit

    # --- drawing ----------------------------------------------------------------------------
    def draw(
        self, game: Game, hud: Hud | None = None, target: pygame.Surface | None = None
    ) -> pygame.Surface:
        """Draw the game's current frame.

        Args:
            game: the game (its level must be this renderer's level).
            hud: the HUD to draw over the top rows; ``None`` for none.
            target: a Surface of :attr:`size` to draw on; ``None`` makes a new one.

        Returns:
            The Surface drawn on.
        """
        pg = import_pygame()
        surface = target if target is not None else pg.Surface(self.size)
        surface.fill(SKY)
        cam = self.camera_px(game)
        table = game.sprite_table()
        columns = (table.type, table.x, table.y, table.facing)
        sprites = list(zip(*(column.tolist() for column in columns), strict=True))
        for sprite in sprites:  # flowers behind the tiles: they rise out of their pipes
            if sprite[0] == _FLOWER:
                self._draw_sprite(surface, sprite, cam)
        self._draw_tiles(surface, game.tiles, cam)
        for sprite in sprites:
            if sprite[0] != _FLOWER and sprite[0] != _MARIO:
                self._draw_sprite(surface, sprite, cam)
        self._draw_mario(surface, game, cam)
        if hud is not None:
            self.draw_text(surface, hud.lines())
        return surface

    def array(self, game: Game, hud: Hud | None = None) -> np.ndarray:
        """The game's current frame as a ``(height, width, 3)`` uint8 RGB array."""
        return frame_array(self.draw(game, hud))

    def draw_text(self, surface: pygame.Surface, lines: list[str], small: bool = False) -> None:
        """Draw lines of text on a dark band at the top of ``surface``.

        Args:
            surface: the Surface to draw on.
            lines: the lines; empty ones are skipped.
            small: use a smaller font (two thirds of the HUD's).
        """
        pictures = [self._text(line, small) for line in lines if line]
        if not pictures:
            return
        pg = import_pygame()
        pad = max(1, self.tile_px // 8)
        height = sum(p.get_height() for p in pictures) + 2 * pad
        band = pg.Surface((surface.get_width(), height), pg.SRCALPHA)
        band.fill(_HUD_BACK)
        surface.blit(band, (0, 0))
        y = pad
        for picture in pictures:
            surface.blit(picture, (pad * 2, y))
            y += picture.get_height()

    def _text(self, line: str, small: bool) -> pygame.Surface:
        picture = self._texts.get((line, small))
        if picture is None:
            font = self._fonts.get(small)
            if font is None:
                pg = import_pygame()
                pg.font.init()
                size = self.tile_px * (0.6 if small else 0.85)
                font = self._fonts[small] = pg.font.Font(None, max(8, round(size)))
            # Not antialiased: frames keep few colours (GIF palettes hold 256).
            picture = font.render(line, False, WHITE)
            if len(self._texts) > 256:
                self._texts.clear()
            self._texts[line, small] = picture
        return picture

    def _draw_tiles(self, surface: pygame.Surface, tiles: np.ndarray, cam: int) -> None:
        width_px = CHUNK_COLUMNS * self.tile_px
        first = max(0, cam // width_px)
        last = (cam + self.size[0] - 1) // width_px
        for index in range(first, last + 1):
            col = index * CHUNK_COLUMNS
            if col >= tiles.shape[1]:
                break
            chunk = self._chunk(index, tiles[:, col : col + CHUNK_COLUMNS])
            surface.blit(chunk.surface, (index * width_px - cam, 0))

    def _chunk(self, index: int, tiles: np.ndarray) -> _Chunk:
        chunk = self._chunks.get(index)
        if chunk is not None and np.array_equal(chunk.drawn, tiles):
            return chunk
        pg = import_pygame()
        size = self.tile_px
        surface = pg.Surface((tiles.shape[1] * size, tiles.shape[0] * size), pg.SRCALPHA)
        rows, cols = np.nonzero(tiles)
        for row, col in zip(rows.tolist(), cols.tolist(), strict=True):
            draw_tile(surface, int(tiles[row, col]), col * size, row * size, size)
        if chunk is None and len(self._chunks) >= MAX_CHUNKS:
            self._chunks.pop(next(iter(self._chunks)))
        chunk = _Chunk(surface, tiles.copy())
        self._chunks[index] = chunk
        return chunk

    def _draw_sprite(
        self, surface: pygame.Surface, sprite: tuple[int, float, float, int], cam: int
    ) -> None:
        """Draw one sprite of the list, given as ``(type, x, y, facing)``."""
        kind, world_x, world_y, facing = sprite
        if kind not in _DRAWABLE:
            return
        x, y = self.to_screen(cam, world_x, world_y)
        if -2 * self.tile_px < x < self.size[0] + 2 * self.tile_px:
            draw_sprite(surface, SpriteType(kind), x, y, self.tile_px, facing)

    def _draw_mario(self, surface: pygame.Surface, game: Game, cam: int) -> None:
        mario = game.mario
        if mario.invulnerable > 0 and (game.tick // 2) % 2:
            return  # blinks while invulnerable
        x, y = self.to_screen(cam, mario.x, mario.y)
        draw_mario(surface, mario.mode, x, y, self.tile_px, mario.facing)
