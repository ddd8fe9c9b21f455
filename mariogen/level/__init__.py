"""Tiles, the level model and the Mario AI Framework text format."""

from mariogen.level.errors import LevelFormatError
from mariogen.level.level import LEVEL_HEIGHT, MAX_FILE_BYTES, MAX_WIDTH, Level
from mariogen.level.tiles import Feature, SpriteType, Tile

__all__ = [
    "LEVEL_HEIGHT",
    "MAX_FILE_BYTES",
    "MAX_WIDTH",
    "Feature",
    "Level",
    "LevelFormatError",
    "SpriteType",
    "Tile",
]
