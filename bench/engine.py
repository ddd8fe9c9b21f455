"""Engine benchmark: ticks per second with a clone every tick, step and clone cost, start-up.

Plays the 15 original levels (small Mario, 20 s) with three agents, cloning the game for the
agent on every loop iteration as the framework's game loop does:

- do-nothing: presses nothing (every level runs 666 iterations unless an enemy arrives);
- right+speed: always RIGHT and SPEED;
- random: the seeded ``random`` baseline agent.

Then times ``Game.step`` and ``Game.clone`` alone, and the start-up of a fresh process with a
cold numba cache (compiling) and with the cache filled.

Usage::

    python bench/engine.py                # a table
    python bench/engine.py --json         # one JSON object
    python bench/engine.py --levels DIR   # other levels (default: ../shared/levels/original)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from mariogen.agents import RandomAgent
from mariogen.engine import Button, Game
from mariogen.level import Level

REPO = Path(__file__).resolve().parents[1]
DEFAULT_LEVELS = REPO.parent / "shared" / "levels" / "original"
#: Figures from the engine issue, for the ratios printed.
JAVA_TICKS_PER_S = 30_868
PYTHON_PORT_TICKS_PER_S = 671
TARGET_TICKS_PER_S = 62_000

_STARTUP = """
import time
t0 = time.perf_counter()
from mariogen.engine import Game
from mariogen.level import Level
level = Level.read({level!r})
game = Game.new(level, 0)
game.clone().step(2)
game.step(2)
print(time.perf_counter() - t0)
"""


def _play_all(levels: list[Level], choose) -> tuple[int, float]:
    """Iterations and seconds to play every level, cloning for the agent each iteration."""
    total = 0
    start = time.perf_counter()
    for level in levels:
        game = Game.new(level, 0, 20)
        while game.running:
            game.step(choose(game.clone()))
            total += 1
    return total, time.perf_counter() - start


def agent_throughput(levels: list[Level], repeats: int) -> dict[str, float]:
    """Game ticks (loop iterations) per second for the three agents, best of ``repeats``."""
    random_agent = RandomAgent(seed=1)
    agents = {
        "do-nothing": lambda game: 0,
        "right+speed": lambda game: int(Button.RIGHT | Button.SPEED),
        "random": lambda game: int(random_agent.act(game)),
    }
    out = {}
    for name, choose in agents.items():
        best = 0.0
        for _ in range(repeats):
            random_agent.reset(levels[0], 0)
            ticks, seconds = _play_all(levels, choose)
            best = max(best, ticks / seconds)
        out[name] = best
    return out


def step_and_clone_us(level: Level, n: int = 50_000) -> dict[str, float]:
    """Mean microseconds of ``Game.step`` (running right) and ``Game.clone``."""
    game = Game.new(level, 0, 0)
    buttons = int(Button.RIGHT | Button.SPEED)
    start = time.perf_counter()
    for _ in range(n):
        game.step(buttons)
    step_us = (time.perf_counter() - start) / n * 1e6
    start = time.perf_counter()
    for _ in range(n):
        game.clone()
    clone_us = (time.perf_counter() - start) / n * 1e6
    return {"step_us": step_us, "clone_us": clone_us}


def startup_seconds(level_path: Path) -> dict[str, float]:
    """Start-up of a fresh process: with an empty numba cache, then with it filled."""
    code = _STARTUP.format(level=str(level_path))
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, NUMBA_CACHE_DIR=cache)
        times = []
        for _ in range(2):
            out = subprocess.run(
                [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
            )
            times.append(float(out.stdout.strip()))
    return {"cold_jit_s": times[0], "cached_jit_s": times[1]}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table or JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=Path, default=DEFAULT_LEVELS)
    parser.add_argument("--repeats", type=int, default=3, help="best of N runs per agent")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up timing")
    args = parser.parse_args(argv)
    paths = sorted(args.levels.glob("*.txt"))
    if not paths:
        parser.error(f"no levels in {args.levels}")
    levels = [Level.read(p) for p in paths]
    _play_all(levels[:1], lambda game: 0)  # load compiled code before timing
    report: dict[str, object] = {"levels": len(levels), "numpy": np.__version__}
    report["ticks_per_s"] = agent_throughput(levels, args.repeats)
    report.update(step_and_clone_us(levels[0]))
    if not args.no_startup:
        report.update(startup_seconds(paths[0]))
    if args.json:
        print(json.dumps(report))
        return 0
    print(f"{len(levels)} levels from {args.levels}, small Mario, 20 s, clone every tick")
    for name, rate in report["ticks_per_s"].items():
        print(
            f"  {name:12s} {rate:10,.0f} ticks/s   x{rate / JAVA_TICKS_PER_S:.2f} Java"
            f"   x{rate / PYTHON_PORT_TICKS_PER_S:.0f} Python port"
            f"   x{rate / TARGET_TICKS_PER_S:.2f} target"
        )
    print(f"  step  {report['step_us']:.2f} us   clone {report['clone_us']:.2f} us")
    if "cold_jit_s" in report:
        cold, cached = report["cold_jit_s"], report["cached_jit_s"]
        print(f"  start-up: cold JIT {cold:.1f} s, cached {cached:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
