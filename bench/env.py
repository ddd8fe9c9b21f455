"""Throughput of the Gymnasium environment, and the time of a replay's GIF export.

Usage:
    python bench/env.py [--steps N] [--rgb-steps N] [--rounds R] [--level LEVEL] [--json]

Measures ``env.step`` in steps per second with random buttons (episodes reset as they end,
resets included; the best of ``--rounds`` runs) for the grid observation, raw and through
``gymnasium.make`` with ``DiscreteActions``, and for the rgb observation; then the engine
alone (``Game.step``) for comparison, and the export of a 20 s replay to a GIF. The target
for the grid observation is 20,000 steps/s. ``--json`` prints one JSON object instead.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import gymnasium  # noqa: E402
import numpy as np  # noqa: E402

import mariogen  # noqa: E402, F401
from mariogen.agents import play  # noqa: E402
from mariogen.engine import Game  # noqa: E402
from mariogen.envs.actions import DiscreteActions  # noqa: E402
from mariogen.envs.mario_env import DEFAULT_LEVEL, MarioEnv  # noqa: E402
from mariogen.level import Level  # noqa: E402

TARGET_GRID = 20_000


def _steps_per_second(env: gymnasium.Env, actions: list, rounds: int) -> float:
    """The best of ``rounds`` runs (the machine is shared: the best is the least disturbed)."""
    env.reset(seed=0)
    for action in actions[:200]:  # warm-up: compiled code loaded, caches filled
        env.step(action)
    best = 0.0
    for _ in range(rounds):
        env.reset(seed=0)
        start = time.perf_counter()
        for action in actions:
            _, _, terminated, truncated, _ = env.step(action)
            if terminated or truncated:
                env.reset()
        best = max(best, len(actions) / (time.perf_counter() - start))
    return best


def _engine_steps_per_second(level: Level, buttons: np.ndarray, rounds: int) -> float:
    best = 0.0
    for _ in range(rounds):
        game = Game.new(level)
        start = time.perf_counter()
        for pressed in buttons.tolist():
            game.step(pressed)
            if not game.running:
                game = Game.new(level)
        best = max(best, len(buttons) / (time.perf_counter() - start))
    return best


def measure(level_path: Path, steps: int, rgb_steps: int, rounds: int) -> dict[str, float]:
    """Run every measurement; returns the figures by name."""
    rng = np.random.default_rng(0)
    level = Level.read(level_path)
    binary = list(rng.integers(0, 2, size=(steps, 5), dtype=np.int8))
    discrete = rng.integers(0, 7, size=steps).tolist()
    wrapped = DiscreteActions(gymnasium.make("mariogen/Mario-v0", level=level), "simple")
    figures = {
        "grid_steps_per_s": _steps_per_second(MarioEnv(level), binary, rounds),
        "grid_make_discrete_steps_per_s": _steps_per_second(wrapped, discrete, rounds),
        "rgb_steps_per_s": _steps_per_second(
            MarioEnv(level, obs_type="rgb"), binary[:rgb_steps], rounds
        ),
    }
    packed = (np.stack(binary) * (1 << np.arange(5))).sum(axis=1).astype(np.uint8)
    figures["engine_steps_per_s"] = _engine_steps_per_second(level, packed, rounds)
    figures["grid_target_ratio"] = figures["grid_steps_per_s"] / TARGET_GRID
    figures["grid_vs_engine"] = figures["grid_steps_per_s"] / figures["engine_steps_per_s"]
    figures.update(_gif_export(level))
    return figures


def _gif_export(level: Level) -> dict[str, float]:
    from mariogen.render.export import export_gif
    from mariogen.render.timeline import Timeline

    replay = play("random", level, time_limit_s=20, seed=1).to_replay(level)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        info = export_gif(Timeline(replay), Path(folder) / "replay.gif")
        seconds = time.perf_counter() - start
    return {
        "gif_frames": info.frames,
        "gif_seconds": seconds,
        "gif_ms_per_frame": 1000 * seconds / info.frames,
    }


def main() -> int:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=50_000, help="grid steps (default 50000)")
    parser.add_argument("--rgb-steps", type=int, default=1_000, help="rgb steps (default 1000)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each; the best counts")
    parser.add_argument("--level", type=Path, default=DEFAULT_LEVEL)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    figures = measure(args.level, args.steps, args.rgb_steps, args.rounds)
    if args.json:
        print(json.dumps({"level": str(args.level), **figures}))
        return 0
    print(f"level {args.level}")
    print(f"grid, MarioEnv.step            {figures['grid_steps_per_s']:10,.0f} steps/s")
    print(
        f"grid, make + DiscreteActions   {figures['grid_make_discrete_steps_per_s']:10,.0f} steps/s"
    )
    print(f"rgb, MarioEnv.step             {figures['rgb_steps_per_s']:10,.0f} steps/s")
    print(f"engine alone, Game.step        {figures['engine_steps_per_s']:10,.0f} steps/s")
    print(
        f"grid: {figures['grid_target_ratio']:.2f}x the {TARGET_GRID:,} steps/s target, "
        f"{figures['grid_vs_engine']:.2f}x the engine's speed"
    )
    print(
        f"GIF export of a {figures['gif_frames']:.0f}-frame replay: {figures['gif_seconds']:.2f} s "
        f"({figures['gif_ms_per_frame']:.1f} ms per frame)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
