"""EDRL fun and historical deviation, behaviour fun, and DTW behaviour divergence by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mariogen.engine import Button
from mariogen.metrics import make_metric
from mariogen.metrics.edrl import calibrate_band, koster
from mariogen.metrics.trajectory import dtw
from tests.metrics.fixtures import FLAT, MIXED, level, play_result

#: 16 x 12: three 4-column segments; the middle one has a brick at (5, 10).
THREE = "\n".join(
    [*(["-" * 12] * 10), "-----S------", *(["-" * 12] * 2), "-M--------F-", "X" * 12, "X" * 12]
)
#: Segment options that make the divergences easy to work out: single tiles, epsilon 1.
EASY = {"segment_width": 4, "size": 1, "epsilon": 1.0}

# Single-tile counts: s0 = s2 = {-: 56, X: 8}; s1 = {-: 55, S: 1, X: 8}. Smoothed over
# {-, S, X} with epsilon 1 (each + 1, over 64 + 3 = 67):
S0 = np.array([57, 1, 9]) / 67
S1 = np.array([56, 2, 9]) / 67
A = float(np.sum(S1 * np.log(S1 / S0)))  # KL(s1 || s0)
B = float(np.sum(S0 * np.log(S0 / S1)))  # KL(s2 || s1)


def test_koster_band() -> None:
    assert koster(0.5, 0.2, 0.8) == 0.0
    assert koster(1.0, 0.2, 0.8) == pytest.approx(-0.04)
    assert koster(0.0, 0.2, 0.8) == pytest.approx(-0.04)


def test_edrl_fun_by_hand() -> None:
    lv = level(THREE)
    # Dbar_1 = A; Dbar_2 = (KL(s2||s1) + KL(s2||s0)) / 2 = B / 2. Band [0, u].
    u = 0.001
    metric = make_metric("edrl-fun-v0", **EASY, lower=0.0, upper=u)
    expected = (koster(A, 0.0, u) + koster(B / 2, 0.0, u)) / 2
    assert expected < 0
    assert metric.compute(lv) == pytest.approx(expected)
    # window 1: Dbar_2 = B.
    one = make_metric("edrl-fun-v0", **EASY, lower=0.0, upper=u, window=1)
    assert one.compute(lv) == pytest.approx((koster(A, 0.0, u) + koster(B, 0.0, u)) / 2)


def test_edrl_fun_of_identical_segments_is_below_the_band() -> None:
    # All columns of FLAT read the same (markers are empty space): every divergence is 0.
    metric = make_metric("edrl-fun-v0", **EASY, lower=0.3, upper=1.0)
    assert metric.compute(level(FLAT)) == pytest.approx(-0.09)


def test_edrl_historical_deviation_by_hand() -> None:
    lv = level(THREE)
    # H_1 = A; H_2 = the nearest of {B, 0} = 0, or the mean of both.
    nearest = make_metric("edrl-historical-deviation-v0", **EASY, nearest=1)
    assert nearest.compute(lv) == pytest.approx(A / 2)
    both = make_metric("edrl-historical-deviation-v0", **EASY, nearest=2)
    assert both.compute(lv) == pytest.approx((A + B / 2) / 2)


def test_edrl_needs_two_segments() -> None:
    assert math.isnan(make_metric("edrl-fun-v0").compute(level(MIXED)))
    assert math.isnan(make_metric("edrl-historical-deviation-v0").compute(level(MIXED)))


def test_behaviour_fun_by_hand() -> None:
    seg = 28 * 16  # pixels per default segment
    right, jump = int(Button.RIGHT), int(Button.JUMP)
    xs = [8.0] * 4 + [seg + 8.0] * 4
    disjoint = play_result(trajectory=[(x, 200.0) for x in xs], buttons=[right] * 4 + [jump] * 4)
    same = play_result(trajectory=[(x, 200.0) for x in xs], buttons=[right] * 8)
    metric = make_metric("behaviour-fun-v0", lower=0.1, upper=0.19)
    # Disjoint histograms: JS = 1 bit, above the band; identical ones: 0, below it.
    assert metric.compute(level(FLAT), {"agent": disjoint}) == pytest.approx(-(0.81**2))
    assert metric.compute(level(FLAT), {"agent": same}) == pytest.approx(-0.01)
    one_segment = play_result(trajectory=[(8.0, 200.0)] * 3, buttons=[right] * 3)
    assert math.isnan(metric.compute(level(FLAT), {"agent": one_segment}))


def test_calibrate_band() -> None:
    assert calibrate_band([1.0, 3.0]) == (1.0, 3.0)
    assert calibrate_band([0.0, 0.0, 3.0]) == (0.0, 2.41)


def test_dtw_by_hand() -> None:
    a = np.array([[0.0, 0.0], [1.0, 0.0]])
    b = np.array([[0.0, 0.0], [0.0, 0.0], [1.0, 0.0]])
    assert dtw(a, b) == (0.0, 3)
    assert dtw(np.array([[0.0, 0.0]]), np.array([[3.0, 4.0]])) == (5.0, 1)
    assert dtw(np.array([[0.0, 0.0], [0.0, 0.0]]), np.array([[3.0, 4.0]])) == (10.0, 2)
    assert dtw(np.zeros((0, 2)), a) == (0.0, 0)


def test_behaviour_divergence_by_hand() -> None:
    first = play_result(trajectory=[(0.0, 0.0), (0.0, 0.0)], agent="runner")
    second = play_result(trajectory=[(3.0, 4.0)], agent="collector")
    metric = make_metric("behaviour-divergence-v0")
    assert metric.needs == ("runner", "collector")
    # Mean aligned distance 5 px over the width of FLAT, 12 tiles of 16 px.
    value = metric.compute(level(FLAT), {"runner": first, "collector": second})
    assert value == pytest.approx(5 / 192)
    other = make_metric("behaviour-divergence-v0", first="killer", second="runner")
    assert other.needs == ("killer", "runner")
    with pytest.raises(ValueError, match="different"):
        make_metric("behaviour-divergence-v0", first="runner", second="runner")
