"""Time ``mariogen evaluate`` on the shared original levels: plays, metrics and the table.

Usage:
    python bench/evaluate.py [--agents runner,collector,killer] [--workers N] [--json] [LEVEL ...]

Runs the whole command once (``--metrics all``, tidy CSV into a temporary folder) after a
one-play warm-up that loads the numba caches, and prints the wall time, the number of rows
and of plays. The target is under 60 s on 2 cores for the 15 original levels with the three
personas.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from mariogen.cli.main import main as mariogen  # noqa: E402
from mariogen.metrics import metric_names  # noqa: E402


def _default_levels() -> list[Path]:
    root = Path(os.environ.get("MARIOGEN_REFERENCE", REPO_ROOT.parent / "shared"))
    files = sorted((root / "levels" / "original").glob("*.txt"))
    return files or sorted((REPO_ROOT / "levels" / "examples").glob("*.txt"))


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("levels", nargs="*", type=Path)
    parser.add_argument("--agents", default="runner,collector,killer")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    levels = [str(p) for p in (args.levels or _default_levels())]
    agents = args.agents.split(",")
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        mariogen(["evaluate", levels[0], "--agents", agents[0], "--metrics", "completion-v0"])
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "table.csv"
        argv = ["evaluate", *levels, "--agents", args.agents, "--metrics", "all"]
        argv += ["-o", str(out), "--workers", str(args.workers), "--no-progress"]
        start = time.perf_counter()
        with (
            contextlib.redirect_stdout(io.StringIO()),
            contextlib.redirect_stderr(io.StringIO()) as err,
        ):
            status = mariogen(argv)
        wall = time.perf_counter() - start
        rows = sum(1 for _ in out.open()) - 1 if out.exists() else 0
    figures = {
        "levels": len(levels),
        "agents": len(agents),
        "metrics": len(metric_names()),
        "rows": rows,
        "expected_rows": len(levels) * len(agents) * len(metric_names()),
        "workers": args.workers,
        "wall_seconds": round(wall, 2),
        "target_seconds": 60,
        "ratio_to_target": round(wall / 60, 3),
        "status": status,
        "warnings": [line for line in err.getvalue().splitlines() if "warning" in line],
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:>15}: {value}")
    return 0 if status == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
