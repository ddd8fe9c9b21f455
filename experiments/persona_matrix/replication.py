"""How likely is a rerun on other seeds to give the same significant cells?

Usage:
    python experiments/persona_matrix/replication.py [--reps 400] [--seed 0]
        [--split 10,20,30,40] [--bootstrap 30,40,60,100,130,200,400]
        [--wall-per-cell 2.35] [RUN_FOLDER ...]

Reads the ``table.csv`` of finished persona-matrix runs (by default the committed
``k40-seed0/`` and ``k40-seed100/``: 80 levels per metric and tester, on disjoint seeds) and
pools their levels. A level (one generator run, with every player's cross-play of it) is an
independent draw, so two runs of K levels on other seeds are two disjoint samples of K
levels per metric and tester:

- **split halves** (K up to half the pool): the pooled levels of each metric and tester are
  shuffled and split into two disjoint sets of K, each gets the run's 24 tests with Holm's
  correction (:mod:`mariogen.experiment.matrix_stats`), and the two sets of significant
  cells (p_holm < 0.01) are compared. No level is used twice, but the two halves share one
  pool (what one half draws, the other cannot), so this understates how often independent
  runs agree;
- **bootstrap** (larger K): the same, but the K levels are drawn with replacement from the
  pool, which treats the pooled levels as the whole population (their effect sizes as the
  true ones; a null effect that the pool happens to show as small becomes real, which makes
  large K look worse than it is).

Prints, for each K, the probability that all 24 verdicts agree, the mean number that agree,
and each cell's chance of being significant (its power) where it is neither below 5% nor
above 95%; and the K that a full run of the shipped config can afford in an hour on 2 cores.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from mariogen.analysis import holm, mann_whitney_greater
from mariogen.experiment.matrix_stats import ALPHA
from mariogen.experiment.matrix_stats import family as matrix_family

HERE = Path(__file__).resolve().parent
DEFAULT_RUNS = (HERE / "k40-seed0", HERE / "k40-seed100")
SPLIT_KS = (10, 20, 30, 40)
BOOTSTRAP_KS = (30, 40, 60, 100, 130, 200, 400)
#: Wall seconds per cell of a from-scratch run of the shipped config with --workers 2
#: (experiments/README.md: 360 cells in 845 s).
WALL_PER_CELL = 845 / 360


def pooled_table(runs: list[Path]) -> pd.DataFrame:
    """The tidy tables of the runs, one after the other."""
    return pd.concat([pd.read_csv(run / "table.csv") for run in runs], ignore_index=True)


def pooled_levels(table: pd.DataFrame) -> dict[tuple[str, str], pd.DataFrame]:
    """Per (metric, tester): one row per level, columns (player, statistic)."""
    groups = {}
    for (metric, tester), rows in table.groupby(["metric", "tester"], sort=False):
        groups[(metric, tester)] = rows.pivot_table(
            index="level", columns=["player", "statistic"], values="value", dropna=False
        )
    return groups


def verdicts(groups: dict, family: list, picks: dict[tuple[str, str], np.ndarray]) -> np.ndarray:
    """The significant cells of one run made of the picked levels (row positions)."""
    pvalues = []
    for metric, persona, _, statistic, sign in family:
        own, other = [], []
        for (group_metric, tester), levels in groups.items():
            if group_metric != metric:
                continue
            values = levels[(persona, statistic)].to_numpy(float)[picks[(metric, tester)]]
            (own if tester == persona else other).append(values[~np.isnan(values)])
        _, p = mann_whitney_greater(sign * np.concatenate(own), sign * np.concatenate(other))
        pvalues.append(p)
    return np.asarray(holm(pvalues)) < ALPHA


def rerun_pair(groups: dict, family: list, k: int, rng: np.random.Generator, split: bool):
    """The verdicts of two runs of ``k`` levels: disjoint halves, or bootstrap draws."""
    first, second = {}, {}
    for key, levels in groups.items():
        if split:
            order = rng.permutation(len(levels))
            first[key], second[key] = order[:k], order[k : 2 * k]
        else:
            first[key] = rng.integers(0, len(levels), k)
            second[key] = rng.integers(0, len(levels), k)
    return verdicts(groups, family, first), verdicts(groups, family, second)


def _ks(text: str) -> tuple[int, ...]:
    return tuple(int(k) for k in text.split(",") if k)


def report(
    groups: dict, family: list, k: int, reps: int, rng, split: bool, wall_per_cell: float
) -> str:
    """One line per K: P(all agree), mean agreeing cells, the cells in the grey zone."""
    pairs = [rerun_pair(groups, family, k, rng, split) for _ in range(reps)]
    first = np.array([a for a, _ in pairs])
    second = np.array([b for _, b in pairs])
    agree = (first == second).all(axis=1).mean()
    mean_agree = (first == second).sum(axis=1).mean()
    power = np.concatenate([first, second]).mean(axis=0)
    grey = [
        f"{metric.removesuffix('-v0')}/{persona}/{'own' if test == 'behaviour' else test}"
        f" {power[i]:.2f}"
        for i, (metric, persona, test, _, _) in enumerate(family)
        if 0.05 < power[i] < 0.95
    ]
    kind = "split" if split else "bootstrap"
    cells_k = len(groups) * k
    return (
        f"K = {k:3d} ({kind:9s}, {cells_k:4d} cells, ~{cells_k * wall_per_cell / 60:4.0f} min): "
        f"P(same {len(family)} verdicts) = {agree:.2f}, agreeing cells {mean_agree:.1f}; "
        f"power in (0.05, 0.95): {', '.join(grey) or 'none'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="*", type=Path, default=list(DEFAULT_RUNS))
    parser.add_argument("--reps", type=int, default=400, help="rerun pairs per K (400)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the resampling (0)")
    parser.add_argument("--split", type=_ks, default=SPLIT_KS, help="K of the split halves")
    parser.add_argument("--bootstrap", type=_ks, default=BOOTSTRAP_KS, help="K of the bootstrap")
    parser.add_argument(
        "--wall-per-cell", type=float, default=WALL_PER_CELL, help="wall s a cell, 2 workers"
    )
    args = parser.parse_args()
    table = pooled_table(args.runs)
    groups = pooled_levels(table)
    family = matrix_family(table)
    pool = min(len(levels) for levels in groups.values())
    rng = np.random.default_rng(args.seed)
    print(f"{len(groups)} metric x tester groups, {pool} pooled levels each, {len(family)} tests")
    for k in args.split:
        if 2 * k <= pool:
            print(report(groups, family, k, args.reps, rng, True, args.wall_per_cell), flush=True)
    for k in args.bootstrap:
        print(report(groups, family, k, args.reps, rng, False, args.wall_per_cell), flush=True)
    affordable = int(3600 / args.wall_per_cell / len(groups))
    print(f"a run of these metrics and testers affords K = {affordable} in an hour on 2 cores")


if __name__ == "__main__":
    main()
