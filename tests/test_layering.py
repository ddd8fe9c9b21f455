"""The package's layering, checked statically over every import, including the module names
that code imports by string (``importlib.import_module``, lazy-attribute tables).

The layers are the ones ``pyproject.toml`` gives import-linter (CI also runs
``lint-imports``); this test adds what import-linter cannot see: imports by string.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "mariogen"
_MODULE_NAME = re.compile(r"mariogen(\.[A-Za-z_]\w*)+")


def _layers() -> list[set[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    return [
        {f"mariogen.{name.strip()}" for name in layer.split("|")} for layer in contract["layers"]
    ]


def _subpackage(module: str) -> str:
    return ".".join(module.split(".")[:2])


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def imported_modules(path: Path) -> set[str]:
    """Every mariogen module a source file imports: statements anywhere in the file (but
    annotation-only ``TYPE_CHECKING`` blocks), and strings that name a mariogen module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", 0) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _MODULE_NAME.fullmatch(node.value)
        ):
            found.add(node.value)
    return {name for name in found if name.startswith("mariogen.") and _exists(name)}


def _exists(module: str) -> bool:
    """Whether ``module`` names a module of the package (not, say, an entry-point group)."""
    path = ROOT.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def subpackage_graph() -> dict[str, set[str]]:
    """Sub-package -> the sub-packages it imports (the package root ``mariogen`` left out)."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts == ("mariogen", "__init__") or parts == ("mariogen", "__main__"):
            continue
        source = _subpackage(".".join(parts))
        targets = {_subpackage(m) for m in imported_modules(path)} - {source}
        graph.setdefault(source, set()).update(targets)
    return graph


def test_every_subpackage_has_a_layer() -> None:
    layered = set().union(*_layers())
    assert set(subpackage_graph()) <= layered, set(subpackage_graph()) - layered


def test_imports_only_go_down_the_layers() -> None:
    rank = {name: i for i, layer in enumerate(_layers()) for name in layer}
    bad = [
        f"{source} -> {target}"
        for source, targets in subpackage_graph().items()
        for target in targets
        if rank[target] <= rank[source]
    ]
    assert not bad, "imports up (or across independent siblings): " + ", ".join(sorted(bad))


def test_no_cycle_between_subpackages() -> None:
    graph = subpackage_graph()
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                pytest.fail("import cycle: " + " -> ".join([*path, node, nxt]))
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])


def test_the_check_sees_imports_by_string(tmp_path: Path) -> None:
    """A module imported through ``import_module("...")`` counts as imported."""
    source = tmp_path / "m.py"
    source.write_text(
        "import importlib\nfrom typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from mariogen.cli import main\n"
        "def f():\n    return importlib.import_module('mariogen.level.tiles')\n",
        encoding="utf-8",
    )
    assert imported_modules(source) == {"mariogen.level.tiles"}
