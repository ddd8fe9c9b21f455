"""Level quality of what ``mariogen generate`` makes, beside the reference levels.

Usage:
    python bench/quality.py [--seeds 0-4] [--personas runner,collector,killer]
                            [--modes single,contrast] [--difficulty medium] [--workers 2]
                            [-o results/quality] [--json]

Runs ``mariogen generate`` with default settings for every persona x mode x seed (each run in
its own folder under ``-o``; a finished run is not run again), then prints, per persona and
mode and over all generated levels, the figures of issue #12's acceptance list: levels with
a repeated segment, with >= 3 distinct ground-surface heights, with a gap; the tester's wins;
the weak variant's completion loss and the share where it loses >= 10% or is hurt; the
tester's hurts. The same terrain figures are printed for the original levels and each other
generator's levels under ``../shared/levels`` (or ``$MARIOGEN_REFERENCE/levels``) when
present. ``--json`` prints one JSON object instead.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

import numpy as np  # noqa: E402

from mariogen.generator.quality import level_quality  # noqa: E402
from mariogen.level import Level  # noqa: E402


def seed_range(text: str) -> list[int]:
    """``"0-4"`` or ``"0,2,5"`` as a list of seeds."""
    if "-" in text:
        lo, hi = text.split("-")
        return list(range(int(lo), int(hi) + 1))
    return [int(s) for s in text.split(",")]


def run_one(out: Path, persona: str, mode: str, seed: int, difficulty: str, workers: int) -> Path:
    """One default ``generate`` run (skipped when its report exists); its folder."""
    folder = out / f"{persona}-{mode}-{difficulty}-s{seed}"
    if not (folder / "report.md").exists():
        subprocess.run(
            [sys.executable, "-m", "mariogen", "generate", "--persona", persona, "--mode", mode,
             "--seed", str(seed), "--difficulty", difficulty, "--workers", str(workers), "-q",
             "-o", str(folder)],
            check=True, cwd=REPO_ROOT, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    return folder


def run_figures(folder: Path) -> dict[str, Any]:
    """The quality figures of one finished run (from its level and population.json)."""
    level = Level.read(folder / "level.txt")
    population = json.loads((folder / "population.json").read_text(encoding="utf-8"))
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))["settings"]
    best = population["hall_of_fame"][0] if "hall_of_fame" in population else None
    best = best or population["pareto_front"][0]
    q = level_quality(level, best["genome"])
    tester, weak = config["persona"], config["weak"]
    mine = best["behaviour"].get(tester, {})
    theirs = best["behaviour"].get(weak, {})
    loss = max(0.0, mine.get("completion", 0.0) - theirs.get("completion", 0.0))
    return {
        "repeats": q.most_repeats > 1,
        "heights3": q.distinct_heights >= 3,
        "gap": q.gaps >= 1,
        "win": bool(mine.get("win", 0.0)),
        "weak_loss": loss,
        "weak_challenged": loss >= 0.1 or theirs.get("hurts", 0.0) > 0,
        "hurts": mine.get("hurts", 0.0),
        "challenge": best["challenge"],
    }


def summarise(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Shares and means over runs."""
    if not rows:
        return {}
    keys = rows[0].keys()
    return {k: float(np.mean([float(r[k]) for r in rows])) for k in keys} | {"levels": len(rows)}


def reference_figures() -> dict[str, dict[str, float]]:
    """Terrain figures of each group of reference levels, if present."""
    root = Path(os.environ.get("MARIOGEN_REFERENCE", REPO_ROOT.parent / "shared")) / "levels"
    out = {}
    for group in sorted(p for p in root.glob("*") if p.is_dir()):
        qs = [level_quality(Level.read(p)) for p in sorted(group.glob("*.txt"))]
        if qs:
            out[group.name] = {
                "levels": len(qs),
                "heights3": float(np.mean([q.distinct_heights >= 3 for q in qs])),
                "gap": float(np.mean([q.gaps >= 1 for q in qs])),
                "mean_heights": float(np.mean([q.distinct_heights for q in qs])),
            }
    return out


def main() -> int:
    """Generate (or reuse) the runs and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0-4")
    parser.add_argument("--personas", default="runner,collector,killer")
    parser.add_argument("--modes", default="single,contrast")
    parser.add_argument("--difficulty", default="medium")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("-o", "--output", type=Path, default=REPO_ROOT / "results" / "quality")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    groups: dict[str, list[dict[str, Any]]] = {}
    for persona in args.personas.split(","):
        for mode in args.modes.split(","):
            for seed in seed_range(args.seeds):
                folder = run_one(args.output, persona, mode, seed, args.difficulty, args.workers)
                groups.setdefault(f"{persona} {mode}", []).append(run_figures(folder))
    every = [row for rows in groups.values() for row in rows]
    report = {
        "generated": {name: summarise(rows) for name, rows in groups.items()},
        "all": summarise(every),
        "reference": reference_figures(),
    }
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    print(f"difficulty {args.difficulty}; shares of levels (weak_loss, hurts, challenge: means)")
    cols = ("levels", "repeats", "heights3", "gap", "win", "weak_challenged", "weak_loss", "hurts")
    print(f"{'runs':<22}" + "".join(f"{c:>16}" for c in cols))
    for name, figures in [*report["generated"].items(), ("all", report["all"])]:
        print(f"{name:<22}" + "".join(f"{figures.get(c, float('nan')):>16.3g}" for c in cols))
    print("\nreference levels (no genome, no plays)")
    for name, figures in report["reference"].items():
        print(f"{name:<22}" + "".join(f"{figures.get(c, float('nan')):>16.3g}" for c in cols[:4]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
