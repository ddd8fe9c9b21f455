"""The game engine: a clean-room, tick-exact re-implementation of the Mario AI Framework rules."""

from mariogen.engine.game import Event, Game, MarioState, Sprite, parse_mode
from mariogen.engine.layout import Button, EventType, Status, UpdateKind
from mariogen.engine.stats import GameResult

__all__ = [
    "Button",
    "Event",
    "EventType",
    "Game",
    "GameResult",
    "MarioState",
    "Sprite",
    "Status",
    "UpdateKind",
    "parse_mode",
]
