"""``mariogen evaluate``: play levels with agents and tabulate every metric."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from mariogen.cli.argtypes import seconds, whole_number
from mariogen.cli.cluster import add_dask_option, executor_of
from mariogen.cli.command import add_command, too_many_workers, warn
from mariogen.cli.errors import UserError
from mariogen.level import Level
from mariogen.replay import DEFAULT_TIME_LIMIT_S

_HELP = "play levels with agents and compute experience metrics into one table"

_DESCRIPTION = """\
Play each LEVEL once with each agent of --agents (plus any persona a metric names, such as
runner-weak for ability-gap-v0), compute every metric of --metrics, and write one tidy
table with the columns level, agent, metric, value (--wide: one row per level and agent,
one column per metric).

Content metrics (of the level alone) and metrics of named personas do not depend on the
evaluated agent: their value is repeated on every agent's row, so the table always has
levels x agents x metrics rows. Every play uses the same --seed; plays run in --workers
processes (or on a Dask cluster, --dask) and the table is the same whatever runs them. A
worker that dies or hangs is replaced and its play run once more; a play that fails again
is reported on stderr and its metrics are NaN. Metrics whose persona is not
available (with --metrics all) are reported on stderr and get NaN.

See `mariogen metrics list` for the metrics, their formulas and sources."""

_EPILOG = """\
examples:
  mariogen examples -o examples/      # the shipped example levels, copied here
  mariogen evaluate examples/*.txt --agents run-right,random
  mariogen evaluate lvl-*.txt --agents runner,collector,killer -o out/table.csv
  mariogen evaluate LEVEL.txt --metrics completion-v0,coin-rate-v0 --wide -o table.md
  mariogen evaluate LEVEL.txt --metrics tpkl-v0 --reference my-levels/ -o kl.tex
  mariogen evaluate LEVEL.txt --metrics ability-gap-v0 --set ability-gap-v0.persona=killer
  mariogen evaluate examples/*.txt --agents runner --dask local --workers 2  # [dask]

output: .csv (full precision), .md or .tex (4 significant digits), by the extension;
without -o the wide table is printed.
exit status: 0 on success, 2 for a bad level, agent, metric or option."""

_MODES = ("small", "large", "fire")


def _names(text: str) -> list[str]:
    names = [part.strip() for part in text.split(",") if part.strip()]
    if not names:
        raise argparse.ArgumentTypeError("expected one or more comma-separated names")
    return names


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``evaluate`` subcommand.

    Args:
        subparsers: the top-level parser's subparsers.
    """
    parser = add_command(subparsers, "evaluate", _HELP, _DESCRIPTION, _EPILOG)
    parser.add_argument("levels", nargs="+", metavar="LEVEL", help="level files to evaluate")
    add = parser.add_argument
    add(
        "--agents",
        type=_names,
        default=["runner", "collector", "killer"],
        metavar="A,B",
        help="agents to evaluate, comma-separated (default runner,collector,killer; "
        "see `mariogen agents list`)",
    )
    add(
        "--metrics",
        default="all",
        metavar="all|NAME,...",
        help="metrics to compute (default all; see `mariogen metrics list`)",
    )
    add("-o", "--output", metavar="FILE", help="table to write: .csv, .md or .tex")
    add("--wide", action="store_true", help="one row per level and agent, a column per metric")
    add(
        "--workers",
        type=whole_number(),
        default=os.cpu_count() or 1,
        metavar="N",
        help="processes playing in parallel (default: the number of CPUs)",
    )
    add_dask_option(parser)
    add("--mode", choices=_MODES, default="small", help="Mario's start mode (default small)")
    add("--seed", type=int, default=0, metavar="S", help="seed of every agent (default 0)")
    add(
        "--time-limit",
        type=seconds,
        default=DEFAULT_TIME_LIMIT_S,
        metavar="SECONDS",
        help=f"time limit of every play (default {DEFAULT_TIME_LIMIT_S:g} s, as play and generate)",
    )
    add(
        "--reference",
        action="append",
        metavar="PATH",
        help="reference corpus (folder or level file; repeatable) of the metrics that take "
        "one (tpkl-v0, tpjs-v0, ncd-v0); default levels/",
    )
    add(
        "--set",
        action="append",
        default=[],
        metavar="METRIC.PARAM=VALUE",
        help="a metric parameter, e.g. edrl-fun-v0.segment_width=16 (repeatable)",
    )
    add("--no-progress", action="store_true", help="no progress bar")
    parser.set_defaults(func=run)


def parse_value(text: str) -> Any:
    """A parameter value: an int, a float, true/false, or the text itself."""
    lowered = text.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def metric_params(settings: list[str], reference: list[str] | None) -> dict[str, dict[str, Any]]:
    """``--set`` options as {metric: {param: value}}.

    Raises:
        UserError: for a setting that is not METRIC.PARAM=VALUE.
    """
    out: dict[str, dict[str, Any]] = {}
    for setting in settings:
        key, eq, value = setting.partition("=")
        metric, dot, param = key.strip().rpartition(".")
        if not (eq and dot and metric and param):
            raise UserError(f"--set {setting!r}: expected METRIC.PARAM=VALUE")
        out.setdefault(metric, {})[param] = parse_value(value)
    if reference:
        out.setdefault("*", {})["reference"] = list(reference)
    return out


def resolve_metrics(spec: str, params: dict[str, dict[str, Any]]) -> tuple[list, bool]:
    """The metrics named by ``--metrics`` built with their parameters; and whether "all".

    Raises:
        UserError: for an unknown metric or a bad parameter.
    """
    from mariogen.metrics import make_metric, metric_names

    known = metric_names()
    everything = spec.strip() == "all"
    names = known if everything else _names_or_error(spec)
    unknown = [n for n in [*names, *(k for k in params if k != "*")] if n not in known]
    if unknown:
        raise UserError(
            f"unknown metric {unknown[0]!r}; see `mariogen metrics list` (known: "
            f"{', '.join(known)})"
        )
    metrics = []
    for name in names:
        own = dict(params.get(name, {}))
        default = make_metric(name)
        for key, value in params.get("*", {}).items():
            if key in getattr(default, "params", {}):
                own.setdefault(key, value)
        try:
            metrics.append(make_metric(name, **own))
        except (TypeError, ValueError) as exc:
            raise UserError(f"{name}: {exc}") from None
    return metrics, everything


def _names_or_error(spec: str) -> list[str]:
    try:
        return list(dict.fromkeys(_names(spec)))
    except argparse.ArgumentTypeError as exc:
        raise UserError(f"--metrics: {exc}") from None


def _check_output(path: str | None) -> None:
    from mariogen.metrics.tables import FORMATS

    if path is not None and os.path.splitext(path)[1].lower() not in FORMATS:
        raise UserError(f"-o {path}: expected a file ending in {', '.join(FORMATS)}")


def _check_agents(agents: list[str], metrics: list, everything: bool, seed: int) -> None:
    """Every agent must be available; so must the personas of metrics named explicitly."""
    from mariogen.evaluation import agent_problem, named_needs

    for name in dict.fromkeys(agents):
        problem = agent_problem(name, seed)
        if problem:
            raise UserError(f"--agents: {problem}")
    if everything:
        return
    for metric in metrics:
        for name in named_needs(metric):
            problem = None if name in agents else agent_problem(name, seed)
            if problem:
                raise UserError(f"metric {metric.name} needs persona {name!r}: {problem}")


def run(args: argparse.Namespace) -> int:
    """Evaluate the levels and write (or print) the table.

    Returns:
        0 on success.
    """
    from mariogen.evaluation import evaluate, wide
    from mariogen.metrics.tables import write_table

    _check_output(args.output)
    metrics, everything = resolve_metrics(args.metrics, metric_params(args.set, args.reference))
    _check_agents(args.agents, metrics, everything, args.seed)
    levels = [Level.read(path) for path in args.levels]
    if too_many_workers(args.workers):
        warn(too_many_workers(args.workers))
    try:
        with executor_of(args) as executor:
            result = evaluate(
                levels,
                list(dict.fromkeys(args.agents)),
                metrics,
                seed=args.seed,
                mode=args.mode,
                time_limit_s=args.time_limit,
                workers=args.workers,
                executor=executor,
                progress=False if args.no_progress else None,
            )
    except ValueError as exc:  # e.g. a reference corpus without levels
        raise UserError(str(exc)) from None
    for name, why in result.skipped.items():
        print(f"mariogen: warning: {name} is NaN: it {why}", file=sys.stderr)
    for (index, agent), why in result.failed.items():
        print(
            f"mariogen: warning: {args.levels[index]}: the play of {agent} failed: its worker "
            f"{why}; the metrics that read it are NaN",
            file=sys.stderr,
        )
    table = wide(result.table) if args.wide else result.table
    if args.output is None:
        print(wide(result.table).to_string(index=False))
        return 0
    write_table(table, args.output)
    n_levels, n_agents = len(levels), len(dict.fromkeys(args.agents))
    print(
        f"wrote {args.output} ({len(table)} rows: {n_levels} levels x {n_agents} agents"
        f"{'' if args.wide else f' x {len(metrics)} metrics'})"
    )
    return 0
