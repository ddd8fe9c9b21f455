"""``mariogen generate``: evolve a level for a persona and write it with replays and a report."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from mariogen.cli.argtypes import seconds, whole_number
from mariogen.cli.cluster import add_dask_option, executor_of
from mariogen.cli.command import add_command, too_many_workers
from mariogen.cli.errors import UserError
from mariogen.replay import DEFAULT_TIME_LIMIT_S

_HELP = "evolve a level for a persona (level, picture, replays, report)"

_DESCRIPTION = """\
Evolve a level for a persona. A level is a start pad, --segments segments from the segment
library and an end pad with the flag; the genome is the list of segment ids. Each candidate
is played by the tester persona (--persona: any agent name, e.g. runner, collector, killer,
collector-weak, run-right) and scored with the fitness metrics (--metric). A level the
tester (and every --playable-by persona) does not finish ranks below every level that is
finished, ordered by how far they got.

--like REPLAY... generates for the player of the replays instead (yours, recorded with
"mariogen play --human --record"): "mariogen classify" infers their persona mix, the mean
of each replay's persona probabilities. When one persona has at least 67% of it, the tester
is that persona; otherwise it is a card written to OUT (like-NAME.toml, with its weak form
like-NAME-weak.toml) whose cost, reward and metric weights are the personas' averaged by
the mix. report.md says what was inferred.

Levels are legal by construction: a segment's exit ground height matches the next one's
entry, and no segment appears more than --max-repeats times. Every mode adds the quality
terms: a level must meet the --difficulty target for the tester (measured through its
weak variant, e.g. collector-weak: medium means the weak variant loses at least 10% of the
level or is hurt), and the neighbour-novelty term (EDRL's fun of consecutive segments,
weighted by --novelty-weight) keeps segments neither monotonous nor chaotic.

modes:
  single     maximise the metric for the tester
  contrast   the tester's metric minus the best other persona's (runner, collector, killer),
             plus --self-weight times the tester's own (default 1, runner 100): a level
             *for* that persona, where it does well and better than the others
  nsga2      the tester's metric against each other persona's as separate objectives;
             population.json holds the Pareto front, front/NN/ each member's level

The run is seeded: the same settings and seed give the same files, whatever --workers or
--dask. A checkpoint is written to OUT/checkpoint.json after every generation; --resume
continues a run that was stopped (Ctrl-C, a crash, kill -9) and ends exactly as if it never
stopped. A worker process that dies or hangs (gives no result in time) is replaced and
its level evaluated once more; if that fails too, the level gets the worst fitness, and
logbook.csv (columns retried, failed) and report.md say so.

