"""Training: seeded levels that offer enough, held-out seeds, and reproducible model files."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from mariogen.cli.main import main
from mariogen.style.features import offer
from mariogen.style.model import read_model
from mariogen.style.training import HELD_OUT_SEED, TrainingSettings, seeded_levels


def test_seeded_levels_are_the_same_for_the_same_seeds() -> None:
    first = [(seed, level.to_text()) for seed, level in seeded_levels(40, 5)]
    again = [(seed, level.to_text()) for seed, level in seeded_levels(40, 5)]
    assert first == again and [seed for seed, _ in first] == [40, 41, 42, 43, 44]
    assert len({text for _, text in first}) == 5


def test_seeded_levels_skip_levels_that_offer_too_little() -> None:
    everything = dict(seeded_levels(0, 60))
    rich = dict(seeded_levels(0, 10, min_coins=5, min_enemies=3))
    assert max(rich) < 60
    for seed, level in everything.items():
        offers = offer(level)
        enough = offers.coins >= 5 and offers.enemies >= 3
        if seed <= max(rich):
            assert (seed in rich) == enough
    assert all(rich[seed].to_text() == everything[seed].to_text() for seed in rich)


def test_training_never_reaches_the_held_out_seeds() -> None:
    with pytest.raises(ValueError, match="held out"):
        TrainingSettings(first_seed=HELD_OUT_SEED)


def test_the_shipped_model_was_trained_with_the_default_settings() -> None:
    """So `mariogen classify --train` rebuilds it (bench/style.py checks the bytes)."""
    training = read_model().training
    assert {k: training[k] for k in asdict(TrainingSettings())} == asdict(TrainingSettings())
    assert training["last_seed"] < HELD_OUT_SEED


def test_train_rebuilds_the_same_file_whatever_the_workers(tmp_path: Path) -> None:
    args = ["classify", "--train", "--levels", "3", "--first-seed", "7", "-q"]
    assert main([*args, "-o", str(tmp_path / "a.json")]) == 0
    assert main([*args, "--workers", "2", "-o", str(tmp_path / "b.json")]) == 0
    a, b = (tmp_path / "a.json").read_bytes(), (tmp_path / "b.json").read_bytes()
    assert a == b
    model = read_model(tmp_path / "a.json")
    assert model.training["levels"] == 3 and model.training["first_seed"] == 7
