"""The experiment statistics against values worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from mariogen.analysis import (
    a12,
    a12_interval,
    compare,
    diagonal_dominance,
    holm,
    mann_whitney_greater,
)


def test_mann_whitney_on_tiny_samples() -> None:
    # Every x beats every y: U = 3 x 2 = 6; under the null each of the C(5, 2) = 10 ways to
    # place y's two ranks is equally likely and only one gives U = 6, so p = 1/10.
    assert mann_whitney_greater([3, 4, 5], [1, 2]) == pytest.approx((6.0, 0.1))
    # The other way round: U = 0 and every arrangement has U >= 0, so p = 1.
    assert mann_whitney_greater([1, 2], [3, 4, 5]) == pytest.approx((0.0, 1.0))
    # One of the six pairs lost: U = 5, two arrangements have U >= 5: p = 2/10.
    assert mann_whitney_greater([2, 4, 5], [1, 3]) == pytest.approx((5.0, 0.2))
    with pytest.raises(ValueError, match="at least one value"):
        mann_whitney_greater([], [1.0])


def test_a12_counts_ties_as_half() -> None:
    # Pairs of [1, 2, 2] x [2, 3]: none greater, two ties (2, 2): A = (0 + 0.5 * 2) / 6.
    assert a12([1, 2, 2], [2, 3]) == pytest.approx(1 / 6)
    assert a12([5, 5], [5, 5]) == 0.5
    assert a12([3, 4], [1, 2]) == 1.0 and a12([1, 2], [3, 4]) == 0.0


def test_holm_steps_down_and_keeps_the_order() -> None:
    # Sorted: 0.01 x 3 = 0.03; 0.03 x 2 = 0.06; 0.04 x 1 = 0.04, raised to 0.06.
    assert holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    assert holm([0.5, 0.9]) == pytest.approx([1.0, 1.0])  # capped at 1
    assert holm([]) == []


def test_bootstrap_interval_is_seeded_and_brackets_the_estimate() -> None:
    x, y = [5, 6, 7, 8, 3], [1, 2, 3, 4, 6]
    first = a12_interval(x, y, np.random.default_rng(4))
    again = a12_interval(x, y, np.random.default_rng(4))
    assert first == again
    assert first[0] <= a12(x, y) <= first[1] <= 1.0
    result = compare(x, y, np.random.default_rng(4))
    # x = 5 beats 4, 6 beats 4 and ties 1, 7 and 8 beat 5 each, 3 beats 2 and ties 1: 21 of 25.
    assert (result.low, result.high) == first and result.a12 == a12(x, y) == 21 / 25


def test_diagonal_dominance() -> None:
    assert diagonal_dominance([[3, 1], [1, 2]]) == 1.0
    assert diagonal_dominance([[1, 2], [3, 1]]) == 0.0
    assert diagonal_dominance([[3, 1, 0], [1, 2, 5], [0, 1, 4]]) == pytest.approx(2 / 3)
    assert diagonal_dominance([[2, 2], [2, 2]]) == 0.0  # a tie is not dominance
    with pytest.raises(ValueError, match="square"):
        diagonal_dominance([[1, 2, 3]])
