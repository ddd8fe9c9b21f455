"""Build the whole segment library and check its figures (too slow for a unit test).

Usage:
    python bench/segments.py [-o DIR] [--twice]

Runs ``levels/segments/build.py`` (every segment of the catalogue played alone by run-right,
runner and runner-weak) into DIR (default: a temporary folder), prints the build's figures,
and checks what issue 12 asks of the library: at least 300 segments, fewer than half
finished alone by run-right, every one finished by the runner, and every height entered by
at least 60 segments. ``--twice`` builds a second time and checks that every file is the
same, byte for byte. Exit status 1 when a check fails.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from mariogen.level.library import SegmentLibrary  # noqa: E402
from mariogen.level.segments import HEIGHTS  # noqa: E402

BUILD = REPO_ROOT / "levels" / "segments" / "build.py"


def _build_module():
    spec = importlib.util.spec_from_file_location("segments_build", BUILD)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _checks(library: SegmentLibrary) -> list[str]:
    """The failed checks of a built library (empty when all pass)."""
    n = len(library)
    failed = []
    if n < 300:
        failed.append(f"only {n} segments (want at least 300)")
    run_right = sum(seg.checked_by == "run-right" for seg in library)
    if run_right * 2 >= n:
        failed.append(f"run-right finishes {run_right} of {n} alone (want under half)")
    unfinished = [seg.id for seg in library if seg.completion.get("runner") != 1.0]
    if unfinished:
        failed.append(f"the runner does not finish {len(unfinished)}: {unfinished[:5]}")
    for height in HEIGHTS:
        if len(library.entering(height)) < 60:
            failed.append(f"only {len(library.entering(height))} segments enter at {height}")
    return failed


def _same_files(a: Path, b: Path) -> list[str]:
    names = sorted(p.name for p in a.iterdir())
    if names != sorted(p.name for p in b.iterdir()):
        return ["the two builds wrote different files"]
    return [f"{n} differs" for n in names if (a / n).read_bytes() != (b / n).read_bytes()]


def main() -> int:
    """Build, print the figures, check them; 0 when every check passes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, help="library folder (default: temporary)")
    parser.add_argument("--twice", action="store_true", help="build again and compare")
    args = parser.parse_args()
    build = _build_module()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.output or Path(tmp) / "library"
        start = time.perf_counter()
        if build.main(["-o", str(out)]) != 0:
            return 1
        print(f"bench: full build {time.perf_counter() - start:.1f} s")
        failed = _checks(SegmentLibrary.load(out))
        if args.twice:
            again = Path(tmp) / "again"
            build.main(["-o", str(again), "--no-progress"])
            failed += _same_files(out, again)
    for line in failed:
        print(f"FAIL: {line}")
    print("bench: all checks pass" if not failed else f"bench: {len(failed)} checks fail")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
