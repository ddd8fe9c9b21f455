"""Choose the shipped RL policies among the stages of their runs, on validation levels only.

Usage:
    python experiments/rl-personas/choose_stages.py RUNS_DIR [--levels 50]

Each persona's run left three stages: the imitation alone (``RUNS_DIR/rl-P/rl-P.npz``),
300,000 PPO steps after it (``rl-P-ppo300k/``) and 1,500,000 (``rl-P-ppo/``); collector and
killer also a second run with 16 DAgger rounds, then 300,000 PPO steps (``r16-P/``); a third
try continued the imitation with PPO and ``--anchor-levels`` to 300,000 and 1,500,000 steps
(``a-P-300k/``, ``a-P/``); a fourth kept the plain PPO stages at 600,000, 900,000 and
1,200,000 steps (``rl-P-ppo600k/``, ``rl-P-ppo900k/``, ``rl-P-ppo1.2M/``); a fifth went on
to 3,000,000 and 4,500,000 (``rl-P-ppo3M/``, ``rl-P-ppo4.5M/``). Stages whose folder is
missing are left out; ``--sets`` scores only the combinations it names. Every stage
plays the first ``--levels`` validation levels (``default_rng([2013, k])``, 8 segments, never
the held-out ones), small Mario, 20 s. For each combination of stages this prints
the finish rates, the coin and kill ratios of the acceptance and the cross-validated persona
accuracy of ``bench/personas.py``'s classifier; the chosen combination is the most accurate
one that meets the finish and ratio goals on these levels.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT / "bench"))

from personas import classify  # noqa: E402

from mariogen.agents import play  # noqa: E402
from mariogen.agents.policy import PolicyAgent, load_policy  # noqa: E402
from mariogen.level.library import SegmentLibrary  # noqa: E402
from mariogen.rl.levels import validation_levels  # noqa: E402
from mariogen.style.features import offer  # noqa: E402

PERSONAS = ("runner", "collector", "killer")
STAGES = {
    "imitation": "rl-{p}",
    "ppo-300k": "rl-{p}-ppo300k",
    "ppo-600k": "rl-{p}-ppo600k",
    "ppo-900k": "rl-{p}-ppo900k",
    "ppo-1.2M": "rl-{p}-ppo1.2M",
    "ppo-1.5M": "rl-{p}-ppo",
    "ppo-3M": "rl-{p}-ppo3M",
    "ppo-4.5M": "rl-{p}-ppo4.5M",
    "dagger16-ppo-300k": "r16-{p}",
    "anchored-ppo-300k": "a-{p}-300k",
    "anchored-ppo-1.5M": "a-{p}",
}


def stage_plays(runs: Path, persona: str, stage: str, levels: list) -> list:
    """The plays of one stage's policy on ``levels``, named as the shipped persona."""
    path = runs / STAGES[stage].format(p=persona) / f"rl-{persona}.npz"
    policy = load_policy(path)
    out = []
    for level in levels:
        result = play(PolicyAgent(f"rl-{persona}", policy), level, "small", time_limit_s=20)
        result.level_name = level.name
        out.append(result)
    return out


def main() -> int:
    """Play every stage, score every combination, print them and the choice."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", type=Path, help="folder holding the rl-P* run folders")
    parser.add_argument("--levels", type=int, default=50, help="validation levels (50)")
    parser.add_argument(
        "--sets",
        help="only these combinations: runner/collector/killer stages, comma-separated "
        "(e.g. ppo-300k/ppo-300k/ppo-1.5M,ppo-3M/ppo-3M/ppo-3M)",
    )
    args = parser.parse_args()
    sets = [tuple(c.split("/")) for c in args.sets.split(",")] if args.sets else None
    if sets is not None and any(len(c) != len(PERSONAS) or set(c) - set(STAGES) for c in sets):
        parser.error(f"--sets: each combination is three of {', '.join(STAGES)} joined by /")
    levels = validation_levels(SegmentLibrary.load(), args.levels, 8)
    offers = {level.name: offer(level) for level in levels}
    present = {
        p: [s for s in STAGES if (args.runs / STAGES[s].format(p=p) / f"rl-{p}.npz").exists()]
        for p in PERSONAS
    }
    combos = list(itertools.product(*(present[p] for p in PERSONAS)))
    if sets is not None:
        combos = [c for c in combos if c in sets]
    needed = {(p, s) for c in combos for p, s in zip(PERSONAS, c, strict=True)}
    plays = {(p, s): stage_plays(args.runs, p, s, levels) for p, s in sorted(needed)}
    names = [f"rl-{p}" for p in PERSONAS]
    rows = []
    for combo in combos:
        chosen = [plays[(p, s)] for p, s in zip(PERSONAS, combo, strict=True)]
        finish = [np.mean([r.win for r in c]) for c in chosen]
        coins = [np.mean([r.stats["coins"] for r in c]) for c in chosen]
        kills = [np.mean([r.stats["kills"] for r in c]) for c in chosen]
        report = classify([r for c in chosen for r in c], offers, names, 0)
        ok = finish[0] >= 0.7 and coins[1] >= 1.5 * coins[0] and kills[2] >= 1.5 * kills[0]
        rows.append(
            (report["accuracy"], ok, combo, finish, coins[1] / coins[0], kills[2] / kills[0])
        )
    print("runner / collector / killer stages: finish rates; coin, kill ratios; accuracy; goals")
    for accuracy, ok, combo, finish, coin_ratio, kill_ratio in rows:
        rates = " ".join(f"{f:.2f}" for f in finish)
        print(
            f"{' / '.join(combo):52s} {rates}  {coin_ratio:.2f} {kill_ratio:.2f}"
            f"  {accuracy:.3f}  {'met' if ok else '-'}"
        )
    best = max((r for r in rows if r[1]), key=lambda r: r[0], default=None)
    print("chosen:", " / ".join(best[2]) if best else "none meets the goals")
    return 0


if __name__ == "__main__":
    sys.exit(main())
