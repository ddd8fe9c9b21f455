"""Play-style features: what a play did, normalised by what its level offers and compared
with what the core personas do on the same level.

A play becomes :data:`PLAY_FEATURES`: coins per coin offered, bumps per coin or item block,
kills per enemy, ticks and jumps per tile travelled, shares of ticks at full speed,
standing still or walking back, how high Mario keeps and climbs ... never anything about who played.
:func:`style_features` then compares that vector with the plays of the reference personas
(runner, collector, killer) on the same level: the difference from their mean, and that
difference in units of their spread squashed into (-1, 1) (:data:`STYLE_FEATURES`). A play
is described by how it differs from the personas' plays of *its* level, so levels with many
coins or few enemies do not look like a style.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mariogen.agents.play import PlayResult
from mariogen.level import Level, Tile

#: Tiles a bump turns into a used block (coin and item blocks, hidden ones included).
BLOCK_TILES = (
    Tile.COIN_BRICK,
    Tile.SPECIAL_QUESTION,
    Tile.COIN_QUESTION,
    Tile.HIDDEN_LIFE,
    Tile.HIDDEN_COIN,
    Tile.SPECIAL_BRICK,
    Tile.LIFE_BRICK,
)
#: The features of one play (:func:`play_features`), in order.
PLAY_FEATURES = (
    "coin_rate",
    "block_rate",
    "kill_rate",
    "stomp_rate",
    "other_kill_rate",
    "powerups",
    "completion",
    "win",
    "ticks_per_tile",
    "full_speed_share",
    "still_share",
    "backtrack_share",
    "jumps_per_tile",
    "height",
    "max_height",
    "high_share",
    "back_share",
)
#: The features the classifier reads (:func:`style_features`), in order.
STYLE_FEATURES = (
    *(f"{name}_vs_personas" for name in PLAY_FEATURES),
    *(f"{name}_rank" for name in PLAY_FEATURES),
)
#: Horizontal speed (pixels per tick) that counts as full speed.
FULL_SPEED_PX = 8.0
#: Horizontal speed below which Mario counts as standing still.
STILL_PX = 0.5
#: Height above the start (tiles) that counts as high up.
HIGH_TILES = 2.0
#: Pixels per tile.
TILE_PX = 16.0
#: A spread below this (in a feature's units) counts as none when ranking a play.
MIN_SPREAD = 0.01


@dataclass(frozen=True)
class Offer:
    """What a level offers a play.

    Attributes:
        coins: coins (coin tiles and coin blocks).
        blocks: coin and item blocks, hidden ones included (:data:`BLOCK_TILES`).
        enemies: enemy templates.
    """

    coins: int
    blocks: int
    enemies: int


def offer(level: Level) -> Offer:
    """Coins, coin and item blocks, and enemy templates of ``level``."""
    blocks = int(np.isin(level.tiles, [int(t) for t in BLOCK_TILES]).sum())
    return Offer(level.total_coins, blocks, level.enemy_count)


def play_features(play: PlayResult, offers: Offer) -> np.ndarray:
    """The play's statistics normalised by what the level offers (:data:`PLAY_FEATURES`).

    Per tile travelled, per coin / block / enemy available, or as a share of the play's
    ticks. The play must have been recorded (its trajectory is read).

    Raises:
        ValueError: for a play without a trajectory.
    """
    if len(play.trajectory) == 0:
        raise ValueError("the play has no trajectory; play with record=True")
    r = play.result
    x = play.trajectory[:, 0].astype(np.float64)
    y = play.trajectory[:, 1].astype(np.float64)
    dx = np.diff(x, prepend=x[0])
    height = (y[0] - y) / TILE_PX
    tiles = max(float(x.max() - x[0]), TILE_PX) / TILE_PX
    ticks = len(x)
    enemies = max(offers.enemies, 1)
    return np.array(
        [
            r.coins / max(offers.coins, 1),
            r.bump_question / max(offers.blocks, 1),
            r.kills_total / enemies,
            r.kills_stomp / enemies,
            (r.kills_fire + r.kills_shell + r.kills_fall) / enemies,
            float(r.mushrooms + r.flowers),
            r.completion,
            float(r.win),
            ticks / tiles,
            np.count_nonzero(dx >= FULL_SPEED_PX) / ticks,
            np.count_nonzero(np.abs(dx) < STILL_PX) / ticks,
            float(-dx[dx < 0].sum()) / TILE_PX / tiles,
            r.jumps / tiles,
            float(height.mean()),
            float(height.max()),
            np.count_nonzero(height > HIGH_TILES) / ticks,
            np.count_nonzero(dx < -STILL_PX) / ticks,
        ],
        dtype=np.float64,
    )


def style_features(play: np.ndarray, references: Sequence[np.ndarray] | np.ndarray) -> np.ndarray:
    """A play's features compared with the reference personas' on the same level.

    Args:
        play: the play's :func:`play_features`.
        references: the :func:`play_features` of each reference persona's play of the same
            level (in training, the play is one of them).

    Returns:
        :data:`STYLE_FEATURES`: the play minus the references' mean, then that difference
        over the references' standard deviation (at least :data:`MIN_SPREAD`), through tanh.
    """
    refs = np.asarray(references, dtype=np.float64)
    if refs.ndim != 2 or refs.shape[1] != len(PLAY_FEATURES) or len(refs) == 0:
        raise ValueError(f"references must be rows of {len(PLAY_FEATURES)} play features")
    difference = np.asarray(play, dtype=np.float64) - refs.mean(axis=0)
    rank = np.tanh(difference / np.maximum(refs.std(axis=0), MIN_SPREAD))
    return np.concatenate([difference, rank])
