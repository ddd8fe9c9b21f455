"""How well does the shipped style model name the persona of a play it has never seen?

Usage:
    python bench/style.py [--levels 40] [--reference] [--rebuild] [--workers 2] [--json]

The core personas play ``--levels`` held-out levels (assembled from the segment library
with seeds from ``HELD_OUT_SEED`` up, never trained on, offering at least as much as the
training levels do) and the shipped model (``mariogen/style/model.json``) classifies each
play against the personas' plays of its level, exactly as ``mariogen classify`` does.
Prints the confusion matrix (rows: true persona) and the accuracy. ``--reference`` also
classifies the personas' plays of the reference data's levels (``$MARIOGEN_REFERENCE`` or
``../shared``: other generators' levels, a harder test). ``--rebuild`` retrains the model
with the default settings (``mariogen classify --train``; about 5 minutes on 2 cores) and
says whether the file is byte-identical to the shipped one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from mariogen.level import Level  # noqa: E402
from mariogen.style.model import SHIPPED_MODEL, StyleModel, read_model  # noqa: E402
from mariogen.style.training import (  # noqa: E402
    HELD_OUT_SEED,
    TrainingSettings,
    play_feature_table,
    seeded_levels,
    style_table,
    train,
)


def held_out_levels(count: int) -> list[Level]:
    """``count`` held-out levels that offer what the training levels offer."""
    settings = TrainingSettings()
    found = seeded_levels(
        HELD_OUT_SEED, count, settings.segments, settings.min_coins, settings.min_enemies
    )
    return [level for _, level in found]


def reference_levels() -> list[Level]:
    """The reference data's levels (none when it is missing)."""
    root = Path(os.environ.get("MARIOGEN_REFERENCE", REPO_ROOT.parent / "shared"))
    return [Level.read(p) for p in sorted((root / "levels").glob("*/*.txt"))]


def score(model: StyleModel, levels: list[Level], workers: int) -> dict:
    """Accuracy and confusion matrix of ``model`` on the personas' plays of ``levels``."""
    table = play_feature_table(levels, model.personas, workers=workers)
    x, y = style_table(table)
    predicted = model.probabilities(x).argmax(axis=1)
    k = len(model.personas)
    confusion = np.zeros((k, k), dtype=int)
    np.add.at(confusion, (y, predicted), 1)
    return {
        "levels": len(levels),
        "plays": len(y),
        "correct": int(np.sum(predicted == y)),
        "accuracy": float(np.mean(predicted == y)),
        "confusion": confusion.tolist(),
    }


def rebuild(workers: int) -> dict:
    """Retrain with the default settings; whether the bytes equal the shipped model's."""
    start = time.perf_counter()
    model = train(TrainingSettings(), workers=workers)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.json"
        model.write(path)
        same = path.read_bytes() == SHIPPED_MODEL.read_bytes()
    return {"identical": same, "seconds": time.perf_counter() - start}


def print_score(title: str, personas: tuple[str, ...], result: dict) -> None:
    """The confusion matrix and accuracy as text."""
    width = max(len(n) for n in personas) + 2
    print(f"{title}: {result['plays']} plays on {result['levels']} levels")
    print(" " * width + "".join(f"{n:>{width}s}" for n in personas))
    for name, row in zip(personas, result["confusion"], strict=True):
        print(f"{name:{width}s}" + "".join(f"{v:>{width}d}" for v in row))
    print(f"accuracy {result['accuracy']:.3f} ({result['correct']} of {result['plays']})")


def main() -> int:
    """Play, classify and print."""
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="example: python bench/style.py --levels 40 --workers 2",
    )
    parser.add_argument("--levels", type=int, default=40, help="held-out levels (40)")
    parser.add_argument("--reference", action="store_true", help="also the reference levels")
    parser.add_argument("--rebuild", action="store_true", help="retrain and compare the bytes")
    parser.add_argument("--workers", type=int, default=1, help="processes that play (1)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    args = parser.parse_args()
    model = read_model()
    report = {"held_out": score(model, held_out_levels(args.levels), args.workers)}
    if args.reference:
        levels = reference_levels()
        if not levels:
            parser.error("no reference levels found (is the reference data at ../shared?)")
        report["reference"] = score(model, levels, args.workers)
    if args.rebuild:
        report["rebuild"] = rebuild(args.workers)
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    print_score("held-out segment-library levels", model.personas, report["held_out"])
    if "reference" in report:
        print_score("reference levels (other generators)", model.personas, report["reference"])
    if "rebuild" in report:
        same = "byte-identical to" if report["rebuild"]["identical"] else "DIFFERENT from"
        print(f"rebuilt in {report['rebuild']['seconds']:.0f} s: {same} {SHIPPED_MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