OUT receives: level.txt, level.png, PERSONA.replay.json (the tester, its weak variant,
runner, collector, killer), logbook.csv, population.json, config.json, fitness.png,
report.md (the plays, the level's quality, what each fitness value means) and report.html
(the report as one self-contained page, with a player of the personas' plays; open it in a
browser); nsga2 also front/NN/level.txt, level.png and pareto.png."""

_EPILOG = """\
examples:
  mariogen generate --persona collector -o out/
  mariogen generate --persona killer --mode contrast --generations 20 --workers 2 -o out/killer
  mariogen generate --persona runner --difficulty hard --seed 3 -o out/hard
  mariogen generate --persona runner --metric ability-gap-v0 -o out/gap
  mariogen generate --persona runner --metric time-taken-v0:-1,coins-v0:0.1 --seed 7 -o out/fast
  mariogen generate --persona collector-weak --playable-by runner -o out/gentle
  mariogen generate --like out/me.replay.json -o out/mine      # a level for how you play
  mariogen generate --persona collector -o out/ --resume       # continue a stopped run
  mariogen generate --persona collector -o out/ --force        # replace the run in out/
  mariogen generate --persona collector --library my-segments/ -o out/mine
  mariogen generate --persona runner --dask local --workers 2 -o out/dask    # needs [dask]

defaults: the metric is the persona's own, from its card's [generator] table (collector:
coins-v0, killer: kills-v0, runner: speed-v0; others: completion-v0);
--segments 8, --population 24, --generations 20, --workers: the cores (at most 4);
under a minute on 2 cores.

exit status: 0 on success, 2 for a bad option, an unknown persona or metric, or a checkpoint
that belongs to another run."""

#: Default number of evaluation processes: the machine's cores, at most 4.
DEFAULT_WORKERS = max(1, min(4, os.cpu_count() or 1))
#: Options that are settings, with their GeneratorSettings field names.
_SETTING_OPTIONS = {
    "persona": "persona",
    "metric": "metrics",
    "mode": "mode",
    "segments": "segments",
    "population": "population",
    "generations": "generations",
    "seed": "seed",
    "library": "library",
    "playable_by": "playable_by",
    "time_limit": "time_limit_s",
    "self_weight": "self_weight",
    "max_repeats": "max_repeats",
    "difficulty": "difficulty",
    "novelty_weight": "novelty_weight",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``generate`` subcommand.

    Args:
        subparsers: the top-level parser's subparsers.
    """
    p = add_command(subparsers, "generate", _HELP, _DESCRIPTION, _EPILOG)
    who = p.add_mutually_exclusive_group()
    who.add_argument("--persona", metavar="NAME", help="the tester persona (default: collector)")
    who.add_argument(
        "--like",
        nargs="+",
        metavar="REPLAY",
        help="generate for the player of these replays (their inferred persona mix)",
    )
    p.add_argument(
        "--metric",
        metavar="NAME[:WEIGHT],...",
        help="fitness metrics and weights (default: the persona's own, see below; "
        "all metrics: mariogen metrics list)",
    )
    p.add_argument("--mode", choices=("single", "contrast", "nsga2"), help="default: single")
    p.add_argument("--segments", type=whole_number(1), metavar="N", help="segments per level (8)")
    p.add_argument(
        "--population",
        type=whole_number(3),
        metavar="N",
        help="levels per generation (24; at least 3: more than the 2 elites kept)",
    )
    p.add_argument(
        "--generations", type=whole_number(0), metavar="N", help="generations after the first (20)"
    )
    p.add_argument("--seed", type=whole_number(0), metavar="S", help="random seed (0)")
    p.add_argument(
        "--workers",
        type=whole_number(1),
        default=DEFAULT_WORKERS,
        metavar="N",
        help=f"evaluation processes (default {DEFAULT_WORKERS}: the cores, at most 4; "
        "the result does not depend on it)",
    )
    add_dask_option(p)
    p.add_argument(
        "--resume", action="store_true", help="continue the run in OUT (from OUT/checkpoint.json)"
    )
    p.add_argument("--force", action="store_true", help="replace an earlier run's outputs in OUT")
    p.add_argument("--library", metavar="DIR", help="segment library folder (default: shipped)")
    p.add_argument(
        "--playable-by",
        metavar="NAME[,NAME]",
        help="personas that must also finish the level (e.g. runner)",
    )
    p.add_argument(
        "--self-weight",
        type=float,
        metavar="W",
        help="contrast mode: weight of the tester's own metric added to its lead "
        "(1, runner 100; 0: the lead only)",
    )
    p.add_argument(
        "--difficulty",
        choices=("easy", "medium", "hard", "any"),
        help="how hard for the tester, measured by its weak variant (default: medium; "
        "any for a tester without a weak variant)",
    )
    p.add_argument(
        "--max-repeats",
        type=whole_number(1),
        metavar="N",
        help="the most times one segment may appear in the level (1)",
    )
    p.add_argument(
        "--novelty-weight",
        type=float,
        metavar="W",
        help="weight of the neighbour-novelty term, in units of the metric "
        "(from the persona's card; 0: off)",
    )
    p.add_argument(
        "--time-limit",
        type=seconds,
        metavar="S",
        help=f"time limit of each play ({DEFAULT_TIME_LIMIT_S:g} s, as play and evaluate)",
    )
    p.add_argument("--no-replays", action="store_true", help="do not write replay files")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="DIR",
        help="output folder: a new one, or one of an earlier run with --resume "
        "(continue it) or --force (replace it)",
    )
    p.set_defaults(func=run)


