"""Meso-pattern detection and the pattern density / variation metrics, on hand-made levels."""

from __future__ import annotations

from collections import Counter

import pytest

from mariogen.metrics import make_metric
from mariogen.metrics.patterns import FAMILIES, find_patterns
from tests.metrics.fixtures import BUMP, GAPS, MIXED, PIPES, STAIRS, level

#: 16 x 14: a brick platform over columns 4-8 (row 10) above the ground, a coin on it and a
#: goomba under it, and a horde of three koopas further right.
PATHS = "\n".join(
    [
        *(["-" * 14] * 9),
        "-----o--------",
        "----SSSSS-----",
        "-" * 14,
        "-" * 14,
        "-M----g--k-kk-",
        "X" * 14,
        "X" * 14,
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (MIXED, {"enemy": 2, "gap": 1}),  # enemies 7 columns apart; gap far from both
        (BUMP, {}),  # the ?-block is a second path for one column only
        (STAIRS, {"stair-up": 1}),  # heights 2, 3, 4, 5 over columns 3-6
        (PIPES, {"enemy": 1, "pipe-valley": 1}),  # pipes of height 4 around ground of 2
        (GAPS, {"gap": 3, "pillar-gap": 2, "multiple-gaps": 1}),  # 2-wide pillars, same widths
        # A 2-path over columns 4-8 holding an enemy and a coin; the goomba has a roof; the
        # koopas at 9, 11, 12 are 3 columns from it, a horde of three.
        (PATHS, {"2-path": 1, "risk-and-reward": 1, "enemy": 1, "roof": 1, "3-horde": 1}),
    ],
)
def test_patterns_found(text: str, expected: dict[str, int]) -> None:
    assert find_patterns(level(text)) == Counter(expected)


def test_variable_gaps_and_gap_enemy() -> None:
    rows = ["-" * 16] * 13 + ["-M--g---------F-", "XXXX-XX---XXXXXX", "XXXX-XX---XXXXXX"]
    # Gaps of widths 1 and 3, 2 columns apart (a pillar); the goomba at column 4 stands
    # above the first gap.
    assert find_patterns(level("\n".join(rows))) == Counter(
        {"gap": 2, "variable-gaps": 1, "pillar-gap": 1, "gap-enemy": 1, "enemy": 1}
    )


def test_empty_and_enemy_valleys() -> None:
    rows = ["-" * 14] * 12 + ["-##-----##-##-", "M##--g--##-##F", "X" * 14, "X" * 14]
    # Walls of pyramid blocks (height 4) around ground of height 2: columns 3-7 with a goomba,
    # column 10 empty.
    assert find_patterns(level("\n".join(rows))) == Counter(
        {"enemy-valley": 1, "empty-valley": 1, "enemy": 1}
    )


def test_density_and_variation() -> None:
    metric_density, metric_variation = (
        make_metric("pattern-density-v0"),
        make_metric("pattern-variation-v0"),
    )
    lv = level(GAPS)
    assert metric_density.compute(lv) == pytest.approx(6 / 20)
    assert metric_variation.compute(lv) == pytest.approx(3 / 6)
    flat = level(BUMP)
    assert metric_density.compute(flat) == metric_variation.compute(flat) == 0.0


def test_families_list_every_kind_once() -> None:
    kinds = [k for family in FAMILIES.values() for k in family]
    assert len(kinds) == len(set(kinds)) == 18
