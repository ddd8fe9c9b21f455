"""Content metrics against values worked out by hand on the fixture levels."""

from __future__ import annotations

import math

import pytest

from mariogen.metrics import grid, make_metric
from tests.metrics.fixtures import BUMP, FLAT, GAPS, MIXED, PIPES, STAIRS, level


def value(name: str, text: str, **params: object) -> float:
    return make_metric(name, **params).compute(level(text))


def test_grid_of_mixed() -> None:
    lv = level(MIXED)
    assert grid.gaps(lv) == [grid.Gap(7, 2)]
    heights = grid.ground_heights(lv).tolist()
    assert heights == [2] * 7 + [0, 0] + [2] * 7
    assert grid.power_up_blocks(lv) == 1
    assert grid.top_rows(lv)[5] == 10


def test_jump_through_platform_on_its_support_is_ground() -> None:
    rows = ["-" * 6] * 13 + ["--%%--", "XX||XX", "XX||XX"]
    lv = level("\n".join(rows))
    assert grid.ground_heights(lv).tolist() == [2, 2, 3, 3, 2, 2]
    assert grid.gaps(lv) == []


def test_linearity() -> None:
    assert value("linearity-v0", FLAT) == 1.0
    # BUMP: columns 0..14 have height 2, column 7 (the ?-block) height 6; symmetric, so the
    # fitted slope is 0 and the intercept is the mean 34/15. Residuals: 14 x 4/15 and 56/15;
    # mean 112/225; linearity = 1 - (112/225)/16 = 218/225.
    assert value("linearity-v0", BUMP) == pytest.approx(218 / 225)


def test_leniency_tile_weights() -> None:
    # MIXED: one ?-block (+1), two enemies (-2), two gap columns (-0.5 each), width 16.
    assert value("leniency-v0", MIXED) == pytest.approx((1 - 2 - 1) / 16)
    # GAPS: three 2-wide gaps: 6 gap columns * -0.5 over 20 columns.
    assert value("leniency-v0", GAPS) == pytest.approx(-3 / 20)
    assert value("leniency-v0", FLAT) == 0.0


def test_leniency_shaker() -> None:
    # MIXED: 1 power-up - 2 enemies - 0.5 * 1 gap - mean width 2.
    assert value("leniency-shaker-v0", MIXED) == pytest.approx(-3.5)
    # GAPS: 0 - 0 - 0.5 * 3 - 2.
    assert value("leniency-shaker-v0", GAPS) == pytest.approx(-3.5)


def test_density() -> None:
    # MIXED: 14 ground columns with one surface each, plus the ?-block's: 15 / 16.
    assert value("density-v0", MIXED) == pytest.approx(15 / 16)
    # GAPS: 14 ground columns, 6 gap columns: 14 / 20.
    assert value("density-v0", GAPS) == pytest.approx(0.7)


def test_negative_space() -> None:
    # MIXED: 256 cells - 29 solid (28 ground, 1 ?-block) = 227 open cells. Within 4 rows above
    # a surface: 13 ground columns x 4 cells, plus column 5: 3 below the block, 4 above it.
    assert value("negative-space-v0", MIXED) == pytest.approx(59 / 227)
    # FLAT: 12 columns x 4 usable cells over 12 x 14 open cells.
    assert value("negative-space-v0", FLAT) == pytest.approx(48 / 168)
    assert value("negative-space-v0", FLAT, reach=2) == pytest.approx(24 / 168)


def test_decoration_and_position() -> None:
    # MIXED: the ?-block and two enemies (the flagpole does not count) of 256 cells.
    assert value("decoration-frequency-v0", MIXED) == pytest.approx(3 / 256)
    # Heights 6, 3, 3: mean 4, variance (4 + 1 + 1) / 3 = 2.
    assert value("position-distribution-v0", MIXED) == pytest.approx(math.sqrt(2))
    # STAIRS: pyramid blocks at heights 5, 4, 4, 3, 3, 3.
    assert value("decoration-frequency-v0", STAIRS) == pytest.approx(6 / 192)
    assert value("position-distribution-v0", STAIRS) == pytest.approx(math.sqrt(5 / 9))


def test_enemies() -> None:
    assert value("enemy-count-v0", MIXED) == 2.0
    # Columns 3 and 10: mean 6.5, both 3.5 away.
    assert value("enemy-sparsity-v0", MIXED) == pytest.approx(3.5)
    assert value("enemy-distribution-v0", MIXED) == pytest.approx(3.5)
    assert value("enemy-sparsity-v0", FLAT) == value("enemy-distribution-v0", FLAT) == 0.0
    # PIPES: one goomba; piranha plants need T pipes, these are plain.
    assert value("enemy-count-v0", PIPES) == 1.0


def test_enemy_spread_of_three() -> None:
    rows = ["-" * 12] * 13 + ["g---g-----g-", "X" * 12, "X" * 12]
    # Columns 0, 4, 10: mean 14/3; |dev| = 14/3, 2/3, 16/3: mean 32/9.
    text = "\n".join(rows)
    assert value("enemy-sparsity-v0", text) == pytest.approx(32 / 9)
    assert value("enemy-distribution-v0", text) == pytest.approx(math.sqrt(456 / 27))


def test_gaps() -> None:
    assert value("gap-count-v0", MIXED) == 1.0
    assert value("gap-width-v0", MIXED) == 2.0
    assert value("gap-count-v0", GAPS) == 3.0
    assert value("gap-width-v0", GAPS) == 2.0
    assert value("gap-count-v0", FLAT) == value("gap-width-v0", FLAT) == 0.0


def test_bad_parameter_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="reach"):
        make_metric("negative-space-v0", reach=0)
    with pytest.raises(TypeError, match="accepted: reach"):
        make_metric("negative-space-v0", width=3)
