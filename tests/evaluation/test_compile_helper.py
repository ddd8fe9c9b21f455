"""The first run's helper process: it compiles the planner's engine-free part, and this
process then loads that part from the cache instead of compiling it again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mariogen.evaluation.compile_helper import CompileHelper
from mariogen.evaluation.warmup import TINY_LEVEL

#: A cold first run in a fresh interpreter: which functions this process compiled, and how
#: many the helper did.
_COLD_RUN = """
import json
from numba.core import event
from mariogen.evaluation import warmup

shared = []
share = warmup.CompileHelper.share_planner
warmup.CompileHelper.share_planner = lambda self: shared.append(share(self)) or shared[-1]
with event.install_recorder("numba:compile") as record:
    warmup.compile_first(True, progress=False)
names = sorted(
    ev.data["dispatcher"].py_func.__qualname__
    for _, ev in record.buffer
    if ev.is_start and ev.data["dispatcher"].py_func.__module__.startswith("mariogen")
)
print(json.dumps({"helper": shared, "here": names}))
"""

#: Some of the planner's functions that the helper compiles.
_HELPER_PART = {"_reuse_tree", "reroot", "_rescore", "_watch", "start_search", "search"}


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the helper runs only with 2+ cores")
def test_a_cold_first_run_shares_the_planner_with_the_helper(tmp_path: Path) -> None:
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path / "cache")}
    out = subprocess.run(
        [sys.executable, "-c", _COLD_RUN], env=env, capture_output=True, text=True, check=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    (helper_compiled,) = result["helper"]
    assert helper_compiled >= len(_HELPER_PART)
    here = set(result["here"])
    assert here.isdisjoint(_HELPER_PART)  # loaded from the helper's cache, not compiled again
    assert {"decide", "_reroot", "seed", "world_update"} <= here


def test_a_helper_never_started_gives_nothing() -> None:
    helper = CompileHelper(TINY_LEVEL)
    assert not helper.started
    assert helper.share_planner() == 0
    helper.stop()  # harmless


def test_the_helper_needs_the_on_disk_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    helper = CompileHelper(TINY_LEVEL)
    assert not helper.useful()
    helper.start()
    assert not helper.started


def test_a_failed_helper_counts_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NUMBA_CACHE_DIR", "/nonexistent/cache")
    monkeypatch.setattr(sys, "executable", "/bin/false")
    helper = CompileHelper(TINY_LEVEL)
    helper.start()
    assert helper.started or not helper.useful()
    assert helper.share_planner() == 0
    assert not helper.started
