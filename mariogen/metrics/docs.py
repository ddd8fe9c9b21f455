"""The metrics table of ``mariogen/metrics/README.md``, generated from the registry.

Regenerate the README's table after adding or changing a metric::

    python -m mariogen.metrics.docs > /tmp/table.md   # then paste it between the markers

``tests/metrics/test_docs.py`` fails while the README's table differs from this output.
"""

from __future__ import annotations

from mariogen.metrics.registry import list_metrics

#: The README lines that enclose the generated table.
BEGIN, END = "<!-- metrics-table:begin -->", "<!-- metrics-table:end -->"


def _cell(text: str) -> str:
    return text.replace("|", r"\|").replace("<", "&lt;").replace(">", "&gt;")


def _bound(value: float | None, infinite: str) -> str:
    return infinite if value is None else f"{value:g}"


def markdown_table() -> str:
    """One row per registered metric: name, kind, needs, range, direction, formula, source."""
    lines = [
        "| metric | kind | needs | range | direction | formula | source |",
        "|---|---|---|---|---|---|---|",
    ]
    for m in list_metrics():
        lo, hi = m.range
        cells = [
            f"`{m.name}`",
            str(m.kind),
            ", ".join(f"`{n}`" for n in m.needs) or "-",
            f"[{_bound(lo, '-inf')}, {_bound(hi, 'inf')}]",
            str(m.direction),
            _cell(getattr(m, "formula", "") or m.description),
            _cell(m.source),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(markdown_table(), end="")