def _given(args: argparse.Namespace) -> dict[str, Any]:
    """The settings the user gave, converted to GeneratorSettings fields."""
    from mariogen.generator.settings import parse_metric_spec

    out: dict[str, Any] = {}
    for option, name in _SETTING_OPTIONS.items():
        value = getattr(args, option)
        if value is None:
            continue
        if option == "metric":
            try:
                value = parse_metric_spec(value)
            except ValueError as exc:
                raise UserError(f"--metric: {exc}") from None
        elif option == "playable_by":
            value = tuple(p.strip() for p in value.split(",") if p.strip())
        elif option == "library":
            value = os.path.abspath(value)
        out[name] = value
    return out


def _settings(args: argparse.Namespace, out_dir: Path) -> Any:
    from mariogen.generator import GeneratorSettings

    given = _given(args)
    saved = _saved_settings(out_dir) if args.resume else None
    if args.resume and saved is None:
        print(f"mariogen: note: {out_dir} holds no run to resume; starting it", file=sys.stderr)
    if saved is not None:
        clash = [k for k, v in given.items() if getattr(saved, k) != v]
        if clash:
            raise UserError(
                f"--resume: the checkpoint was made with other {', '.join(clash)}; "
                "leave those options out or start a new run in another folder"
            )
        return saved
    given.setdefault("persona", "collector")
    try:
        return GeneratorSettings(**given)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def _saved_settings(out_dir: Path) -> Any:
    """The settings of the run in ``out_dir``: its checkpoint's, else its run file's (a run
    killed before its first checkpoint); ``None`` when the folder holds no run."""
    from mariogen.generator import Checkpoint, CheckpointError, GeneratorSettings
    from mariogen.generator.checkpoint import CHECKPOINT_NAME
    from mariogen.run_folder import RUN_FILE, read_run_file

    if (out_dir / CHECKPOINT_NAME).exists():
        try:
            return Checkpoint.read(out_dir / CHECKPOINT_NAME).settings
        except CheckpointError as exc:
            raise UserError(str(exc)) from None
    if not (out_dir / RUN_FILE).exists():
        return None
    record = read_run_file(out_dir)
    try:
        return GeneratorSettings.from_dict(record["identity"]["settings"])
    except (KeyError, TypeError, ValueError) as exc:
        raise UserError(f"{out_dir / RUN_FILE}: not a generate run ({exc})") from None


#: Files every generate run writes: a folder holding one of them holds a run.
RUN_OUTPUTS = ("checkpoint.json", "level.txt", "logbook.csv", "population.json", "config.json")


def _claim(args: argparse.Namespace, out_dir: Path, settings: Any) -> Any:
    """Claim the output folder (refusing another run's without --resume or --force)."""
    from mariogen.run_folder import claim_folder

    if args.resume and args.force:
        raise UserError("--resume continues the run in OUT, --force replaces it: give one")
    identity = {"settings": settings.to_dict()}
    return claim_folder(
        out_dir, "generate", identity, resume=args.resume, force=args.force, outputs=RUN_OUTPUTS
    )


