"""The numba cache folder follows the sources compiled code depends on."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mariogen import jit_cache

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def package_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "mariogen"
    shutil.copytree(ROOT / "mariogen", copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(jit_cache, "_PACKAGE", copy)
    return copy


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_digest_follows_compiled_sources_only(package_copy: Path) -> None:
    first = jit_cache.source_digest()
    _append(package_copy / "cli" / "main.py", "\n# a comment\n")
    assert jit_cache.source_digest() == first  # the CLI holds no compiled code
    _append(package_copy / "engine" / "stats.py", "\n# a comment\n")
    second = jit_cache.source_digest()
    assert second != first  # a callee of the planner changed: new folder
    _append(package_copy / "level" / "tiles.py", "\nEXTRA = 1\n")
    assert jit_cache.source_digest() != second  # constants compiled code reads


def _cache_dir(env: dict[str, str]) -> str:
    code = "import os, mariogen; print(os.environ['NUMBA_CACHE_DIR'])"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_configure_uses_the_cache_home_or_the_users_choice(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    folder = Path(_cache_dir(env))
    assert folder == tmp_path / "cache" / "mariogen" / "jit" / jit_cache.source_digest()
    assert folder.is_dir()
    env["NUMBA_CACHE_DIR"] = str(tmp_path / "mine")
    assert _cache_dir(env) == str(tmp_path / "mine")


def test_old_folders_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from numba.core import config

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)  # restored after the test
    monkeypatch.setattr(config, "CACHE_DIR", config.CACHE_DIR)  # likewise
    root = jit_cache.cache_root()
    for i in range(5):
        (root / f"old{i}").mkdir(parents=True)
        os.utime(root / f"old{i}", (i, i))
    current = jit_cache.configure()
    assert current is not None
    kept = sorted(p.name for p in root.iterdir())
    assert kept == sorted([current.name, "old4", "old3"])
