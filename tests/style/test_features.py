"""Style features: a play's statistics over what the level offers, against the personas'."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mariogen.agents import play
from mariogen.level import Level
from mariogen.style.features import (
    PLAY_FEATURES,
    STYLE_FEATURES,
    offer,
    play_features,
    style_features,
)


def test_offer_counts_coins_blocks_and_enemies(example_levels: list[Path]) -> None:
    level = Level.read(example_levels[0])
    offers = offer(level)
    assert (offers.coins, offers.enemies) == (level.total_coins, level.enemy_count)
    assert offers.blocks > 0  # first-steps has question blocks


def test_play_features_are_rates_of_what_the_level_offers(example_levels: list[Path]) -> None:
    level = Level.read(example_levels[1])
    result = play("collector", level)
    x = dict(zip(PLAY_FEATURES, play_features(result, offer(level)), strict=True))
    assert x["coin_rate"] == result.result.coins / level.total_coins
    assert x["kill_rate"] == result.result.kills_total / level.enemy_count
    assert x["win"] == float(result.win) and x["completion"] == result.result.completion
    assert 0 <= x["full_speed_share"] <= 1 and 0 <= x["still_share"] <= 1
    assert x["max_height"] >= x["height"]


def test_a_play_without_its_trajectory_is_refused(example_levels: list[Path]) -> None:
    level = Level.read(example_levels[0])
    with pytest.raises(ValueError, match="record=True"):
        play_features(play("run-right", level, record=False), offer(level))


def test_style_features_compare_with_the_personas_mean() -> None:
    rng = np.random.default_rng(0)
    refs = rng.uniform(size=(3, len(PLAY_FEATURES)))
    x = style_features(refs[1], refs)
    n = len(PLAY_FEATURES)
    assert x.shape == (len(STYLE_FEATURES),) == (2 * n,)
    assert np.allclose(x[:n], refs[1] - refs.mean(axis=0))
    assert np.all(np.abs(x[n:]) < 1) and np.all(np.sign(x[n:]) == np.sign(x[:n]))
    # the same play as every reference: nothing stands out
    assert np.allclose(style_features(refs[0], np.stack([refs[0]] * 3)), 0, atol=1e-12)


def test_references_of_the_wrong_shape_are_refused() -> None:
    with pytest.raises(ValueError, match="rows of"):
        style_features(np.zeros(len(PLAY_FEATURES)), np.zeros((3, 2)))
