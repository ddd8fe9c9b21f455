"""Are the personas distinct? Play them everywhere and try to tell them apart from their plays.

Usage:
    python bench/personas.py [--personas runner,collector,killer] [--json] [--seed 0]
        [--levels reference|held-out]

Every persona plays every level under the reference data's ``levels/`` folder (small Mario,
20 s), or with ``--levels held-out`` the 50 held-out levels of the RL personas
(:func:`mariogen.rl.levels.held_out_levels`, assembled from the segment library). Each play
becomes the vector of statistics normalised by what the level offers that ``mariogen
classify`` reads (:mod:`mariogen.style.features`: coins per coin, bumps per coin
or item block, kills per enemy, ticks and jumps per tile travelled, shares of ticks at full
speed, standing still, high up or walking back ...), compared with the plays of all the
personas on the same level. A standardised logistic regression on these style features is
cross-validated at naming the persona, with
5 folds that keep each level's plays together (levels shuffled by ``--seed``), so it is
always tested on levels it has not seen; a random forest on both feature sets is reported
alongside. Prints the confusion matrix (rows: true persona) and the accuracies.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from agents import play_all, read_levels, reference_levels
from mariogen.agents import PlayResult
from mariogen.agents.personas import core_personas
from mariogen.rl.levels import held_out_levels
from mariogen.style.features import (
    PLAY_FEATURES,
    STYLE_FEATURES,
    Offer,
    offer,
    play_features,
    style_features,
)

#: The personas told apart: the cards tagged core.
STRONG = core_personas()


def level_relative(raw: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """Each play's style features: its play features against the plays of its level
    (:func:`mariogen.style.features.style_features`, what ``mariogen classify`` reads)."""
    pairs = zip(raw, levels, strict=True)
    return np.array([style_features(row, raw[levels == level]) for row, level in pairs])


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

    The classifier is a standardised logistic regression on the style features (the play
    against the personas' plays of its level); a random forest on the play and style
    features is reported alongside.
    """
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import confusion_matrix
    from sklearn.model_selection import cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    plays = [r for r in results if r.agent in personas]
    raw = np.array([play_features(r, offers[r.level_name]) for r in plays])
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
        "classifier": "logistic regression on style features, folds grouped by level",
        "accuracy": float(np.mean(predicted == y)),
        "confusion": confusion_matrix(y, predicted, labels=range(len(personas))).tolist(),
        "forest_accuracy": float(np.mean(forest_predicted == y)),
        "forest_confusion": confusion_matrix(
            y, forest_predicted, labels=range(len(personas))
        ).tolist(),
        "importance": dict(
            zip(
                [*PLAY_FEATURES, *STYLE_FEATURES],
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
    print(f"random forest on play and style features: {report['forest_accuracy']:.3f}")
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
    parser.add_argument(
        "--levels",
        choices=("reference", "held-out"),
        default="reference",
        help="the reference data's levels (default) or the RL personas' 50 held-out levels",
    )
    args = parser.parse_args()
    personas = [p.strip() for p in args.personas.split(",") if p.strip()]
    if args.levels == "reference":
        levels = read_levels(reference_levels("*"))
    else:
        levels = {f"held-out/{level.name}": level for level in held_out_levels()}
    if not levels:
        parser.error("no levels found (is the reference data at ../shared?)")
    results = play_all(personas, levels)
    offers = {name: offer(level) for name, level in levels.items()}
    report = classify(results, offers, personas, args.seed)
    report["wins"] = {p: sum(r.win for r in results if r.agent == p) for p in personas}
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print_report(report)
        print("wins: " + ", ".join(f"{p} {w}/{len(levels)}" for p, w in report["wins"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
