"""Tile ids, tile features and sprite types of the Mario AI Framework (ENGINE_SPEC §3, §10)."""

from __future__ import annotations

from enum import IntEnum, IntFlag

import numpy as np


class Feature(IntFlag):
    """What a tile does (ENGINE_SPEC §3.6)."""

    NONE = 0
    BLOCK_ALL = 1
    BLOCK_UPPER = 2
    BLOCK_LOWER = 4
    BUMPABLE = 8
    BREAKABLE = 16
    SPECIAL = 32
    LIFE = 64
    PICKABLE = 128
    SPAWNER = 256


class Tile(IntEnum):
    """Tile ids of the engine's tile grid."""

    EMPTY = 0
    GROUND = 1
    PYRAMID = 2
    CANNON_HEAD = 3
    CANNON_NECK = 4
    CANNON_BODY = 5
    BRICK = 6
    COIN_BRICK = 7
    SPECIAL_QUESTION = 8
    COIN_QUESTION = 11
    USED = 14
    COIN = 15
    PIPE_TOP_LEFT = 18
    PIPE_TOP_RIGHT = 19
    PIPE_BODY_LEFT = 20
    PIPE_BODY_RIGHT = 21
    FLAG_TOP = 39
    FLAG_POLE = 40
    PLATFORM = 43
    PLATFORM_LEFT = 44
    PLATFORM_RIGHT = 45
    PLATFORM_MIDDLE = 46
    PLATFORM_BACKGROUND = 47
    HIDDEN_LIFE = 48
    HIDDEN_COIN = 49
    SPECIAL_BRICK = 50
    LIFE_BRICK = 51
    PIPE_SINGLE_TOP = 52
    PIPE_SINGLE_BODY = 53
    PIPE_SINGLE_ODD = 54

    @property
    def features(self) -> Feature:
        """The feature set of this tile."""
        return Feature(int(TILE_FEATURES[int(self)]))

    @property
    def solid(self) -> bool:
        """True if the tile blocks movement in every direction."""
        return bool(self.features & Feature.BLOCK_ALL)

    @property
    def blocks_from_below_only(self) -> bool:
        """True for hidden blocks, which stop only upward motion."""
        return bool(self.features & Feature.BLOCK_UPPER)

    @property
    def jump_through(self) -> bool:
        """True for platforms that can be stood on and passed from below."""
        return bool(self.features & Feature.BLOCK_LOWER)

    @property
    def breakable(self) -> bool:
        """True for plain bricks, which a large Mario or a shell breaks."""
        return bool(self.features & Feature.BREAKABLE)

    @property
    def coin(self) -> bool:
        """True for a collectable coin tile."""
        return bool(self.features & Feature.PICKABLE)


class SpriteType(IntEnum):
    """Sprite type values used in events, observations and templates (ENGINE_SPEC §10)."""

    NONE = 0
    UNDEF = -42
    MARIO = -31
    GOOMBA = 2
    GOOMBA_WINGED = 3
    RED_KOOPA = 4
    RED_KOOPA_WINGED = 5
    GREEN_KOOPA = 6
    GREEN_KOOPA_WINGED = 7
    SPIKY = 8
    SPIKY_WINGED = 9
    BULLET_BILL = 10
    ENEMY_FLOWER = 11
    MUSHROOM = 12
    FIRE_FLOWER = 13
    SHELL = 14
    LIFE_MUSHROOM = 15
    FIREBALL = 16

    @property
    def is_enemy(self) -> bool:
        """True for sprites a template can place (walking enemies and piranha flowers)."""
        return 2 <= int(self) <= 11 and self is not SpriteType.BULLET_BILL

    @property
    def winged(self) -> bool:
        """True for the winged walking enemies (odd type values 3..9)."""
        return 3 <= int(self) <= 9 and int(self) % 2 == 1


#: Number of tile ids covered by the feature table.
N_TILE_IDS = 256

_FEATURES: dict[int, Feature] = {
    1: Feature.BLOCK_ALL,
    2: Feature.BLOCK_ALL,
    3: Feature.BLOCK_ALL | Feature.SPAWNER,
    4: Feature.BLOCK_ALL,
    5: Feature.BLOCK_ALL,
    6: Feature.BLOCK_ALL | Feature.BREAKABLE,
    7: Feature.BLOCK_ALL | Feature.BUMPABLE,
    8: Feature.BLOCK_ALL | Feature.BUMPABLE | Feature.SPECIAL,
    11: Feature.BLOCK_ALL | Feature.BUMPABLE,
    14: Feature.BLOCK_ALL,
    15: Feature.PICKABLE,
    18: Feature.BLOCK_ALL,
    19: Feature.BLOCK_ALL,
    20: Feature.BLOCK_ALL,
    21: Feature.BLOCK_ALL,
    43: Feature.BLOCK_LOWER,
    44: Feature.BLOCK_LOWER,
    45: Feature.BLOCK_LOWER,
    46: Feature.BLOCK_LOWER,
    48: Feature.BLOCK_UPPER | Feature.BUMPABLE | Feature.LIFE,
    49: Feature.BLOCK_UPPER | Feature.BUMPABLE,
    50: Feature.BLOCK_ALL | Feature.BUMPABLE | Feature.SPECIAL,
    51: Feature.BLOCK_ALL | Feature.BUMPABLE | Feature.LIFE,
    52: Feature.BLOCK_ALL,
    53: Feature.BLOCK_ALL,
}

#: Feature bits per tile id, as a flat array the compiled engine can index.
TILE_FEATURES: np.ndarray = np.zeros(N_TILE_IDS, dtype=np.int32)
for _tile_id, _features in _FEATURES.items():
    TILE_FEATURES[_tile_id] = int(_features)
TILE_FEATURES.setflags(write=False)

#: Template characters and the sprite type they place (ENGINE_SPEC §3.2).
ENEMY_CHARS: dict[str, SpriteType] = {
    "g": SpriteType.GOOMBA,
    "E": SpriteType.GOOMBA,
    "G": SpriteType.GOOMBA_WINGED,
    "r": SpriteType.RED_KOOPA,
    "R": SpriteType.RED_KOOPA_WINGED,
    "k": SpriteType.GREEN_KOOPA,
    "K": SpriteType.GREEN_KOOPA_WINGED,
    "y": SpriteType.SPIKY,
    "Y": SpriteType.SPIKY_WINGED,
}
