"""agents/README.md documents every planner parameter and cost term the code has, with the
code's defaults, and shows the real collector card."""

from __future__ import annotations

import re
from pathlib import Path

from mariogen.agents.astar import agent
from mariogen.agents.astar.agent import DEFAULT_PARAMS
from mariogen.agents.astar.costs import COST_TERMS, DEFAULT_SPECIAL

REPO_ROOT = Path(__file__).resolve().parents[2]
README = REPO_ROOT / "agents" / "README.md"


def _text(value: float) -> str:
    """A default as the README writes it: 176.0 -> "176", 0.2 -> "0.2", -1 -> "-1"."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _table(heading: str) -> dict[str, str]:
    """The rows of the table under ``heading``: each backquoted name of the first cell ->
    the second cell (the default)."""
    section = README.read_text(encoding="utf-8").split(f"\n{heading}\n", 1)[1]
    section = section.split("\n#", 1)[0]
    rows: dict[str, str] = {}
    for line in section.splitlines():
        if not line.startswith("| `"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        for name in re.findall(r"`([^`]+)`", cells[0]):
            assert name not in rows, f"{name} has two rows under {heading}"
            rows[name] = cells[1]
    return rows


def test_readme_lists_every_planner_parameter_with_its_default() -> None:
    rows = _table("### `[planner]` parameters")
    assert list(rows) == list(DEFAULT_PARAMS), "one row per DEFAULT_PARAMS key, in its order"
    for key, value in DEFAULT_PARAMS.items():
        assert rows[key] == _text(value), f"{key}: README says {rows[key]}, code {value}"


def test_readme_lists_every_cost_term_with_its_default() -> None:
    rows = _table("### `[cost]` terms")
    assert set(rows) == set(COST_TERMS)
    for term in COST_TERMS:
        assert rows[term] == _text(DEFAULT_SPECIAL.get(term, 0.0)), term


def test_agent_docstring_lists_every_planner_parameter_with_its_default() -> None:
    doc = agent.__doc__ or ""
    for key, value in DEFAULT_PARAMS.items():
        assert re.search(rf"^``{key}``\s+{re.escape(_text(value))}\s", doc, re.M), key


def test_readme_example_card_is_the_collector_card() -> None:
    text = README.read_text(encoding="utf-8")
    example = text.split("## A card\n", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    card = (REPO_ROOT / "agents" / "collector.toml").read_text(encoding="utf-8")
    assert example == card, "copy agents/collector.toml into the README's example"
