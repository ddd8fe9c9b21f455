"""A short, seeded run of ``bench/fuzz.py``: every loader meets hostile files and raises only
its documented error (the long run: ``python bench/fuzz.py --inputs 100000``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import reference_path

REPO = Path(__file__).resolve().parents[1]
LOADERS = ("level", "replay", "card", "policy", "config", "checkpoint", "library", "trace")


def test_a_short_fuzz_of_every_loader_finds_no_uncaught_exception(
    tmp_path: Path, reference_dir: Path
) -> None:
    figures = tmp_path / "fuzz.json"
    script = str(REPO / "bench" / "fuzz.py")
    out = ["--out", str(tmp_path / "crashes"), "--json", str(figures)]
    done = subprocess.run(
        [sys.executable, script, "--inputs", "300", "--seed", "0", *out],
        env={**os.environ, "MARIOGEN_REFERENCE": str(reference_path())},
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(figures.read_text())
    assert set(report) == set(LOADERS)
    shipped_policies = list((REPO / "agents").glob("*.npz"))
    for name in LOADERS:
        if name == "policy" and not shipped_policies:
            assert "skipped" in report[name]  # no policy file to start from in this checkout
            continue
        assert report[name]["inputs"] == 300, (name, report[name])
        assert report[name]["crash_count"] == 0, (name, report[name])
        assert report[name]["loaded"] > 0 and report[name]["refused"] > 0, (name, report[name])
