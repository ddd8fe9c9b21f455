"""Are the personas distinct? Play them everywhere and try to tell them apart from their plays.

Usage:
    python bench/personas.py [--personas runner,collector,killer] [--json] [--seed 0]

Every persona plays every level under the reference data's ``levels/`` folder (small Mario,
20 s). Each play becomes a vector of statistics normalised by what the level offers (coin
rate, kill rate, completion, time used, jumps and bumps per 100 px travelled ...), each
also taken relative to the mean of all the personas on the same level, and a
seeded random forest is cross-validated (stratified 5-fold, seeded) at naming the persona
from the vector. Prints the confusion matrix (rows: true persona) and the accuracy.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from agents import play_all, reference_levels
from mariogen.agents import PlayResult

STRONG = ("runner", "collector", "killer")
FEATURES = (
    "coin_rate",
    "kill_rate",
    "stomp_rate",
    "completion",
    "win",
    "time_used",
    "jumps_per_100px",
    "bumps_per_100px",
    "coins_per_100px",
    "kills_per_100px",
)


def features(play: PlayResult) -> list[float]:
    """The play's statistics, normalised by what the level offers (``FEATURES`` order)."""
    r = play.result
    travelled = max(float(play.trajectory[:, 0].max() - play.trajectory[0, 0]), 16.0) / 100.0
    limit_ticks = play.time_limit_s * 1000 / 30
    return [
        r.coins / max(play.coins_available, 1),
        r.kills_total / max(play.enemies_available, 1),
        r.kills_stomp / max(play.enemies_available, 1),
        r.completion,
        float(r.win),
        r.ticks / limit_ticks,
        r.jumps / travelled,
        (r.bump_question + r.bump_brick) / travelled,
        r.coins / travelled,
        r.kills_total / travelled,
    ]


def classify(results: list[PlayResult], personas: list[str], seed: int) -> dict:
    """Cross-validated random-forest accuracy and confusion matrix over ``personas``."""
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.metrics import confusion_matrix
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    plays = [r for r in results if r.agent in personas]
    raw = np.array([features(r) for r in plays])
    levels = np.array([r.level_name for r in plays])
    centred = raw.copy()
    for level in set(levels):  # what the level offers, as the personas' mean on it
        mine = levels == level
        centred[mine] -= raw[mine].mean(axis=0)
    x = np.hstack([raw, centred])
    y = np.array([personas.index(r.agent) for r in plays])
    forest = RandomForestClassifier(n_estimators=200, random_state=seed)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    predicted = cross_val_predict(forest, x, y, cv=folds)
    forest.fit(x, y)
    return {
        "personas": personas,
        "plays": len(plays),
        "accuracy": float(np.mean(predicted == y)),
        "confusion": confusion_matrix(y, predicted, labels=range(len(personas))).tolist(),
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
    print(f"cross-validated accuracy: {report['accuracy']:.3f}")
    top = sorted(report["importance"].items(), key=lambda kv: -kv[1])[:4]
    print("most telling features: " + ", ".join(f"{k} {v:.2f}" for k, v in top))


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
    report = classify(results, personas, args.seed)
    report["wins"] = {p: sum(r.win for r in results if r.agent == p) for p in personas}
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print_report(report)
        print("wins: " + ", ".join(f"{p} {w}/{len(paths)}" for p, w in report["wins"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
