"""Time ``render_level_png`` on every shared level (or on the given level files).

Usage:
    python bench/render.py [--scale S] [LEVEL ...]

Prints one line per level and a summary; the target is under 1 s per level.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from mariogen.level import Level  # noqa: E402
from mariogen.render import render_level_png  # noqa: E402


def _default_levels() -> list[Path]:
    root = Path(os.environ.get("MARIOGEN_REFERENCE", REPO_ROOT.parent / "shared"))
    files = sorted((root / "levels").glob("*/*.txt"))
    return files or sorted((REPO_ROOT / "levels" / "examples").glob("*.txt"))


def main() -> int:
    """Run the benchmark and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("levels", nargs="*", type=Path)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    paths = args.levels or _default_levels()
    times = []
    with tempfile.TemporaryDirectory() as folder:
        # The first call pays for importing pygame and drawing the art; report it apart.
        start = time.perf_counter()
        render_level_png(Level.read(paths[0]), Path(folder) / "warm.png", args.scale)
        cold = time.perf_counter() - start
        for path in paths:
            start = time.perf_counter()
            level = Level.read(path)
            size = render_level_png(level, Path(folder) / "out.png", args.scale)
            elapsed = time.perf_counter() - start
            times.append(elapsed)
            print(f"{elapsed * 1000:7.1f} ms  {size[0]:5d} x {size[1]:4d} px  {path}")
    print(
        f"{len(times)} levels at scale {args.scale}: mean {sum(times) / len(times) * 1000:.1f} ms,"
        f" max {max(times) * 1000:.1f} ms; first call (pygame import + art) {cold * 1000:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
