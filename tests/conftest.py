"""Shared fixtures: the reference data in ``../shared`` and the project's example levels.

The reference data (levels and Java traces) lives outside the repository, at ``../shared``
relative to the repository root, or wherever ``$MARIOGEN_REFERENCE`` points. When it is
missing, tests that need it are skipped with a clear reason, except under ``CI=true``, where a
missing reference is a failure.

Fixtures:
    reference_dir: the reference folder.
    shared_levels / shared_traces: every shared level file / every trace (main and extra).
    shared_level / shared_trace: one test per level file / per trace (parametrized).
    example_levels: the levels in ``levels/examples`` (always present).
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
EXAMPLES_DIR = REPO_ROOT / "levels" / "examples"


def reference_path() -> Path:
    """Where the reference data should be: ``$MARIOGEN_REFERENCE`` or ``../shared``."""
    env = os.environ.get("MARIOGEN_REFERENCE")
    return Path(env) if env else REPO_ROOT.parent / "shared"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _missing(what: str) -> None:
    reason = (
        f"reference data not found: {what} (looked in {reference_path()}; "
        "put the shared folder at ../shared or set MARIOGEN_REFERENCE)"
    )
    if _in_ci():
        pytest.fail(f"{reason}; it is required when CI=true", pytrace=False)
    pytest.skip(reason)


def _level_files(root: Path) -> list[Path]:
    return sorted((root / "levels").glob("*/*.txt"))


def _trace_files(root: Path) -> list[Path]:
    return sorted((root / "traces").glob("*.json.gz")) + sorted(
        (root / "traces" / "extra").glob("*.json.gz")
    )


def load_trace(path: Path) -> dict[str, Any]:
    """Read a gzipped JSON reference trace."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """The reference folder (skips, or fails under CI=true, when it is missing)."""
    root = reference_path()
    if not (root / "levels").is_dir():
        _missing(f"{root / 'levels'} is not a folder")
    return root


@pytest.fixture(scope="session")
def shared_levels(reference_dir: Path) -> list[Path]:
    """Every level file under ``<reference>/levels/*/``."""
    files = _level_files(reference_dir)
    if not files:
        _missing("no level files under levels/")
    return files


@pytest.fixture(scope="session")
def shared_traces(reference_dir: Path) -> list[Path]:
    """Every reference trace: ``traces/*.json.gz`` and ``traces/extra/*.json.gz``."""
    files = _trace_files(reference_dir)
    if not files:
        _missing("no traces under traces/")
    return files


def _discover(kind: str) -> list[Path | None]:
    root = reference_path()
    files = _level_files(root) if kind == "level" else _trace_files(root)
    return list(files) or [None]


def _param_id(path: Path | None) -> str:
    if path is None:
        return "reference-missing"
    return f"{path.parent.name}/{path.name}"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize ``shared_level`` and ``shared_trace`` with one test per reference file."""
    for name, kind in (("shared_level", "level"), ("shared_trace", "trace")):
        if name in metafunc.fixturenames:
            paths = _discover(kind)
            metafunc.parametrize(name, paths, ids=[_param_id(p) for p in paths], indirect=True)


@pytest.fixture
def shared_level(request: pytest.FixtureRequest) -> Path:
    """One shared level file (the test is repeated for each)."""
    if request.param is None:
        _missing("no level files under levels/")
    return request.param


@pytest.fixture
def shared_trace(request: pytest.FixtureRequest) -> Path:
    """One reference trace file (the test is repeated for each)."""
    if request.param is None:
        _missing("no traces under traces/")
    return request.param


@pytest.fixture(scope="session")
def example_levels() -> list[Path]:
    """The project's own example levels in ``levels/examples``."""
    files = sorted(EXAMPLES_DIR.glob("*.txt"))
    assert files, f"no example levels in {EXAMPLES_DIR}"
    return files
