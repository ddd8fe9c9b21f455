"""Time the generator's evaluations: A* persona playtests of random 8-segment levels.

Usage:
    python bench/generate.py [--evaluations 1000] [--workers 2] [--persona collector]
                             [--mode single] [--segments 8] [--json]

Evaluates ``--evaluations`` distinct random genomes of the shipped library (seeded) with the
generator's own evaluator, in ``--workers`` processes, exactly as ``mariogen generate`` does
(without the cache, so every evaluation plays). Prints the evaluations per second, the
projected and measured time for the seed paper's budget of 1,000 evaluations (target: at most
120 s on 2 cores), the worker start-up time and the mean play length (game-loop iterations).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

import numpy as np  # noqa: E402

from mariogen.evaluation import executor_scope  # noqa: E402
from mariogen.generator import GeneratorSettings  # noqa: E402
from mariogen.generator.fitness import context, evaluate_genomes  # noqa: E402
from mariogen.generator.operators import random_genome  # noqa: E402

#: The seed paper's evaluation budget.
PAPER_BUDGET = 1000
#: Target seconds for PAPER_BUDGET evaluations on 2 cores.
TARGET_S = 120.0


def _genomes(settings: GeneratorSettings, n: int) -> list[tuple[str, ...]]:
    library = context(settings).library
    rng = np.random.default_rng(settings.seed)
    seen: dict[tuple[str, ...], None] = {}
    while len(seen) < n:
        genome = random_genome(library, rng, settings.segments, settings.max_repeats)
        seen[tuple(genome)] = None
    return list(seen)


def main() -> int:
    """Run the benchmark and print (or ``--json``) the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaluations", type=int, default=PAPER_BUDGET)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--persona", default="collector")
    parser.add_argument("--mode", default="single", choices=("single", "contrast", "nsga2"))
    parser.add_argument("--segments", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    settings = GeneratorSettings(
        persona=args.persona, mode=args.mode, segments=args.segments, seed=args.seed
    )
    genomes = _genomes(settings, args.evaluations)
    library = context(settings).library
    start = time.perf_counter()
    with executor_scope(None, args.workers) as executor:
        # worker start-up and JIT loading: one genome per worker
        warmup = genomes[: args.workers]
        evaluate_genomes(warmup, settings, library, executor, len(warmup))
        warm = time.perf_counter()
        results = evaluate_genomes(genomes, settings, library, executor, args.workers)
        end = time.perf_counter()
    elapsed = end - warm
    rate = len(genomes) / elapsed
    plays = sum(len(e.behaviour) for e in results)
    iterations = [s["time"] for e in results for s in e.behaviour.values()]
    figures = {
        "persona": args.persona,
        "mode": args.mode,
        "segments": args.segments,
        "workers": args.workers,
        "cpu_count": os.cpu_count(),
        "evaluations": len(genomes),
        "plays": plays,
        "seconds": round(elapsed, 3),
        "startup_seconds": round(warm - start, 3),
        "evaluations_per_second": round(rate, 2),
        "seconds_per_1000_evaluations": round(PAPER_BUDGET / rate, 1),
        "target_seconds_per_1000": TARGET_S,
        "target_ratio": round(PAPER_BUDGET / rate / TARGET_S, 3),
        "playable_share": round(sum(e.playable for e in results) / len(results), 3),
        "mean_iterations_per_play": round(float(np.mean(iterations)), 1),
    }
    if args.json:
        print(json.dumps(figures))
        return 0
    print(
        f"{len(genomes)} evaluations ({plays} {args.persona}-led A* plays, {args.mode} mode, "
        f"{args.segments} segments) on {args.workers} workers: {elapsed:.1f} s, "
        f"{rate:.1f} evaluations/s"
    )
    print(
        f"1,000 evaluations: {PAPER_BUDGET / rate:.1f} s (target {TARGET_S:.0f} s on 2 cores, "
        f"ratio {PAPER_BUDGET / rate / TARGET_S:.2f}); worker start-up {warm - start:.1f} s"
    )
    print(
        f"playable share {figures['playable_share']:.0%}, "
        f"mean play {figures['mean_iterations_per_play']:.0f} iterations"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
