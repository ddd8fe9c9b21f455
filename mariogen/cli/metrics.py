"""``mariogen metrics``: list the registered experience metrics."""

from __future__ import annotations

import argparse
import json

from mariogen.cli.command import add_actions, add_command, add_default_action

_HELP = "list the experience metrics (name, kind, needs, range, direction, source)"

_DESCRIPTION = """\
List every registered metric: built-in ones and those that installed packages add through
the entry-point group "mariogen.metrics". A metric has a versioned name (a changed definition
gets a new version), a kind (content: computed from the level alone; gameplay: from plays),
the plays it needs ("agent" is the agent being evaluated; other names are personas), its
range, the direction its source prefers, and the publication it follows. Formulas are in
mariogen/metrics/README.md and in --json."""

_EPILOG = """\
examples:
  mariogen metrics list
  mariogen metrics list --kind gameplay
  mariogen metrics list --json > metrics.json
  mariogen evaluate LEVEL.txt --metrics leniency-v0,coin-rate-v0

exit status: 0 on success, 2 for a bad option."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``metrics`` subcommand.

    Args:
        subparsers: the top-level parser's subparsers.
    """
    parser = add_command(subparsers, "metrics", _HELP, _DESCRIPTION, _EPILOG)
    actions = add_actions(parser)
    add_default_action(
        parser, actions, "list", "list the metrics", _DESCRIPTION, _EPILOG, _list_options
    )
    parser.set_defaults(func=run)


def _list_options(parser: argparse.ArgumentParser) -> None:
    from mariogen.metrics.base import Kind

    kinds = [kind.value for kind in Kind]
    parser.add_argument("--kind", choices=kinds, help="only metrics of a kind")
    parser.add_argument("--json", action="store_true", help="print JSON (with formulas)")


def _bound(value: float | None) -> str:
    return "-inf" if value is None else f"{value:g}"


def _range(lo: float | None, hi: float | None) -> str:
    return f"[{_bound(lo)}, {'inf' if hi is None else f'{hi:g}'}]"


def run(args: argparse.Namespace) -> int:
    """Print the metrics as a table, or as JSON with ``--json``.

    Returns:
        0.
    """
    from mariogen.metrics import describe, list_metrics

    metrics = list_metrics(kind=args.kind)
    if args.json:
        print(json.dumps([describe(m) for m in metrics], indent=2, default=str))
        return 0
    rows = [("name", "kind", "needs", "range", "direction", "source")]
    for m in metrics:
        needs = ",".join(m.needs) or "-"
        rows.append((m.name, str(m.kind), needs, _range(*m.range), str(m.direction), m.source))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for row in rows:
        cells = [cell.ljust(w) for cell, w in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[5]]))
    return 0
