"""Are the personas distinct? Play them everywhere and try to tell them apart from their plays.

Usage:
    python bench/personas.py [--personas runner,collector,killer] [--json] [--seed 0]

Every persona plays every level under the reference data's ``levels/`` folder (small Mario,
20 s). Each play becomes a vector of statistics normalised by what the level offers (coins
per coin, bumps per coin or item block, kills per enemy, ticks and jumps per tile
travelled, shares of ticks at full speed, standing still or walking back ...), each also
taken relative to the mean of all the personas on the same level. A standardised logistic
regression on the level-relative features is cross-validated at naming the persona, with
5 folds that keep each level's plays together (levels shuffled by ``--seed``), so it is
always tested on levels it has not seen; a random forest on both feature sets is reported
alongside. Prints the confusion matrix (rows: true persona) and the accuracies.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from agents import play_all, reference_levels
from mariogen.agents import PlayResult
from mariogen.agents.personas import core_personas
from mariogen.level import Level, Tile

#: The personas told apart: the cards tagged core.
STRONG = core_personas()
#: Tiles a bump turns into a used block (coin and item blocks, hidden ones included).
BLOCK_TILES = (
    Tile.COIN_BRICK,
    Tile.SPECIAL_QUESTION,
    Tile.COIN_QUESTION,
    Tile.HIDDEN_LIFE,
    Tile.HIDDEN_COIN,
    Tile.SPECIAL_BRICK,
    Tile.LIFE_BRICK,
)
FEATURES = (
    "coin_rate",
    "block_rate",
    "kill_rate",
    "stomp_rate",
    "other_kill_rate",
    "powerups",
    "completion",
    "win",
    "ticks_per_tile",
    "full_speed_share",
    "still_share",
    "backtrack_share",
    "jumps_per_tile",
    "height",
)


@dataclass(frozen=True)
class Offer:
    """What a level offers a play: coins, bumpable blocks, enemies."""

    coins: int
    blocks: int
    enemies: int


def offer(level: Level) -> Offer:
    """Coins, coin and item blocks, and enemy templates of ``level``."""
    blocks = int(np.isin(level.tiles, [int(t) for t in BLOCK_TILES]).sum())
    return Offer(level.total_coins, blocks, level.enemy_count)


def features(play: PlayResult, offers: Offer) -> list[float]:
    """The play's statistics, normalised by what the level offers (``FEATURES`` order).

    Per tile travelled, per coin / block / enemy available, or as a share of the play's
    ticks; never anything about who played.
    """
    r = play.result
    x, y = play.trajectory[:, 0].astype(np.float64), play.trajectory[:, 1].astype(np.float64)
    dx = np.diff(x, prepend=x[0])
    tiles = max(float(x.max() - x[0]), 16.0) / 16.0
    ticks = max(len(x), 1)
    enemies = max(offers.enemies, 1)
    return [
        r.coins / max(offers.coins, 1),
        r.bump_question / max(offers.blocks, 1),
        r.kills_total / enemies,
        r.kills_stomp / enemies,
        (r.kills_fire + r.kills_shell + r.kills_fall) / enemies,
        float(r.mushrooms + r.flowers),
        r.completion,
        float(r.win),
        len(x) / tiles,
        float(np.count_nonzero(dx >= 8.0)) / ticks,
        float(np.count_nonzero(np.abs(dx) < 0.5)) / ticks,
        float(-dx[dx < 0].sum()) / 16.0 / tiles,
        r.jumps / tiles,
        float(np.mean(y[0] - y)) / 16.0,
    ]


def level_relative(raw: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """Each play's features minus the mean play on its level (what the level offers)."""
    out = raw.copy()
    for level in set(levels):
        mine = levels == level
        out[mine] -= raw[mine].mean(axis=0)
    return out


def _grouped_folds(levels: np.ndarray, seed: int, n_splits: int = 5) -> list:
    """Cross-validation folds that keep every level's plays together (levels shuffled by
    ``seed``): the classifier never trains on a play of a level it is tested on."""
    from sklearn.model_selection import GroupKFold

    names = sorted(set(levels))
    order = np.random.default_rng(seed).permutation(len(names))
    groups = np.array([order[names.index(level)] for level in levels])
    return list(GroupKFold(n_splits=n_splits).split(levels, groups=groups))


def classify(
    results: list[PlayResult], offers: dict[str, Offer], personas: list[str], seed: int
) -> dict:
    """Cross-validated accuracy and confusion matrix over ``personas``.

    The classifier is a standardised logistic regression on the level-relative features;
    a random forest on the raw and level-relative features is reported alongside.
    """
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import confusion_matrix
    from sklearn.model_selection import cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    plays = [r for r in results if r.agent in personas]
    raw = np.array([features(r, offers[r.level_name]) for r in plays])
    levels = np.array([r.level_name for r in plays])
    relative = level_relative(raw, levels)
    y = np.array([personas.index(r.agent) for r in plays])
    folds = _grouped_folds(levels, seed)
    linear = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))
    predicted = cross_val_predict(linear, relative, y, cv=folds)
    forest = RandomForestClassifier(n_estimators=200, random_state=seed)
    both = np.hstack([raw, relative])
    forest_predicted = cross_val_predict(forest, both, y, cv=folds)
    forest.fit(both, y)
    return {
        "personas": personas,
        "plays": len(plays),
        "classifier": "logistic regression on level-relative features, folds grouped by level",
        "accuracy": float(np.mean(predicted == y)),
        "confusion": confusion_matrix(y, predicted, labels=range(len(personas))).tolist(),
        "forest_accuracy": float(np.mean(forest_predicted == y)),
        "forest_confusion": confusion_matrix(
            y, forest_predicted, labels=range(len(personas))
        ).tolist(),
        "importance": dict(
            zip(
                [*FEATURES, *(f"{f}_vs_level" for f in FEATURES)],
                forest.feature_importances_.round(3).tolist(),
                strict=True,
            )
        ),
    }


def print_report(report: dict) -> None:
    """The confusion matrix and accuracy as text."""
    names = report["personas"]
    width = max(len(n) for n in names) + 2
    print(f"{report['plays']} plays; rows: true persona, columns: predicted")
    print(" " * width + "".join(f"{n:>{width}s}" for n in names))
    for name, row in zip(names, report["confusion"], strict=True):
        print(f"{name:{width}s}" + "".join(f"{v:>{width}d}" for v in row))
    print(f"cross-validated accuracy ({report['classifier']}): {report['accuracy']:.3f}")
    print(f"random forest on raw and level-relative features: {report['forest_accuracy']:.3f}")
    top = sorted(report["importance"].items(), key=lambda kv: -kv[1])[:4]
    print("most telling features (forest): " + ", ".join(f"{k} {v:.2f}" for k, v in top))


def main() -> int:
    """Play, classify and print."""
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="example: python bench/personas.py --json > personas.json",
    )
    parser.add_argument("--personas", default=",".join(STRONG), help="comma-separated names")
    parser.add_argument("--seed", type=int, default=0, help="seed of the forest and folds")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    args = parser.parse_args()
    personas = [p.strip() for p in args.personas.split(",") if p.strip()]
    paths = reference_levels("*")
    if not paths:
        parser.error("no levels found (is the reference data at ../shared?)")
    results = play_all(personas, paths)
    offers = {f"{p.parent.name}/{p.stem}": offer(Level.read(p)) for p in paths}
    report = classify(results, offers, personas, args.seed)
    report["wins"] = {p: sum(r.win for r in results if r.agent == p) for p in personas}
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print_report(report)
        print("wins: " + ", ".join(f"{p} {w}/{len(paths)}" for p, w in report["wins"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