def _check_names(settings: Any) -> None:
    from mariogen.agents import list_agents
    from mariogen.agents.personas import PersonaCardError
    from mariogen.evaluation.scoring import TESTER_PLACEHOLDERS, resolve_need
    from mariogen.generator.fitness import context
    from mariogen.level.segments import SegmentError
    from mariogen.metrics import make_metric

    known = sorted(spec.name for spec in list_agents())
    for persona in (*settings.players, *settings.others):
        if persona not in known:
            raise UserError(f"unknown persona {persona!r}; known: {', '.join(known)}")
    for name, _ in settings.metrics:
        try:
            metric = make_metric(name)
        except (KeyError, TypeError, ValueError) as exc:
            raise UserError(str(exc.args[0] if exc.args else exc)) from None
        for persona in getattr(metric, "needs", ()):
            try:
                resolved = resolve_need(persona, settings.persona)
            except PersonaCardError as exc:
                raise UserError(f"metric {name}: {exc}") from None
            if persona not in TESTER_PLACEHOLDERS and resolved not in known:
                raise UserError(f"metric {name} needs the persona {persona!r}, which is unknown")
    try:
        context(settings)
    except SegmentError as exc:
        raise UserError(str(exc)) from None


def _warnings(args: argparse.Namespace, settings: Any) -> list[str]:
    """Options that will not do what the user may expect."""
    out = [w for w in (too_many_workers(args.workers),) if w]
    if args.self_weight is not None and settings.mode != "contrast":
        out.append(f"--self-weight is used in contrast mode only; mode {settings.mode} ignores it")
    return out


def _state(best: Any, settings: Any) -> str:
    if not best.playable:
        return "not playable"
    if not best.in_band:
        return f"playable, but not {settings.difficulty} (challenge {best.challenge:.2f})"
    return "playable" if settings.difficulty == "any" else f"playable, {settings.difficulty}"


def _like(args: argparse.Namespace) -> Any:
    """With --like: what the replays show and the tester it gives (``args.persona``)."""
    if not args.like:
        return None
    from mariogen.cli.like import infer

    inferred = infer(args.like)
    args.persona = inferred.likeness.persona
    print(inferred.line())
    return inferred


def run(args: argparse.Namespace) -> int:
    """Run the generator and write its outputs into ``args.output``.

    Returns:
        0 on success.

    Raises:
        UserError: for an unknown persona or metric, a bad library or checkpoint.
    """
    from mariogen.generator import CheckpointError, run_generator
    from mariogen.generator.checkpoint import CHECKPOINT_NAME
    from mariogen.generator.outputs import write_outputs

    out_dir = Path(args.output)
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"-o {args.output}: exists and is not a folder")
    inferred = _like(args)
    settings = _settings(args, out_dir)
    _check_names(settings)
    claim = _claim(args, out_dir, settings)
    cards = inferred.install(out_dir) if inferred is not None else []
    resume = claim.resumed and (out_dir / CHECKPOINT_NAME).exists()
    for warning in _warnings(args, settings):
        print(f"mariogen: warning: {warning}", file=sys.stderr)
    start = time.perf_counter()
    try:
        with executor_of(args) as executor:
            result = run_generator(
                settings,
                out_dir,
                workers=args.workers,
                resume=resume,
                progress=not args.quiet,
                executor=executor,
            )
    except CheckpointError as exc:
        raise UserError(str(exc)) from None
    except KeyboardInterrupt:
        print(f"\nstopped; continue with: mariogen generate --resume -o {args.output}")
        return 130
    wall = time.perf_counter() - start
    outputs = write_outputs(result, out_dir, replays=not args.no_replays)
    if inferred is not None:
        from mariogen.cli.like import add_to_report

        add_to_report(out_dir / "report.md", inferred)
    claim.finish([*outputs.files, *cards])
    best = result.best_evaluation
    print(
        f"best level: fitness {best.objective:.4g} "
        f"({_state(best, result.settings)}), "
        f"{len(result.cache)} levels played in {wall:.1f} s"
    )
    for note in outputs.notes:
        print(f"note: {note}")
    print(
        f"wrote {out_dir / 'level.txt'}, {out_dir / 'report.md'} and {len(outputs.files) - 2} more"
    )
    return 0
