"""``mariogen classify``: which persona a replay plays like; ``--train`` rebuilds the model."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mariogen.cli.argtypes import whole_number
from mariogen.cli.command import add_command, too_many_workers, warn
from mariogen.cli.errors import UserError

if TYPE_CHECKING:
    from mariogen.style import Classification

_HELP = "which persona a replay plays like (persona probabilities); --train rebuilds the model"

_DESCRIPTION = """\
For each REPLAY (a *.replay.json of "mariogen play --record", yours with --human or an
agent's), print how likely it is that each core persona (runner, collector, killer) played
it. The play is compared with the personas' own plays of the same level (made again here,
about a second each): coins per coin offered, kills per enemy, speed, jumps, time spent
high up or standing still ..., each relative to the personas' plays, so a level rich in
coins does not make everyone a collector. A note says when a level cannot tell two
personas apart (no coins, no enemies) or the play is too short to show a style.

The model is a logistic regression shipped as plain numbers (mariogen/style/model.json).
--train rebuilds it: the core personas play levels assembled from the shipped segment
library, one per seed from --first-seed (levels offering under 5 coins or 3 enemies are
skipped), and the same options give the same file, byte for byte, whatever --workers."""

_EPILOG = """\
examples:
  mariogen examples -o examples/
  mariogen play examples/pipe-garden.txt --agent collector --record out/c.replay.json
  mariogen classify out/c.replay.json
  mariogen play examples/pipe-garden.txt --human --record out/me.replay.json
  mariogen classify out/me.replay.json out/c.replay.json --json
  mariogen classify --train --workers 2 -o my-model.json   # about 5 minutes on 2 cores
  mariogen classify out/me.replay.json --model my-model.json

exit status: 0 on success, 2 for a missing or broken replay or model, or a bad option."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``classify`` subcommand.

    Args:
        subparsers: the top-level parser's subparsers.
    """
    p = add_command(subparsers, "classify", _HELP, _DESCRIPTION, _EPILOG)
    p.add_argument("replays", nargs="*", metavar="REPLAY", help="replay files (*.replay.json)")
    p.add_argument("--json", action="store_true", help="print a JSON list, one object per play")
    p.add_argument("--model", metavar="FILE", help="model file (default: the shipped one)")
    p.add_argument("--train", action="store_true", help="rebuild the model instead")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="--train: where to write the model (default: the shipped model's file)",
    )
    p.add_argument(
        "--levels", type=whole_number(2), metavar="N", help="--train: training levels (300)"
    )
    p.add_argument(
        "--first-seed", type=whole_number(0), metavar="S", help="--train: first level seed (0)"
    )
    p.add_argument("--workers", type=whole_number(1), metavar="N", help="--train: processes (1)")
    p.add_argument("-q", "--quiet", action="store_true", help="--train: no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Classify the replays, or train the model.

    Returns:
        0 on success.

    Raises:
        UserError: for no replays without --train, or options of the other mode.
    """
    if args.train:
        if args.replays or args.model or args.json:
            raise UserError("classify --train takes no REPLAY, --model or --json")
        return _train(args)
    train_only = {
        "-o": args.output,
        "--levels": args.levels,
        "--first-seed": args.first_seed,
        "--workers": args.workers,
        "-q": args.quiet or None,
    }
    misplaced = [flag for flag, value in train_only.items() if value is not None]
    if misplaced:
        raise UserError(f"{', '.join(misplaced)}: for --train only")
    if not args.replays:
        raise UserError("classify: give REPLAY files, or --train (see mariogen classify --help)")
    from mariogen.replay import Replay
    from mariogen.style import StyleClassifier, read_model

    classifier = StyleClassifier(read_model(args.model))
    results = [classifier.classify_replay(Replay.read(path), path) for path in args.replays]
    if args.json:
        print(json.dumps([c.to_json() for c in results], indent=1))
        return 0
    for c in results:
        print(f"{c.source} ({c.player} on {Path(c.level_name).name}): {probabilities_text(c)}")
        for note in c.notes:
            print(f"  note: {note}")
    return 0


def probabilities_text(c: Classification) -> str:
    """``plays like the collector (collector 93%, killer 5%, runner 2%)``."""
    shares = ", ".join(f"{name} {100 * p:.0f}%" for name, p in c.ranked())
    return f"plays like the {c.persona} ({shares})"


def _train(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from mariogen.style.model import SHIPPED_MODEL
    from mariogen.style.training import TrainingSettings, train

    given = {"levels": args.levels, "first_seed": args.first_seed}
    try:
        settings = TrainingSettings(**{k: v for k, v in given.items() if v is not None})
    except ValueError as exc:
        raise UserError(str(exc)) from None
    output = args.output or str(SHIPPED_MODEL)
    if too_many_workers(args.workers or 1):
        warn(too_many_workers(args.workers or 1))
    with tqdm(total=settings.levels, desc="levels", file=sys.stderr, disable=args.quiet) as bar:
        model = train(settings, workers=args.workers or 1, on_level=bar.update)
    model.write(output)
    figures = model.training
    print(
        f"wrote {output} ({figures['plays']} plays on {settings.levels} levels, seeds "
        f"{settings.first_seed}..{figures['last_seed']}; training accuracy "
        f"{figures['training_accuracy']:.3f})"
    )
    return 0
