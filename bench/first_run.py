"""Time the README's main command on an empty numba cache (first run) and again (later run).

Usage:
    python bench/first_run.py [--persona collector] [--later 2] [--json]

Runs ``mariogen generate --persona PERSONA -o DIR`` in fresh processes with
``XDG_CACHE_HOME`` pointed at a new temporary folder, so numba's cache (``mariogen/jit``
under it) starts empty: once for the first run, then ``--later`` times for later runs, which
load the compiled code. Prints each run's wall time, the first run's compile time (the
``compiling the game engine`` line's bar, shown on a pseudo-terminal), whether every run wrote
the same level, and the ratios to the targets of the designer's-loop issue (first run at most
60 s, later runs at most 30 s, on an idle 2-core machine).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST_RUN_TARGET_S = 60.0
LATER_RUN_TARGET_S = 30.0
#: The compile bar's elapsed time, ``[00:26<00:00, ...]``.
_BAR_TIME = re.compile(r"compiling the game engine[^\n\r]*\[(\d+):(\d+)<")


def _run(persona: str, out: Path, env: dict[str, str]) -> tuple[float, str]:
    """One run of the command; its wall time and what it printed."""
    command = ["mariogen", "generate", "--persona", persona, "-o", str(out)]
    start = time.perf_counter()
    done = subprocess.run(_on_a_terminal(command), env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"bench/first_run.py: {shlex.join(command)} failed:\n{done.stderr}{done.stdout}")
    return wall, done.stdout + done.stderr


def _on_a_terminal(command: list[str]) -> list[str]:
    """The command under ``script`` (a pseudo-terminal 120 columns wide), so that the
    compile line shows, where ``script`` exists."""
    if sys.platform.startswith("linux") and Path("/usr/bin/script").exists():
        inner = "stty cols 120 rows 40; " + shlex.join(command)
        return ["/usr/bin/script", "-qfec", inner, "/dev/null"]
    return command


def _compile_seconds(output: str) -> float | None:
    found = _BAR_TIME.findall(output)
    if not found:
        return None
    minutes, seconds = found[-1]
    return 60.0 * int(minutes) + int(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persona", default="collector")
    parser.add_argument("--later", type=int, default=2, help="later runs (default 2)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mariogen-first-run-") as tmp:
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        env.pop("NUMBA_CACHE_DIR", None)
        runs, levels, compile_s = [], [], None
        for index in range(1 + args.later):
            out = Path(tmp) / f"out{index}"
            wall, output = _run(args.persona, out, env)
            if index == 0:
                compile_s = _compile_seconds(output)
            runs.append(wall)
            levels.append((out / "level.txt").read_bytes())
    later = runs[1:]
    figures = {
        "first_run_s": round(runs[0], 1),
        "compile_s": compile_s,
        "later_runs_s": [round(t, 1) for t in later],
        "same_level": all(level == levels[0] for level in levels),
        "first_run_over_target": round(runs[0] / FIRST_RUN_TARGET_S, 2),
        "later_run_over_target": round(max(later) / LATER_RUN_TARGET_S, 2) if later else None,
        "cores": os.cpu_count(),
    }
    if args.json:
        print(json.dumps(figures, indent=1))
        return
    print(
        f"first run: {figures['first_run_s']} s (compiling {compile_s} s); "
        f"target {FIRST_RUN_TARGET_S:g} s, "
        f"ratio {figures['first_run_over_target']}"
    )
    if later:
        print(
            f"later runs: {', '.join(f'{t} s' for t in figures['later_runs_s'])}; "
            f"target {LATER_RUN_TARGET_S:g} s, "
            f"ratio {figures['later_run_over_target']}"
        )
    print(f"same level every run: {figures['same_level']}; cores: {figures['cores']}")


if __name__ == "__main__":
    main()
