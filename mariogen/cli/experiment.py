"""``mariogen experiment``: run experiments from TOML configs and redraw their reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mariogen.cli.argtypes import whole_number
from mariogen.cli.cluster import add_dask_option
from mariogen.cli.command import add_command
from mariogen.cli.errors import UserError
from mariogen.resources import project_path

if TYPE_CHECKING:
    from mariogen.experiment.config import ExperimentConfig
    from mariogen.experiment.run import RunSummary

_HELP = "run an experiment (persona matrix, metric or generator comparison) and report it"

_DESCRIPTION = """\
Run an experiment described by a TOML config, or redraw the report of a finished one.

CONFIG is a config file, or the name of a shipped experiment (`mariogen experiment` lists
them; they live in experiments/NAME/config.toml of the checkout, or in share/mariogen/
experiments/ of an installed environment):

  persona_matrix         same metric, different testers: are the levels for the tester?
                         Every persona plays every level; one-sided Mann-Whitney U with
                         Holm's correction, A12 with bootstrap CIs, dominance indices.
  persona_matrix_rl      the same with the RL personas (rl-runner, rl-collector,
                         rl-killer) as testers and players.
  metric_comparison      every registered metric on corpora of levels: Spearman
                         correlations, expressive-range histograms, persona x metric table.
  generator_comparison   which generator (the shared MAF generators' folders, any folder,
                         or mariogen's per-persona levels) gives each persona the most of
                         its behaviour: a report card.

Outputs go to results/KIND/NAME/ (NAME from the config; -quick and -seedN appended for
--quick and --seed-offset) unless -o: the tidy table table.csv, the config copied as
config.toml, the generated levels, cells/ (one JSON per finished cell: a resumed run skips
them) and report/ (Markdown and LaTeX tables, PNG plots). A folder that holds another run
is refused: --resume continues the same config, --force replaces it."""

_EPILOG = """\
examples:
  mariogen experiment                                      # list the shipped experiments
  mariogen experiment run persona_matrix --quick           # the CI preset, a few minutes
  mariogen experiment run persona_matrix --workers 2       # the full run (K = 10)
  mariogen experiment run persona_matrix --seed-offset 100 # the same on other seeds
  mariogen experiment run persona_matrix --resume          # continue after a crash
  mariogen experiment run persona_matrix_rl --workers 2    # RL testers, K = 100
  mariogen experiment run my-config.toml -o results/mine
  mariogen experiment run persona_matrix --dask local --workers 2  # needs [dask]
  mariogen experiment report results/persona_matrix/full  # redraw tables and plots

exit status: 0 on success, 2 for a bad config or a refused output folder."""

#: Experiments shipped in experiments/NAME/config.toml.
SHIPPED = ("persona_matrix", "persona_matrix_rl", "metric_comparison", "generator_comparison")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``experiment`` subcommand.

    Args:
        subparsers: the top-level parser's subparsers.
    """
    parser = add_command(subparsers, "experiment", _HELP, _DESCRIPTION, _EPILOG)
    sub = parser.add_subparsers(title="actions", metavar="ACTION", dest="action")
    run_parser = add_command(sub, "run", "run (or resume) an experiment", _DESCRIPTION, _EPILOG)
    run_parser.add_argument("config", metavar="CONFIG", help="a config file or a shipped name")
    run_parser.add_argument("--quick", action="store_true", help="the config's [quick] preset (CI)")
    run_parser.add_argument(
        "--workers",
        type=whole_number(1),
        default=1,
        metavar="N",
        help="processes running cells in parallel (default 1)",
    )
    add_dask_option(run_parser)
    run_parser.add_argument("-o", "--output", metavar="DIR", help="output folder")
    run_parser.add_argument("--resume", action="store_true", help="continue the run in the folder")
    run_parser.add_argument("--force", action="store_true", help="replace what the folder holds")
    run_parser.add_argument(
        "--seed-offset",
        type=whole_number(0),
        default=0,
        metavar="N",
        help="add N to every seed (a rerun on other seeds)",
    )
    report = add_command(
        sub,
        "report",
        "redraw a finished run's tables and plots",
        "Redraw table.csv and report/ of a finished run from its saved "
        "cells and config copy (nothing is played).",
        "examples:\n  mariogen experiment report results/persona_matrix/full",
    )
    report.add_argument("folder", metavar="DIR", help="the run's output folder")
    lst = add_command(
        sub,
        "list",
        "list the shipped experiments",
        "List the shipped experiments and where their configs are.",
        "examples:\n  mariogen experiment list",
    )
    for p in (run_parser, report, lst):
        p.set_defaults(func=run)
    parser.set_defaults(func=run, action="list")


def shipped_config(name: str) -> Path:
    """The config file of a shipped experiment."""
    return project_path("experiments", name, "config.toml")


def _config_path(text: str) -> Path:
    path = Path(text)
    if path.exists() or text not in SHIPPED:
        return path
    return shipped_config(text)


def _run(config: ExperimentConfig, folder: Path, args: argparse.Namespace) -> RunSummary:
    from mariogen.evaluation.parallel import executor_scope
    from mariogen.experiment.run import CELL_TIMEOUT_S, run_experiment

    if not args.dask:
        return run_experiment(
            config, folder, workers=args.workers, resume=args.resume, force=args.force
        )
    with executor_scope(workers=args.workers, dask=args.dask, timeout_s=CELL_TIMEOUT_S) as pool:
        return run_experiment(config, folder, executor=pool, resume=args.resume, force=args.force)


def run(args: argparse.Namespace) -> int:
    """Do the requested action (``list`` without one)."""
    if args.action == "list":
        for name in SHIPPED:
            print(f"{name:22s} {shipped_config(name)}")
        return 0
    from mariogen.experiment.run import report_experiment

    if args.action == "report":
        files = report_experiment(Path(args.folder))
        print(f"wrote {len(files)} files under {args.folder}")
        return 0
    from mariogen.experiment.config import load_config
    from mariogen.experiment.store import default_folder

    config = load_config(_config_path(args.config), quick=args.quick, seed_offset=args.seed_offset)
    folder = Path(args.output) if args.output else default_folder(config)
    if args.resume and args.force:
        raise UserError("--resume and --force exclude each other")
    summary = _run(config, folder, args)
    print(
        f"{config.kind.value} {config.name}: {summary.cells} cells ({summary.ran} run now) in "
        f"{summary.seconds:.0f} s; wrote {folder}/table.csv and {folder}/report/",
        file=sys.stderr,
    )
    return 0
