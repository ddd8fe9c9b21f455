"""Tile-pattern KL / JS divergences, compression distance and reference corpora."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from mariogen.level import Level
from mariogen.metrics import make_metric
from mariogen.metrics.divergence import (
    js_divergence,
    kl_divergence,
    level_patterns,
    ncd,
    pattern_counts,
    reference_levels,
)
from tests.conftest import EXAMPLES_DIR
from tests.metrics.fixtures import FLAT, MIXED, STAIRS, level


def test_pattern_counts_of_a_tiny_grid() -> None:
    rows = ["ab-", "abX"]
    assert pattern_counts(rows, 2) == {"ab/ab": 1, "b-/bX": 1}
    assert pattern_counts(rows, 1) == {"a": 2, "b": 2, "-": 1, "X": 1}


def test_synonyms_and_markers_are_canonical() -> None:
    counts = level_patterns(level(FLAT), 1)
    # 13 sky rows and the marker row (M and F read as empty) of 12, then 2 ground rows.
    assert counts == {"-": 168, "X": 24}


def test_kl_smoothing_normalises_each_distribution_by_its_own_count() -> None:
    p, q = {"a": 3, "b": 1}, {"a": 1, "c": 1}
    # epsilon = 1 over the union {a, b, c}: p = (4, 2, 1)/7, q = (2, 1, 2)/5.
    expected = 4 / 7 * math.log((4 / 7) / (2 / 5))
    expected += 2 / 7 * math.log((2 / 7) / (1 / 5)) + 1 / 7 * math.log((1 / 7) / (2 / 5))
    assert kl_divergence(p, q, epsilon=1.0) == pytest.approx(expected)
    assert kl_divergence(p, p) == 0.0


def test_tpkl_of_flat_against_mixed() -> None:
    # Single tiles: FLAT has 168 '-' and 24 'X' of 192; MIXED 225 '-', 28 'X' and three
    # other tiles of 256. The smoothed terms of the three missing tiles are ~1e-7.
    metric = make_metric("tpkl-v0", reference=[level(MIXED)], size=1)
    expected = 7 / 8 * math.log((7 / 8) / (225 / 256)) + 1 / 8 * math.log((1 / 8) / (28 / 256))
    assert metric.compute(level(FLAT)) == pytest.approx(expected, abs=1e-5)


def test_tpkl_weight_mixes_both_directions() -> None:
    a, b = level(FLAT), level(MIXED)
    forward = make_metric("tpkl-v0", reference=[b]).compute(a)
    backward = make_metric("tpkl-v0", reference=[a], weight=1.0).compute(b)
    mixed = make_metric("tpkl-v0", reference=[b], weight=0.25).compute(a)
    assert mixed == pytest.approx(0.25 * forward + 0.75 * backward)


def test_js_by_hand() -> None:
    assert js_divergence({"a": 1}, {"b": 5}) == pytest.approx(1.0)
    assert js_divergence({"a": 2, "b": 7}, {"a": 2, "b": 7}) == 0.0
    # P = (1/2, 1/2), Q = (1, 0), M = (3/4, 1/4).
    kl_pm = 0.5 * math.log2(0.5 / 0.75) + 0.5 * math.log2(0.5 / 0.25)
    kl_qm = math.log2(1 / 0.75)
    assert js_divergence({"a": 1, "b": 1}, {"a": 4}) == pytest.approx((kl_pm + kl_qm) / 2)


def test_tpjs_metric() -> None:
    metric = make_metric("tpjs-v0", reference=[level(MIXED)])
    assert metric.compute(level(MIXED)) == 0.0
    assert 0.0 < metric.compute(level(STAIRS)) < 1.0
    # Single tiles (see test_tpkl_of_flat_against_mixed): P = (168, 24, 0, 0, 0) / 192 and
    # Q = (225, 28, 1, 1, 1) / 256 over (-, X, ?, g, k).
    p = [168 / 192, 24 / 192, 0.0, 0.0, 0.0]
    q = [225 / 256, 28 / 256, 1 / 256, 1 / 256, 1 / 256]
    m = [(a + b) / 2 for a, b in zip(p, q, strict=True)]
    kl_pm = sum(a * math.log2(a / c) for a, c in zip(p, m, strict=True) if a)
    kl_qm = sum(b * math.log2(b / c) for b, c in zip(q, m, strict=True))
    single = make_metric("tpjs-v0", reference=[level(MIXED)], size=1)
    assert single.compute(level(FLAT)) == pytest.approx((kl_pm + kl_qm) / 2)


def test_ncd() -> None:
    a, b = level(MIXED), level(STAIRS)
    assert 0.0 <= ncd(a, a) < 0.2
    assert ncd(a, b) > ncd(a, a)
    metric = make_metric("ncd-v0", reference=[a, b])
    assert metric.compute(a) == pytest.approx((ncd(a, a) + ncd(a, b)) / 2)


def test_ncd_of_the_original_levels(shared_levels: list[Path]) -> None:
    originals = [Level.read(p) for p in shared_levels if p.parent.name == "original"]
    for a in originals:
        own = ncd(a, a)
        assert 0.0 <= own < 0.3
        assert all(own < ncd(a, b) for b in originals if b is not a)


def test_reference_corpus_forms(tmp_path: Path) -> None:
    examples = sorted(EXAMPLES_DIR.glob("*.txt"))
    assert len(reference_levels(EXAMPLES_DIR)) == len(examples)
    assert len(reference_levels([examples[0], level(FLAT)])) == 2
    default = reference_levels()  # the repository's levels/ folder, recursively
    assert {lv.name for lv in reference_levels(EXAMPLES_DIR)} <= {lv.name for lv in default}
    with pytest.raises(ValueError, match="neither a folder nor a level file"):
        reference_levels(tmp_path / "missing")
    with pytest.raises(ValueError, match="holds no level"):
        reference_levels(tmp_path)


def test_reference_corpus_sees_changed_files(tmp_path: Path) -> None:
    path = tmp_path / "ref.txt"
    path.write_text(FLAT + "\n")
    metric = make_metric("tpjs-v0", reference=tmp_path)
    assert metric.compute(level(FLAT)) == 0.0
    path.write_text(MIXED + "\n")
    assert metric.compute(level(MIXED)) == 0.0
