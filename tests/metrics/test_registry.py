"""The metric registry: names, metadata, parameters, functions, and entry-point plug-ins."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mariogen.metrics import (
    AGENT,
    BaseMetric,
    Direction,
    Kind,
    Metric,
    describe,
    list_metrics,
    make_metric,
    metric_names,
    register_metric,
)
from mariogen.metrics import registry as registry_module
from tests.metrics.fixtures import FLAT, MIXED, level, play_result

NAME_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*-v\d+$"


def test_at_least_24_metrics_each_fully_described() -> None:
    metrics = list_metrics()
    assert len(metrics) >= 24
    for m in metrics:
        assert isinstance(m, Metric)
        assert m.name and m.description and m.source, m.name
        assert m.kind in (Kind.CONTENT, Kind.GAMEPLAY) and m.kind in ("content", "gameplay")
        assert m.direction in ("maximise", "minimise", "none")
        assert m.formula, f"{m.name} has no Formula: paragraph"
        lo, hi = m.range
        assert lo is None or hi is None or lo < hi
        assert (m.kind == "content") == (m.needs == ()), m.name


def test_names_are_versioned_and_sorted() -> None:
    names = metric_names()
    assert names == sorted(names)
    for name in names:
        assert re.fullmatch(NAME_PATTERN, name), name


def test_kind_filter() -> None:
    content = list_metrics(kind="content")
    gameplay = list_metrics(kind="gameplay")
    assert len(content) + len(gameplay) == len(metric_names())
    assert all(m.needs == () for m in content)
    assert {m.name for m in gameplay} >= {"coin-rate-v0", "ability-gap-v0"}


def test_generator_contract() -> None:
    metric = make_metric("coin-rate-v0")
    assert (metric.name, metric.kind, metric.needs) == ("coin-rate-v0", "gameplay", (AGENT,))
    assert metric.range == (0.0, 1.0) and metric.direction == "none"
    p = play_result(coins=2, coins_available=4)
    assert metric.compute(level(FLAT), {"agent": p}) == 0.5
    assert make_metric("leniency-v0").needs == ()


def test_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(KeyError, match=r"known metrics: .*linearity-v0"):
        make_metric("linearity")


def test_missing_play_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="needs the plays of 'agent'"):
        make_metric("coins-v0").compute(level(FLAT), {})


def test_make_metric_from_a_function() -> None:
    def width(lv, plays):  # type: ignore[no-untyped-def]
        """Level width in tiles."""
        return lv.width

    metric = make_metric(width)
    assert (metric.name, metric.kind, metric.description) == ("width", "content", width.__doc__)
    assert metric.compute(level(MIXED)) == 16.0
    coins = make_metric(lambda lv, plays: plays["agent"].result.coins, name="c", needs=("agent",))
    assert coins.kind == "gameplay" and coins.needs == ("agent",)
    assert coins.compute(level(FLAT), {"agent": play_result(coins=7)}) == 7.0


def test_make_metric_from_a_class_or_an_instance() -> None:
    cls = type(make_metric("negative-space-v0"))
    built = make_metric(cls, reach=2)
    assert built.params["reach"] == 2
    assert make_metric(built) is built
    with pytest.raises(TypeError, match="already built"):
        make_metric(built, reach=3)


def test_register_a_new_metric_and_describe_it() -> None:
    @register_metric
    class Columns(BaseMetric):
        """Columns.

        Formula: columns = W.
        """

        name = "test-columns-v0"
        kind = Kind.CONTENT
        description = "level width"
        source = "test"
        range = (1.0, None)
        direction = Direction.MAXIMISE

        def value(self, lv, plays):  # type: ignore[no-untyped-def]
            return lv.width

    try:
        assert "test-columns-v0" in metric_names()
        info = describe(make_metric("test-columns-v0"))
        assert info["formula"] == "columns = W."
        assert info["range"] == [1.0, None] and info["direction"] == "maximise"
        assert repr(make_metric("test-columns-v0")) == "make_metric('test-columns-v0')"
    finally:
        registry_module.METRICS.unregister("test-columns-v0")


@pytest.fixture
def plugin_dist(tmp_path: Path) -> Iterator[Path]:
    """A real (unpacked) distribution declaring two metrics in the entry-point group."""
    (tmp_path / "mariogen_test_plugin.py").write_text(
        "from mariogen.metrics import BaseMetric\n\n"
        "class Rows(BaseMetric):\n"
        '    """Rows.\n\n    Formula: rows = 16.\n    """\n\n'
        '    name = "plugin-rows-v0"\n'
        '    description = "rows"\n'
        '    source = "plug-in test"\n\n'
        "    def value(self, level, plays):\n"
        "        return level.height\n"
    )
    info = tmp_path / "mariogen_test_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: mariogen-test-plugin\n")
    (info / "entry_points.txt").write_text(
        "[mariogen.metrics]\n"
        "plugin-rows-v0 = mariogen_test_plugin:Rows\n"
        "plugin-broken-v0 = mariogen_test_plugin:Missing\n"
    )
    sys.path.insert(0, str(tmp_path))
    registry_module.METRICS.reload_plugins()
    try:
        yield tmp_path
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("mariogen_test_plugin", None)
        registry_module.METRICS.reload_plugins()


def test_entry_point_plugins_register(plugin_dist: Path) -> None:
    with pytest.warns(RuntimeWarning, match="plugin-broken-v0"):
        names = metric_names()
    assert "plugin-rows-v0" in names and "plugin-broken-v0" not in names
    assert make_metric("plugin-rows-v0").compute(level(FLAT)) == 16.0
