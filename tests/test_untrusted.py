"""Nothing a user supplies is unpickled or evaluated: a static check of the package's sources.

Files are parsed (JSON, TOML, CSV, text); arrays would be read with
``np.load(..., allow_pickle=False)``. This test fails when a module starts to call a loader
that runs code from its input.
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "mariogen"
#: Calls that run code from their input.
FORBIDDEN = re.compile(
    r"\bpickle\.loads?\(|\bmarshal\.loads?\(|\bshelve\.open\(|\btorch\.load\(|"
    r"\byaml\.(?:unsafe_)?load\(|(?<![\w.])eval\(|(?<![\w.])exec\(|dill\.loads?\("
)
NP_LOAD = re.compile(r"\b(?:np|numpy)\.load\(([^)]*)\)")


def _sources() -> list[tuple[Path, str]]:
    return [(p, p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))]


def test_no_module_unpickles_or_evaluates_its_input() -> None:
    found = []
    for path, text in _sources():
        for number, line in enumerate(text.splitlines(), start=1):
            code = line.split("#", 1)[0]
            if FORBIDDEN.search(code) and not _round_trip_check(code):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}")
    assert found == []


def test_every_np_load_refuses_pickles() -> None:
    calls = [
        f"{path.name}: np.load({args})"
        for path, text in _sources()
        for args in NP_LOAD.findall(text)
        if "allow_pickle=False" not in args
    ]
    assert calls == []


def _round_trip_check(code: str) -> bool:
    """``pickle.loads(pickle.dumps(x))`` of the program's own object (a picklability check,
    as the executor seam does for exceptions) reads nothing a user supplied."""
    return "pickle.loads(pickle.dumps(" in code.replace(" ", "")
