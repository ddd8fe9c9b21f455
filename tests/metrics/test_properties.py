"""Property tests (hypothesis): ranges of every metric and invariances of the definitions."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mariogen.engine import Button, EventType, Status
from mariogen.level import Level
from mariogen.metrics import list_metrics, make_metric
from mariogen.metrics.divergence import (
    column_text,
    compressed_size,
    js_divergence,
    kl_divergence,
    level_patterns,
    ncd,
)
from tests.metrics.fixtures import event, play_result

#: Metrics whose value is NaN when the input is too short for them (documented).
MAY_BE_NAN = {"edrl-fun-v0", "edrl-historical-deviation-v0", "behaviour-fun-v0"}
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CELLS = "-----------XXXS?@QoC#%|gEkrRyGt"


@st.composite
def levels(draw: st.DrawFn, min_width: int = 2, max_width: int = 70) -> Level:
    """Random valid levels: random cells above two rows of ground with random holes."""
    width = draw(st.integers(min_width, max_width))
    rows = [draw(st.text(CELLS, min_size=width, max_size=width)) for _ in range(14)]
    ground = draw(st.text("XXX-", min_size=width, max_size=width))
    return Level.from_text("\n".join([*rows, ground, ground]) + "\n", "<hypothesis>")


def in_range(value: float, bounds: tuple[float | None, float | None]) -> bool:
    lo, hi = bounds
    return (lo is None or value >= lo - 1e-9) and (hi is None or value <= hi + 1e-9)


@SETTINGS
@given(levels())
def test_content_metrics_stay_in_range(lv: Level) -> None:
    for metric in list_metrics(kind="content"):
        value = metric.compute(lv)
        if math.isnan(value):
            assert metric.name in MAY_BE_NAN
        else:
            assert in_range(value, metric.range), (metric.name, value)


@SETTINGS
@given(st.integers(2, 80), st.integers(1, 12))
def test_flat_levels_are_perfectly_linear(width: int, height: int) -> None:
    rows = ["-" * width] * (16 - height) + ["X" * width] * height
    lv = Level.from_text("\n".join(rows))
    assert make_metric("linearity-v0").compute(lv) == 1.0
    assert make_metric("gap-count-v0").compute(lv) == 0.0
    assert make_metric("density-v0").compute(lv) == 1.0


@SETTINGS
@given(levels(), st.sampled_from([1, 2, 3]))
def test_kl_and_js_of_a_level_with_itself_are_zero(lv: Level, size: int) -> None:
    assert make_metric("tpkl-v0", reference=[lv], size=size).compute(lv) == 0.0
    assert make_metric("tpjs-v0", reference=[lv], size=size).compute(lv) == 0.0


@SETTINGS
@given(levels(), levels())
def test_js_is_symmetric_and_bounded_kl_is_non_negative(a: Level, b: Level) -> None:
    pa, pb = level_patterns(a), level_patterns(b)
    assert js_divergence(pa, pb) == js_divergence(pb, pa)
    assert 0.0 <= js_divergence(pa, pb) <= 1.0
    assert kl_divergence(pa, pb) >= 0.0


@SETTINGS
@given(levels(min_width=16))
def test_ncd_of_a_level_with_itself_is_near_zero(lv: Level) -> None:
    # C(xx) - C(x) is the cost of copying x once more: DEFLATE back-references of at most
    # 258 bytes each (a few bytes apiece), plus a little block overhead.
    text = column_text(lv)
    extra = ncd(lv, lv) * compressed_size(text)
    assert 0.0 <= extra <= 6 * (len(text) // 258 + 1) + 8


@SETTINGS
@given(levels())
def test_synonym_characters_change_no_content_metric(lv: Level) -> None:
    swapped = Level.from_text(
        lv.to_text().translate(str.maketrans({"g": "E", "?": "@", "Q": "!"})), "<swapped>"
    )
    for metric in list_metrics(kind="content"):
        a, b = metric.compute(lv), metric.compute(swapped)
        assert a == b or (math.isnan(a) and math.isnan(b)), metric.name


_EVENT_TYPES = [t for t in EventType if t not in (EventType.WIN, EventType.LOSE)]


@st.composite
def plays(draw: st.DrawFn) -> object:
    """Random hand-built plays: a trajectory, buttons, events and final statistics."""
    n = draw(st.integers(1, 60))
    xs = np.cumsum(draw(st.lists(st.floats(0, 30), min_size=n, max_size=n)))
    ys = draw(st.lists(st.floats(0, 255), min_size=n, max_size=n))
    buttons = draw(st.lists(st.integers(0, int(Button(31))), min_size=n, max_size=n))
    kinds = draw(st.lists(st.sampled_from(_EVENT_TYPES), max_size=30))
    coins_available = draw(st.integers(0, 20))
    status = draw(st.sampled_from([Status.WIN, Status.LOSE, Status.TIME_OUT]))
    return play_result(
        events=[event(k, i, param=draw(st.integers(0, 15))) for i, k in enumerate(kinds)],
        trajectory=list(zip(xs.tolist(), ys, strict=True)),
        buttons=buttons,
        coins_available=coins_available,
        enemies_available=draw(st.integers(0, 20)),
        status=status,
        completion=1.0 if status == Status.WIN else draw(st.floats(0, 1)),
        remaining_time_ms=draw(st.integers(0, 20000)),
        coins=draw(st.integers(0, coins_available)),
        max_x_jump=draw(st.floats(0, 500)),
        max_jump_air_time=draw(st.integers(0, 100)),
    )


@SETTINGS
@given(levels(min_width=16, max_width=40), plays(), plays(), plays())
def test_gameplay_metrics_stay_in_range(lv: Level, a: object, b: object, c: object) -> None:
    named = {"agent": a, "agent-weak": b, "runner": a, "runner-weak": b, "collector": c}
    for metric in list_metrics(kind="gameplay"):
        value = metric.compute(lv, {n: named[n] for n in metric.needs})
        if math.isnan(value):
            assert metric.name in MAY_BE_NAN
        else:
            assert in_range(value, metric.range), (metric.name, value)
