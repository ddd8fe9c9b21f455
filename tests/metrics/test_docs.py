"""mariogen/metrics/README.md lists every metric, with the registry's formulas and sources."""

from __future__ import annotations

from pathlib import Path

from mariogen.metrics import metric_names
from mariogen.metrics.docs import BEGIN, END, markdown_table

README = Path(__file__).resolve().parents[2] / "mariogen" / "metrics" / "README.md"


def test_readme_table_is_the_generated_one() -> None:
    text = README.read_text(encoding="utf-8")
    table = text.split(BEGIN + "\n", 1)[1].split(END, 1)[0]
    assert table == markdown_table(), "regenerate it: python -m mariogen.metrics.docs"


def test_readme_lists_every_metric_with_a_formula_and_a_source() -> None:
    rows = [line for line in markdown_table().splitlines() if line.startswith("| `")]
    assert len(rows) == len(metric_names())
    for name, row in zip(metric_names(), rows, strict=True):
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        assert cells[0] == f"`{name}`"
        assert cells[-2] and cells[-1], name
